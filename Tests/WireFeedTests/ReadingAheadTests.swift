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

extension ReadingAheadTests {
    /// Runs of cleaned-text files are read in parallel a run at a time: with runs of two or
    /// of thousands, the articles, the errors handed to `onFailure` and their order are the
    /// same, whatever JSON files sit between the runs.
    @Test func textRunsOfAnyLengthGiveTheSameWalk() throws {
        let dir = NSTemporaryDirectory() + "wf-runs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let texts = try FileManager.default.contentsOfDirectory(atPath: Paths.articles).filter { $0.hasSuffix(".txt") }
        #expect(texts.count >= 8)
        for name in texts {
            try FileManager.default.copyItem(atPath: Paths.articles + "/" + name, toPath: dir + "/" + name)
        }
        let encoder = JSONEncoder()
        for (name, a) in zip(["b-one.json", "f-two.json", "f-three.json"], Generated.articles(count: 3, seed: 8)) {
            try encoder.encode(a).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        try "no front matter closes\n---\nid: x\n".write(
            toFile: dir + "/e-broken.txt", atomically: true, encoding: .utf8)
        func walk(run: Int) throws -> [String] {
            var inputs = ArticleInputs(paths: [dir], reader: CleanedArticleReader(feed: Fixtures.feed))
            inputs.textRun = run
            var seen: [String] = []
            try inputs.forEach(onFailure: { seen.append("error: \($0)") }) { a, w in seen.append("\(a.id) \(w.count)") }
            return seen
        }
        let whole = try walk(run: 4096)
        #expect(whole.count == texts.count + 4)
        for run in [1, 2, 3] { #expect(try walk(run: run) == whole, "runs of \(run)") }
    }
}
