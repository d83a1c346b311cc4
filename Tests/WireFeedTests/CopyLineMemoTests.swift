import Foundation
import Testing
import XMLCore

@testable import NewsText

/// `CopyLine.classify` remembers what label lines were: a remembered answer is the answer
/// worked out afresh, for every line of the fixtures, read twice over on two threads.
@Suite struct CopyLineMemoTests {
    /// Canonically equivalent lines are equal Strings, but a remembered line gives its own
    /// bytes back only to the same bytes.
    @Test func equivalentTextIsNotTakenForTheSameLine() {
        let composed = "Sumber: Caf\u{E9} Press"
        let decomposed = "Sumber: Cafe\u{301} Press"
        #expect(composed == decomposed)
        for line in [composed, decomposed, composed] {
            guard case .source(let value) = CopyLine.classify(line) else {
                Issue.record("\(line) is a source line")
                continue
            }
            #expect(Array(value.utf8) == Array(line.dropFirst(8).utf8))
        }
    }

    @Test func rememberedLinesAreWhatTheyWereWorkedOutToBe() async throws {
        var lines: [String] = []
        for file in Files.files(under: Paths.fixtures, accept: { $0.hasSuffix(".txt") }) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            lines += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(lines.count > 500)
        let fresh = lines.map { CopyLine.label($0, bytes: $0.utf8.count) }
        let labels = fresh.filter { $0 != .text }.count
        #expect(labels > 30, "the fixtures hold trailer lines (\(labels))")
        let (all, answers) = (lines, fresh)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<2 {
                        for (line, expected) in zip(all, answers) {
                            let kind = CopyLine.classify(line)
                            // Prose is never a label: classify may stop before label() does.
                            if expected == .text || kind == .text { continue }
                            #expect(kind == expected, "\(line)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
