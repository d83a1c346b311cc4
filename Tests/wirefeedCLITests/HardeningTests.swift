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

extension HardeningTests {
    static func feed(item: String, rootAttributes: String = "") -> [UInt8] {
        Array(("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"\(rootAttributes)><channel><title>t</title><link>https://example.com/</link><description>d</description>\n<item><title>x</title><guid isPermaLink=\"false\">g1</guid>\n" + item + "</item></channel></rss>\n").utf8)
    }

    func write(_ bytes: [UInt8], _ name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// validate prints its report on stdout; the first error is what matters.
    func validateRefuses(_ path: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let m = try CLI.measure(["validate", path])
        bounded(m, fragment, sourceLocation: sourceLocation)
        #expect(m.status == 1, sourceLocation: sourceLocation)
        #expect(m.out.split(separator: "\n").first?.contains(fragment) == true, "\(m.out.prefix(300))", sourceLocation: sourceLocation)
    }

    // 3. Quadratic time: attributes and namespace declarations are compared pairwise by
    // libxml2 before any handler sees the tag; counted on the bytes first.
    @Test func manyAttributes() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let attributes = (0..<200_000).map { " a\($0)=\"x\"" }.joined()
        let path = try write(Self.feed(item: "<category\(attributes)>c</category>"), "attrs.xml", in: dir)
        refused(try CLI.measure(["import", path]), "attrs.xml:4: error: a start tag holds more than 1000 attributes")
        try validateRefuses(path, "attrs.xml:4: error: a start tag holds more than 1000 attributes")
        let declarations = (0..<100_000).map { " xmlns:p\($0)=\"urn:x:\($0)\"" }.joined()
        let ns = try write(Self.feed(item: "", rootAttributes: declarations), "ns.xml", in: dir)
        refused(try CLI.measure(["import", ns]), "ns.xml:2: error: a start tag holds more than 1000 attributes (namespace declarations included)")
        try validateRefuses(ns, "ns.xml:2: error: a start tag holds more than 1000 attributes")
        // A thousand is still read.
        let fine = try write(Self.feed(item: "<category" + (0..<999).map { " a\($0)=\"x\"" }.joined() + ">c</category>"), "fine.xml", in: dir)
        #expect(try CLI.measure(["import", fine]).status == 0)
    }

    // 3. Text in many pieces: libxml2's schema validator appends every piece to the element's
    // value (measuring it first); import joins pieces in linear time and reads them.
    @Test(arguments: [("amp", "a &amp; "), ("cdata", "<![CDATA[word ]]>")])
    func textInManyPieces(_ name: String, _ piece: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let path = try write(Self.feed(item: "<description>" + String(repeating: piece, count: 1_000_000) + "</description>"), name + ".xml", in: dir)
        try validateRefuses(path, "\(name).xml:4: error: text broken into")
        let m = try CLI.measure(["import", path])
        bounded(m, name)
        #expect(m.status == 0, "\(m.stderr)")
    }

    // 3. Text broken by comments escaped libxml2's 10 MB bound on a text node.
    @Test func textBrokenByComments() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let words = String(repeating: "lorem ipsum dolor sit amet ", count: 40_000)
        let path = try write(Self.feed(item: "<description>" + Array(repeating: words, count: 30).joined(separator: "<!---->") + "</description>"), "comments.xml", in: dir)
        try validateRefuses(path, "comments.xml:4: error: one element holds more than 10000000 bytes of text")
        refused(try CLI.measure(["import", path]), "comments.xml:4: error: an element holds more than 16777216 bytes of text")
    }

    // 4. One item with five million empty children took a gigabyte.
    @Test func itemWithMillionsOfChildren() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let path = try write(Self.feed(item: String(repeating: "<x/>", count: 5_000_000)), "children.xml", in: dir)
        refused(try CLI.measure(["import", path]), "holds more than 100000 elements and text nodes")
        let m = try CLI.measure(["validate", path])
        bounded(m, "validate")
        #expect(m.status == 1)
        #expect(m.out.contains("holds more than 100000 elements and text nodes"), "\(m.out.prefix(400))")
    }
}
