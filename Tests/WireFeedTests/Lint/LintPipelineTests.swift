import Foundation
import Testing
import WireFeed
import XMLCore

/// Large documents run their feed rules on a second thread (LintEngine pipelined): the
/// findings must be the same, in the same order, as on one thread.
@Suite("Feed rules on a second thread find what they find on one")
struct LintPipelineTests {
    @Test func everyCorpusFeedAndAGeneratedOne() throws {
        var files = Files.files(under: Paths.fixtures + "/lint") { $0.hasSuffix(".xml") }
        #expect(files.count > 100)
        let big = try Converter.render(
            Generated.articles(count: 400, seed: 3), feed: Fixtures.feed, format: .rss, updated: Fixtures.updated)
        let path = NSTemporaryDirectory() + "wf-lint-\(UUID().uuidString).xml"
        try Data(big).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        files.append(path)
        var findings = 0
        for file in files {
            let bytes = try Paths.bytes(file)
            guard let format = try? DocumentFormat.detect(XMLStreamReader(.bytes(bytes), file: file)).0 else {
                continue
            }
            func run(_ pipelined: Bool) -> [Diagnostic]? {
                guard let r = try? XMLStreamReader(.bytes(bytes), file: file) else { return nil }
                return try? LintEngine.run(
                    reader: r, file: file, format: format, options: LintOptions(now: LintFixture.now),
                    pipelined: pipelined)
            }
            let one = run(false)
            let two = run(true)
            #expect(one?.map(\.formatted) == two?.map(\.formatted), "\(file)")
            findings += one?.count ?? 0
        }
        #expect(findings > 100)
    }
}
