import Foundation
import Testing
import WireFeed
import XMLCore

/// The importer reads on one thread and maps on another (ImportPipeline): these tests pin
/// what must not change with that: order, the article limit, and what happens on errors
/// from either side.
@Suite("Import pipeline: order, limits and errors across the two threads")
struct ImportPipelineTests {
    static let articles = Generated.articles(count: 300, seed: 11)

    static func document(_ format: OutputFormat) throws -> [UInt8] {
        try Converter.render(articles, feed: Fixtures.feed, format: format, updated: Fixtures.updated)
    }

    /// Records what it is handed; throws on the article numbered `failAt` (1-based).
    final class Recorder: ImportHandler {
        struct Refused: Error {}
        var ids: [String] = []
        var ended = false
        let failAt: Int?
        init(failAt: Int? = nil) { self.failAt = failAt }
        func begin(format: DocumentFormat) {}
        func article(_ article: Article) throws {
            if ids.count + 1 == failAt { throw Refused() }
            ids.append(article.id)
        }
        func end(feed: Feed?) { ended = true }
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func articlesComeInDocumentOrder(_ format: OutputFormat) throws {
        let r = Recorder()
        try FeedImporter.run(.bytes(try Self.document(format)), file: "order", handler: r)
        #expect(r.ids == Self.articles.map(\.id))
        #expect(r.ended)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func theLimitStopsAfterExactlyThatManyArticles(_ format: OutputFormat) throws {
        let r = Recorder()
        let warnings = try FeedImporter.run(
            .bytes(try Self.document(format)), file: "limit", options: ImportOptions(maximumArticles: 7), handler: r)
        #expect(r.ids == Array(Self.articles.prefix(7).map(\.id)))
        #expect(r.ended, "the feed metadata is still handed on")
        #expect(
            warnings.contains { $0.rule == "limit" && $0.message.contains("stopped after 7 articles") && $0.line > 1 })
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func aReadingErrorComesAfterTheArticlesBeforeIt(_ format: OutputFormat) throws {
        let bytes = try Self.document(format)
        // Cut the document in the middle: what was complete before the cut is handed on,
        // then the error, with no end(feed:).
        let cut = Array(bytes.prefix(bytes.count / 2))
        let r = Recorder()
        #expect(throws: XMLError.self) {
            try FeedImporter.run(.bytes(cut), file: "cut.xml", options: ImportOptions(recovers: false), handler: r)
        }
        #expect(r.ids.count > 100)
        #expect(r.ids.count < Self.articles.count)
        #expect(r.ids == Array(Self.articles.prefix(r.ids.count).map(\.id)))
        #expect(!r.ended)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func aCutDocumentIsReadToTheCutEachItemOnce(_ format: OutputFormat) throws {
        let bytes = try Self.document(format)
        let cut = Array(bytes.prefix(bytes.count / 2))
        let strict = Recorder()
        _ = try? FeedImporter.run(
            .bytes(cut), file: "cut.xml", options: ImportOptions(recovers: false), handler: strict)
        // The strict reading handed some items on before it failed; recovery hands on each
        // complete item once, in order, then the feed.
        let r = Recorder()
        let warnings = try FeedImporter.run(.bytes(cut), file: "cut.xml", handler: r)
        #expect(r.ids.count >= strict.ids.count)
        #expect(r.ids.count < Self.articles.count)
        #expect(r.ids == Array(Self.articles.prefix(r.ids.count).map(\.id)))
        #expect(r.ended)
        #expect(warnings.filter { $0.rule?.hasPrefix("recover.") == true }.map(\.rule) == ["recover.truncated"])
        // The item the cut fell in is the one after the last handed on.
        let complete = Self.articles.prefix(r.ids.count + 1).last!
        #expect(!r.ids.contains(complete.id))
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func aReadingErrorPastTheLimitIsNotTheImportsBusiness(_ format: OutputFormat) throws {
        // The reader runs a few items ahead of the limit: a broken end it meets there must
        // not fail an import that already has all it asked for.
        let few = Generated.articles(count: 6, seed: 12)
        let bytes = try Converter.render(few, feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        let cut = Array(bytes.prefix(bytes.count * 7 / 10))
        #expect(throws: XMLError.self) {
            try FeedImporter.run(
                .bytes(cut), file: "cut.xml", options: ImportOptions(recovers: false), handler: Recorder())
        }
        let r = Recorder()
        let warnings = try FeedImporter.run(
            .bytes(cut), file: "cut.xml", options: ImportOptions(maximumArticles: 2), handler: r)
        #expect(r.ids == few.prefix(2).map(\.id))
        #expect(r.ended)
        #expect(warnings.contains { $0.rule == "limit" })
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func aHandlerErrorStopsTheReadingAndIsTheErrorThrown(_ format: OutputFormat) throws {
        let r = Recorder(failAt: 5)
        #expect(throws: Recorder.Refused.self) {
            try FeedImporter.run(.bytes(try Self.document(format)), file: "refused", handler: r)
        }
        #expect(r.ids == Array(Self.articles.prefix(4).map(\.id)))
        #expect(!r.ended)
    }

