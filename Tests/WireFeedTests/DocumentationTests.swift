import Foundation
import Testing

/// The getting-started article's code is the example client's code: every line of every
/// Swift block in the article appears, in order, in `Examples/QuickStart`, which `.ci/run`
/// builds and runs. So the documented code compiles and works as shown.
@Suite struct DocumentationTests {
    static func swiftBlocks(_ markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil, !trimmed.isEmpty {
                current!.append(trimmed)
            }
        }
        return blocks
    }

    /// Whether `lines` occur in `source` in this order (each a whole trimmed line).
    static func appearsInOrder(_ lines: [String], in source: String) -> Bool {
        let sourceLines = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var i = 0
        for line in lines {
            guard let found = sourceLines[i...].firstIndex(of: line) else { return false }
            i = found + 1
        }
        return true
    }

    @Test func gettingStartedCodeIsTheExampleClient() throws {
        let article = try String(
            contentsOfFile: Paths.repo + "/Sources/WireFeed/WireFeed.docc/GettingStarted.md", encoding: .utf8)
        let example = try String(
            contentsOfFile: Paths.repo + "/Examples/QuickStart/Sources/QuickStart/main.swift", encoding: .utf8)
        let blocks = Self.swiftBlocks(article)
        #expect(blocks.count == 3)
        for block in blocks {
            #expect(Self.appearsInOrder(block, in: example), "not in Examples/QuickStart: \(block)")
        }
        #expect(!Self.appearsInOrder(["let rss = try Converter.render()"], in: example))
    }
}
