import Testing
import WireFeed
import XMLCore

/// Articles the writers are tested on: the fixtures (with and without feed metadata),
/// seeded random articles, and the seed when `../shared/` is there.
enum Corpora {
    static func all() throws -> [(String, [Article], Feed)] {
        var out: [(String, [Article], Feed)] = [("fixtures", try Fixtures.articles(), Fixtures.feed)]
        out.append(("fixtures, least feed metadata", try Fixtures.articles(feed: Feed()), Fixtures.leastFeed))
        out.append(
            (
                "generated", Generated.articles(count: 60, seed: 7),
                Feed(title: "Generated & <tested>", url: "https://example.org/")
            ))
        out.append(("generated, least feed", Generated.articles(count: 30, seed: 11), Fixtures.leastFeed))
        if Paths.sharedAvailable { out.append(("seed", try Fixtures.seedArticles(), Fixtures.leastFeed)) }
        return out
    }

    static func newsItems() throws -> [Article] {
        try Fixtures.articles() + Generated.articles(count: 20, seed: 3)
            + (Paths.sharedAvailable ? try Fixtures.seedArticles() : [])
    }

    static func item(_ a: Article) throws -> [UInt8] {
        let sink = MemorySink()
        try NewsMLWriter.writeItem(a, feed: Fixtures.feed, context: WriteContext(updated: Fixtures.updated), to: sink)
        return sink.bytes
    }
}

func checkAll(_ format: OutputFormat, against schema: Schema) throws {
    for (name, articles, feed) in try Corpora.all() {
        let bytes = try Converter.render(articles, feed: feed, format: format, updated: Fixtures.updated)
        #expect(errors(schema.validate(bytes, file: "\(name).\(format)")) == [], "\(name)")
    }
}

/// Every document the writers produce is valid by the project's own schemas (`schemas/`).
@Suite("Writers produce documents valid by schemas/")
struct OwnSchemaValidationTests {
    @Test func rss() throws { try checkAll(.rss, against: Schemas.rssOwn) }
    @Test func atom() throws { try checkAll(.atom, against: Schemas.atomOwn) }
    @Test func newsml() throws { try checkAll(.newsml, against: Schemas.newsmlOwn) }

    @Test func loneNewsItems() throws {
        for a in try Corpora.newsItems() {
            #expect(errors(Schemas.newsmlOwn.validate(try Corpora.item(a), file: a.id)) == [])
        }
    }
}

/// ... and by the real standards in `../shared/reference/`: IPTC's NewsML-G2 XSD, RFC 4287's
/// RELAX NG, and the community RSS 2.0 XSD (the patched one: the original rejects the spec's own
/// `email (Name)` author form, see `../shared/reference/rss/README.md`).
@Suite(
    "Writers produce documents valid by the official schemas",
    .enabled(if: Paths.sharedAvailable, "needs ../shared/reference"))
struct ReferenceSchemaValidationTests {
    @Test func rss() throws { try checkAll(.rss, against: Schemas.rssReference) }
    @Test func atom() throws { try checkAll(.atom, against: Schemas.atomReference) }
    @Test func newsml() throws { try checkAll(.newsml, against: Schemas.newsmlReference) }

    @Test func loneNewsItems() throws {
        for a in try Corpora.newsItems() {
            #expect(errors(Schemas.newsmlReference.validate(try Corpora.item(a), file: a.id)) == [])
        }
    }

    /// Where no author carries an e-mail, the output also passes the original, unpatched RSS XSD.
    @Test func rssWithoutEmailsPassesTheOriginalXSD() throws {
        let original = try Schema(path: Paths.reference + "/rss/rss-2_0.xsd")
        var articles = try Fixtures.articles(feed: Feed())
        for i in articles.indices {
            articles[i].authors = articles[i].authors.map { Person(name: $0.name, role: $0.role) }
        }
        let feed = Feed(title: "t", url: "https://news.example.org/")
        let bytes = try Converter.render(articles, feed: feed, format: .rss, updated: Fixtures.updated)
        #expect(errors(original.validate(bytes, file: "original.rss")) == [])
    }
}

@Suite struct DocumentValidatorTests {
    /// However many documents, each schema is compiled once per validator (per run).
    @Test func eachSchemaCompiledOnce() throws {
        let validator = DocumentValidator(schemasDirectory: Paths.schemas)
        let rss = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: .rss, updated: Fixtures.updated)
        let atom = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: .atom, updated: Fixtures.updated)
        for i in 0..<50 {
            #expect(validator.validate(file: "r\(i).xml", bytes: rss).isValid())
            #expect(validator.validate(file: "a\(i).xml", bytes: atom).isValid())
        }
        #expect(validator.compiledSchemaCount == 2)
    }
}
