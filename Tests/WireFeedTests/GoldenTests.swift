import Foundation
import Testing
import WireFeed

/// Golden files under `fixtures/golden/`: the fixtures converted to every format.
/// `RECORD_GOLDENS=1 swift test` rewrites them, and fails so a recording never passes silently.
@Suite struct GoldenTests {
    static let goldenName: [OutputFormat: String] = [
        .rss: "articles.rss.xml", .atom: "articles.atom.xml", .newsml: "articles.newsml.xml", .json: "articles.json",
        .jsonfeed: "articles.jsonfeed.json", .ninjs: "articles.ninjs.jsonl",
    ]

    @Test(arguments: OutputFormat.allCases)
    func outputMatchesGolden(_ format: OutputFormat) throws {
        let bytes = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        let path = Paths.golden + "/" + Self.goldenName[format]!
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(atPath: Paths.golden, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            Issue.record("recorded \(path): read it, then run the tests again without RECORD_GOLDENS")
            return
        }
        let golden = try Paths.bytes(path)
        if bytes != golden {
            let a = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let got = line < a.count ? String(a[line].prefix(200)) : "<end>"
            let want = line < b.count ? String(b[line].prefix(200)) : "<end>"
            Issue.record(
                "output differs from \(path) at line \(line + 1):\n  got:  \(got)\n  want: \(want)\nif the change is intended, re-record with RECORD_GOLDENS=1"
            )
        }
    }

    @Test(arguments: OutputFormat.allCases)
    func sameInputSameBytes(_ format: OutputFormat) throws {
        let a = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        let b = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        #expect(a == b)
    }
}
