import Foundation
import Testing
import WireFeed
import XMLCore

/// `convert` reads its inputs on a second thread (ArticleInputs.forEachReadingAhead): the
/// articles, their order and the errors must be those of the one-thread `forEach`.
@Suite("Reading ahead: same articles, order and errors as forEach")
struct ReadingAheadTests {
    struct Refused: Error {}

    /// A JSON Lines file of `count` generated articles, line `broken` (1-based) replaced by
    /// something that is not JSON.
    static func jsonLines(count: Int, broken: Int? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var lines: [String] = []
        for (i, a) in Generated.articles(count: count, seed: 5).enumerated() {
            lines.append(i + 1 == broken ? "{\"id\": " : String(decoding: try encoder.encode(a), as: UTF8.self))
        }
        let path = NSTemporaryDirectory() + "wf-ahead-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sameArticlesInTheSameOrder() throws {
        let path = try Self.jsonLines(count: 500)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = ArticleInputs(paths: [path, Paths.articles], reader: CleanedArticleReader(feed: Fixtures.feed))
        var plain: [Article] = []
        try inputs.forEach { a, _ in plain.append(a) }
        var ahead: [Article] = []
        try inputs.forEachReadingAhead { a, _ in ahead.append(a) }
        #expect(plain.count == 509)
        #expect(ahead == plain)
    }

    @Test func aReadingErrorComesAfterTheArticlesBeforeIt() throws {
        let path = try Self.jsonLines(count: 300, broken: 200)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = ArticleInputs(paths: [path], reader: CleanedArticleReader(feed: Feed()))
        var seen = 0
        do {
            try inputs.forEachReadingAhead { _, _ in seen += 1 }
            Issue.record("no error")
        } catch let error as IngestError {
            #expect(error.line == 200)
        }
        #expect(seen == 199)
    }

    @Test func anErrorFromTheBodyStopsTheReading() throws {
        let path = try Self.jsonLines(count: 2000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = ArticleInputs(paths: [path], reader: CleanedArticleReader(feed: Feed()))
        var seen = 0
        #expect(throws: Refused.self) {
            try inputs.forEachReadingAhead { _, _ in
                seen += 1
                if seen == 10 { throw Refused() }
            }
        }
        #expect(seen == 10)
    }
}
