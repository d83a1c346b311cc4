import Foundation
import Testing

/// Issue 12's cases, one test each: what a hostile or unlucky input does to the binary, its
/// exit code, its one line on stderr, and (measured on the child alone) a generous bound on
/// time and peak memory: the shapes below took minutes or gigabytes before.
@Suite("Hardening")
struct HardeningTests {
    /// Far above what the fixed code needs (tens of MB), far below what the shapes took.
    static let memoryKB = 400_000
    /// Seconds; an instrumented binary (scripts/sanitizers) is much slower.
    static let seconds: Double = ProcessInfo.processInfo.environment["WIREFEED_SANITIZED"] == nil ? 20 : 120

    func bounded(_ m: Measured, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(m.signal == nil, "\(what): killed by signal \(m.signal ?? 0)", sourceLocation: sourceLocation)
        #expect(m.peakKB < Self.memoryKB, "\(what): peak \(m.peakKB) KB", sourceLocation: sourceLocation)
        #expect(m.seconds < Self.seconds, "\(what): \(m.seconds) s", sourceLocation: sourceLocation)
    }

    func refused(_ m: Measured, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        bounded(m, fragment, sourceLocation: sourceLocation)
        #expect(m.status == 1, "\(m.stderr)", sourceLocation: sourceLocation)
        #expect(m.stderr.split(separator: "\n").count == 1, "\(m.stderr)", sourceLocation: sourceLocation)
        #expect(m.stderr.contains(fragment), "\(m.stderr)", sourceLocation: sourceLocation)
    }

    static let fuzz = CLI.repo + "/fixtures/fuzz/"

    // 1. YAML nested past the bound after a line whose apostrophe fooled a text scan.
    @Test(arguments: [("text-yaml-nesting-after-comment-apostrophe", 4), ("text-yaml-nesting-after-plain-apostrophe", 3), ("text-yaml-nesting-after-escaped-quote", 3)])
    func deepYAML(_ name: String, line: Int) throws {
        refused(try CLI.measure(["convert", Self.fuzz + name + ".txt", "--to", "rss"]), "\(name).txt:\(line): metadata nests deeper than 32 levels")
        // --output-dir: the batch goes on past the bad article.
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let m = try CLI.measure(["convert", Self.fuzz + name + ".txt", CLI.repo + "/fixtures/articles", "--to", "newsml", "--output-dir", dir + "/out"])
        bounded(m, name)
        #expect(m.status == 1)
        #expect(m.stderr.contains("nests deeper"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []).count > 3)
    }

    // 1. The same in a --feed file.
    @Test func deepFeedYAML() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try ("title: Feed\n# it's\nauthors: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
            .write(toFile: dir + "/feed.yaml", atomically: true, encoding: .utf8)
        refused(try CLI.measure(["convert", CLI.repo + "/fixtures/articles", "--feed", dir + "/feed.yaml", "--to", "rss"]), "feed.yaml:3: metadata nests deeper than 32 levels")
    }

    // 2. An anchor aliased thousands of times.
    @Test func yamlAliasFanOut() throws {
        refused(try CLI.measure(["convert", Self.fuzz + "text-yaml-alias-fanout.txt", "--to", "rss"]), "text-yaml-alias-fanout.txt:4: aliases expand the metadata past")
    }
}