    /// The limit's note is information (severity info), not a warning; 0 imports none.
    @Test func limitIsANoteAndZeroImportsNone() throws {
        let bytes = try Self.document(.rss)
        let exact = Recorder()
        let notes = try FeedImporter.run(
            .bytes(bytes), file: "exact", options: ImportOptions(maximumArticles: Self.articles.count), handler: exact)
        #expect(exact.ids.count == Self.articles.count)
        #expect(notes.filter { $0.rule == "limit" }.allSatisfy { $0.severity == .info })
        let zero = Recorder()
        let warned = try FeedImporter.run(
            .bytes(bytes), file: "zero", options: ImportOptions(maximumArticles: 0), handler: zero)
        #expect(zero.ids.isEmpty)
        #expect(zero.ended)
        #expect(
            warned.contains {
                $0.rule == "limit" && $0.severity == .info && $0.message.contains("stopped after 0 articles")
            })
    }

    /// With the limit reached, a reading error in the very next item is not the import's
    /// business (the reader stops at the limit). NewsML-G2 hands an item on when the next
    /// text item is read (picture items in between belong to it), so there the break is
    /// one item further.
    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func aBreakRightAfterTheLimitIsIgnored(_ format: OutputFormat) throws {
        let few = Generated.articles(count: 6, seed: 12)
        let bytes = try Converter.render(few, feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        // Cut inside the fourth item (its id is unique in the document); the fifth for NewsML-G2.
        let marker = Array(few[format == .newsml ? 4 : 3].id.utf8)
        let at = (0...(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }!
        let cut = Array(bytes.prefix(at + 2))
        let r = Recorder()
        _ = try FeedImporter.run(.bytes(cut), file: "cut.xml", options: ImportOptions(maximumArticles: 3), handler: r)
        #expect(r.ids == few.prefix(3).map(\.id))
        #expect(r.ended)
    }

    /// Text on either side of a comment is two text nodes, each under libxml2's 10 MB bound,
    /// with both engines (the events engine once counted them as one).
    @Test func textBrokenByCommentsIsNotOneNode() throws {
        let body = String(repeating: String(repeating: "a", count: 1_000_000) + "<!--c-->", count: 11)
        let feed =
            #"<rss version="2.0"><channel><title>T</title><link>https://e.example.org/</link><description>d</description><item><title>A</title><guid>https://e.example.org/a</guid><description>"#
            + body + "</description></item></channel></rss>"
        for engine in [XMLStreamReader.Engine.events, .textReader] {
            let (doc, _) = try FeedImporter.document(
                .bytes(Array(feed.utf8)), file: "split.xml", options: ImportOptions(engine: engine))
            #expect(doc.articles.count == 1, "\(engine)")
        }
    }

    /// An error libxml2 gives without a line (a byte the encoding cannot convert) gets the
    /// line where reading stopped.
    @Test func conversionErrorNamesALine() throws {
        let bytes: [UInt8] =
            Array(#"<rss version="2.0"><channel><title>Caf"#.utf8) + [0xE9]
            + Array("</title><link>https://e.example.org/</link><description>d</description>\n<item><title>".utf8) + [
                0xE2, 0x80, 0x9D,
            ] + Array("q</title><guid>b</guid></item>\n</channel></rss>\n".utf8)
        do {
            _ = try FeedImporter.document(.bytes(bytes), file: "mixed.xml", options: ImportOptions(recovers: false))
            Issue.record("expected an error")
        } catch let error as XMLError {
            #expect(error.file == "mixed.xml" && error.line == 2, "\(error)")
            #expect("\(error)".hasPrefix("mixed.xml:2:"), "\(error)")
        }
    }

    /// A document cut off inside an element says which element is open, and where it opened.
    @Test func cutOffDocumentNamesTheOpenElement() throws {
        let cases: [(String, String)] = [
            (
                #"<rss version="2.0"><channel><title>T</title><item><title>A</title>"#,
                "ends inside <item> (opened on line 1)"
            ),
            (
                "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\n<item>\n<content:encoded>abc",
                "ends inside <content:encoded> (opened on line 3)"
            ),
        ]
        for (doc, expected) in cases {
            do {
                _ = try FeedImporter.document(
                    .bytes(Array(doc.utf8)), file: "cut.xml", options: ImportOptions(recovers: false))
                Issue.record("expected an error")
            } catch let error as XMLError {
                #expect(error.file == "cut.xml" && error.line > 0, "\(error)")
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }
}
