import Testing
import WireFeed
import XMLCore

/// Every document the writers produce is valid by the real standards (`../shared/reference/`)
/// and by the project's own schemas (`schemas/`).
@Suite("Writers produce valid documents")
struct WriterValidationTests {
    static func corpora() throws -> [(String, [Article], Feed)] {
        var out: [(String, [Article], Feed)] = [("fixtures", try Fixtures.articles(), Fixtures.feed)]
        out.append(("fixtures, no feed metadata", try Fixtures.articles(feed: Feed()), Feed()))
        out.append(("generated", Generated.articles(count: 40, seed: 7), Feed(title: "Generated & <tested>", url: "https://example.org/")))
        if Paths.sharedAvailable { out.append(("seed", try Fixtures.seedArticles(), Feed())) }
        return out
    }

    func check(_ format: OutputFormat, own: Schema, reference: () -> Schema) throws {
        for (name, articles, feed) in try Self.corpora() {
            let bytes = try Converter.render(articles, feed: feed, format: format, updated: Fixtures.updated)
            #expect(errors(own.validate(bytes, file: "\(name).\(format)")) == [], "own schema, \(name)")
            if Paths.sharedAvailable {
                #expect(errors(reference().validate(bytes, file: "\(name).\(format)")) == [], "reference schema, \(name)")
            }
        }
    }

    @Test func rssIsValid() throws { try check(.rss, own: Schemas.rssOwn) { Schemas.rssReference } }
    @Test func atomIsValid() throws { try check(.atom, own: Schemas.atomOwn) { Schemas.atomReference } }
    @Test func newsmlIsValid() throws { try check(.newsml, own: Schemas.newsmlOwn) { Schemas.newsmlReference } }

    @Test("Lone newsItem documents are valid", arguments: [true, false])
    func newsItemDocuments(_ fixtures: Bool) throws {
        let articles = fixtures ? try Fixtures.articles() : Generated.articles(count: 10, seed: 3)
        for a in articles {
            let sink = MemorySink()
            try NewsMLWriter.writeItem(a, feed: Fixtures.feed, context: WriteContext(updated: Fixtures.updated), to: sink)
            #expect(errors(Schemas.newsmlOwn.validate(sink.bytes, file: a.id)) == [])
            if Paths.sharedAvailable {
                #expect(errors(Schemas.newsmlReference.validate(sink.bytes, file: a.id)) == [])
            }
        }
    }
}
