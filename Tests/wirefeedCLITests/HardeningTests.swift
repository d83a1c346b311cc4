import Foundation
import Testing
import XMLCore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12's cases, one test each: what a hostile or unlucky input does to the binary, its
/// exit code, its one line on stderr, and (measured on the child alone) a generous bound on
/// time and peak memory: the shapes below took minutes or gigabytes before.
@Suite("Hardening")
struct HardeningTests {
    enum Kind { case characterDevice, symbolicLink, other }

    /// What is at `path` (links not followed), through FileManager: a clean build resolves
    /// POSIX's `stat` struct through a module this file does not import.
    static func type(_ path: String) -> Kind {
        switch (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType {
        case .typeCharacterSpecial?: .characterDevice
        case .typeSymbolicLink?: .symbolicLink
        default: .other
        }
    }

    static func permissions(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue
    }

    static let sanitized = ProcessInfo.processInfo.environment["WIREFEED_SANITIZED"] != nil
    /// Far above what the fixed code needs (tens of MB), far below what the shapes took. An
    /// instrumented binary (scripts/sanitizers) keeps freed memory in quarantine and shadow
    /// pages (8 MB of text in a million pieces peaked at 2.9 GB under ASan): there the bound
    /// only catches a runaway.
    static let memoryKB = sanitized ? 8_000_000 : 400_000
    /// Seconds; an instrumented binary (scripts/sanitizers) is much slower.
    static let seconds: Double = sanitized ? 120 : 20

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
    @Test(arguments: [
        ("text-yaml-nesting-after-comment-apostrophe", 4), ("text-yaml-nesting-after-plain-apostrophe", 3),
        ("text-yaml-nesting-after-escaped-quote", 3),
    ])
    func deepYAML(_ name: String, line: Int) throws {
        refused(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.fuzz + name + ".txt", "--to", "rss"]),
            "\(name).txt:\(line): error: metadata nests deeper than 32 levels")
        // --output-dir: the batch goes on past the bad article.
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let m = try CLI.measure([
            "convert", "--feed", CLI.identity, Self.fuzz + name + ".txt", CLI.repo + "/fixtures/articles", "--to",
            "newsml", "--output-dir",
            dir + "/out",
        ])
        bounded(m, name)
        #expect(m.status == 1)
        #expect(m.stderr.contains("nests deeper"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []).count > 3)
    }

    // 1. The same in a --feed file.
    @Test func deepFeedYAML() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try
            ("title: Feed\n# it's\nauthors: " + String(repeating: "[", count: 5000)
            + String(repeating: "]", count: 5000) + "\n")
            .write(toFile: dir + "/feed.yaml", atomically: true, encoding: .utf8)
        refused(
            try CLI.measure(["convert", CLI.repo + "/fixtures/articles", "--feed", dir + "/feed.yaml", "--to", "rss"]),
            "feed.yaml:3: error: metadata nests deeper than 32 levels")
    }

    // 2. An anchor aliased thousands of times.
    @Test func yamlAliasFanOut() throws {
        refused(
            try CLI.measure([
                "convert", "--feed", CLI.identity, Self.fuzz + "text-yaml-alias-fanout.txt", "--to", "rss",
            ]),
            "text-yaml-alias-fanout.txt:4: error: aliases expand the metadata past")
    }
}

extension HardeningTests {
    static func feed(item: String, rootAttributes: String = "") -> [UInt8] {
        Array(
            ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"\(rootAttributes)><channel><title>t</title><link>https://example.com/</link><description>d</description>\n<item><title>x</title><guid isPermaLink=\"false\">g1</guid>\n"
                + item + "</item></channel></rss>\n").utf8)
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
        #expect(
            m.out.split(separator: "\n").first?.contains(fragment) == true, "\(m.out.prefix(300))",
            sourceLocation: sourceLocation)
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
        refused(
            try CLI.measure(["import", ns]),
            "ns.xml:2: error: a start tag holds more than 1000 attributes (namespace declarations included)")
        try validateRefuses(ns, "ns.xml:2: error: a start tag holds more than 1000 attributes")
        // A thousand is still read.
        let fine = try write(
            Self.feed(item: "<category" + (0..<999).map { " a\($0)=\"x\"" }.joined() + ">c</category>"), "fine.xml",
            in: dir)
        #expect(try CLI.measure(["import", fine]).status == 0)
    }

    // 3. Text in many pieces: libxml2's schema validator appends every piece to the element's
    // value (measuring it first); import joins pieces in linear time and reads them.
    @Test(arguments: [("amp", "a &amp; "), ("cdata", "<![CDATA[word ]]>")])
    func textInManyPieces(_ name: String, _ piece: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let path = try write(
            Self.feed(item: "<description>" + String(repeating: piece, count: 1_000_000) + "</description>"),
            name + ".xml", in: dir)
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
        let path = try write(
            Self.feed(
                item: "<description>" + Array(repeating: words, count: 30).joined(separator: "<!---->")
                    + "</description>"), "comments.xml", in: dir)
        try validateRefuses(path, "comments.xml:4: error: one element holds more than 10000000 bytes of text")
        refused(
            try CLI.measure(["import", path]),
            "comments.xml:4: error: an element holds more than 16777216 bytes of text")
    }

    // 4. One item with five million empty children took a gigabyte.
    @Test func itemWithMillionsOfChildren() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let path = try write(Self.feed(item: String(repeating: "<x/>", count: 5_000_000)), "children.xml", in: dir)
        refused(try CLI.measure(["import", path]), "holds more than 100000 elements, attributes and text nodes")
        let m = try CLI.measure(["validate", path])
        bounded(m, "validate")
        #expect(m.status == 1)
        #expect(m.out.contains("holds more than 100000 elements, attributes and text nodes"), "\(m.out.prefix(400))")
    }
}

extension HardeningTests {
    static let articles = CLI.repo + "/fixtures/articles"

    // 4. --max-input-size holds while standard input is read, not after.
    @Test func standardInputIsBoundedWhileRead() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        // 200 MB of article text on standard input, with a 1 MB limit.
        let path = dir + "/big.txt"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<200 { handle.write(block) }
        try handle.close()
        // A pipe, not a file: what matters is what is held before the limit is known.
        let fifo = dir + "/in.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The run stops reading at the limit: the feeder's writes then fail (EPIPE), not kill.
        signal(SIGPIPE, SIG_IGN)
        let feeder = Thread {
            if let h = FileHandle(forWritingAtPath: fifo), let source = FileHandle(forReadingAtPath: path) {
                while let chunk = try? source.read(upToCount: 1 << 20), !chunk.isEmpty {
                    if (try? h.write(contentsOf: chunk)) == nil { break }
                }
                try? h.close()
            }
        }
        feeder.start()
        let m = try CLI.measure(
            ["convert", "--feed", CLI.identity, "-", "--to", "rss", "--max-input-size", "1M"], stdin: .file(fifo))
        refused(m, "-: error: is larger than the limit of 1048576 bytes (--max-input-size)")
        #expect(m.peakKB < Self.memoryKB / 4, "\(m.peakKB) KB")
        // Import reads its stream in chunks with the same bound.
        let feed = try write(
            Array("<rss version=\"2.0\"><channel><description>".utf8)
                + Array(repeating: UInt8(ascii: "a"), count: 8 << 20), "big.xml", in: dir)
        refused(
            try CLI.measure(["import", "-", "--max-input-size", "1M"], stdin: .file(feed)),
            "larger than the limit of 1048576 bytes")
        // A JSON Lines line is bounded as it comes in.
        let jsonl = dir + "/long.jsonl"
        try Data(("{\"id\":\"" + String(repeating: "x", count: 3 << 20)).utf8).write(to: URL(fileURLWithPath: jsonl))
        let meta = try write(
            Array("title: T\nurl: https://example.org/\nupdated: 2024-06-01T12:00:00Z\n".utf8), "feed.yaml", in: dir)
        refused(
            try CLI.measure(["convert", jsonl, "--feed", meta, "--to", "rss", "--max-input-size", "1M"]),
            "long.jsonl:1: error: line is larger than the limit of 1048576 bytes")
    }

    // 5. -o replaces only a regular file (or nothing), keeps its permissions, follows a link.
    @Test func outputPathIsRespected() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        // A FIFO stays a FIFO: the feed is written into it.
        let fifo = dir + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader drains the FIFO into a file (what the FIFO's consumer received).
        let received = dir + "/received.xml"
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo, received]
        try reader.run()
        let m = try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", fifo])
        #expect(m.status == 0, "\(m.stderr)")
        reader.waitUntilExit()
        #expect(Files.isFIFO(fifo))
        #expect(try String(contentsOfFile: received, encoding: .utf8).contains("<rss"))
        // A device stays a device (as root, -o /dev/null once replaced /dev/null with a file).
        #expect(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", "/dev/null"]).status
                == 0)
        #expect(Self.type("/dev/null") == .characterDevice)
        // A 0600 output stays 0600.
        let secret = dir + "/embargoed.xml"
        try Data("old".utf8).write(to: URL(fileURLWithPath: secret))
        chmod(secret, 0o600)
        #expect(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "atom", "-o", secret]).status
                == 0)
        #expect(Self.permissions(secret) == 0o600)
        #expect((Files.size(secret) ?? 0) > 1000)
        // A link to a file: the file is replaced, the link kept.
        let link = dir + "/current.xml"
        #expect(symlink(secret, link) == 0)
        #expect(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", link]).status == 0)
        #expect(Self.type(link) == .symbolicLink)
        #expect(try String(contentsOfFile: secret, encoding: .utf8).contains("<rss"))
        // A directory is refused.
        refused(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", dir]),
            "cannot create a file there: it is a directory")
    }

    // 5. Without O_TMPFILE the temporary file has a name: SIGTERM removes it.
    @Test func terminatedRunLeavesNoTemporaryFile() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed = try write(
            Array("title: T\nurl: https://example.org/\nupdated: 2024-06-01T12:00:00Z\n".utf8), "feed.yaml", in: dir)
        // The writer waits on a FIFO that no one opens: the run is stopped mid-way.
        let fifo = dir + "/in.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let pid = try CLI.spawn(
            ["convert", fifo, "--feed", feed, "--to", "rss", "-o", dir + "/out.xml"], actions: &actions,
            extra: ["WIREFEED_NAMED_TEMPORARY": "1"])
        let temporary = {
            (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasPrefix(".out.xml.wirefeed-") }
                ?? []
        }
        // Waits for the condition, not for a time: the deadline only ends a broken run.
        let deadline = Date().addingTimeInterval(60)
        while temporary().isEmpty && Date() < deadline { usleep(10_000) }
        #expect(temporary().count == 1, "the run made its temporary file")
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        #expect(status & 0x7F == SIGTERM, "ended by SIGTERM (status \(status))")
        #expect(temporary().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.xml"))
    }

    // 6. Closed standard descriptors: warnings do not land in the output, reading none is no crash.
    @Test func closedStandardDescriptors() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/out.xml"
        let m = try CLI.measure(
            ["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", out], stderr: .closed, memory: false
        )
        #expect(m.status == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("<?xml"))
        #expect(!written.contains("warning"))
        let closedInput = try CLI.measure(
            ["convert", "--feed", CLI.identity, "-", "--to", "rss"], stdin: .closed, memory: false)
        #expect(closedInput.signal == nil)
        #expect(closedInput.status == 1)
        #expect(closedInput.stderr.contains("-: error: no article text found"), "\(closedInput.stderr)")
    }

    // 7. Without the feed's `updated` the inputs are walked twice: streams are read once.
    @Test func streamsAreReadOnce() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let fifo = dir + "/in.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        let line =
            #"{"id":"tag:example.org,2024:fifo","title":"Through a FIFO","body":["One paragraph."],"published":"2024-06-01T10:00:00Z"}"#
            + "\n"
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: fifo) {
                h.write(Data(line.utf8))
                try? h.close()
            }
        }
        writer.start()
        let m = try CLI.measure(["convert", "--feed", CLI.identity, fifo, "--to", "rss"])
        bounded(m, "fifo")
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.out.contains("Through a FIFO"))
        #expect(m.out.contains("<lastBuildDate>Sat, 01 Jun 2024 10:00:00 +0000</lastBuildDate>"))
    }

    // 8. Thousands of by-lines are not compared pairwise.
    @Test func manyBylines() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let text = "The council met on Tuesday.\n" + (0..<40_000).map { "Pewarta: Reporter \($0)\n" }.joined()
        let path = try write(Array(text.utf8), "bylines.txt", in: dir)
        let m = try CLI.measure(["convert", path, "--to", "json"])
        bounded(m, "bylines")
        #expect(m.status == 0)
        #expect(m.out.contains("Reporter 39999"))
    }

    // 9. A UTF-8 byte order mark beats a declaration of ISO-8859-1.
    @Test func byteOrderMarkWins() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let xml =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>h\u{E9}llo</title><link>https://e.example/</link><description>d</description><item><title>caf\u{E9}</title><guid>https://e.example/a</guid></item></channel></rss>\n"
                    .utf8)
        let path = try write(xml, "bom.xml", in: dir)
        let m = try CLI.measure(["import", path])
        #expect(m.status == 0)
        #expect(m.out.contains("\"title\":\"café\""))
        #expect(m.out.contains("\"title\":\"héllo\""))
        #expect(
            m.stderr.contains(
                "bom.xml:1: warning: the byte order mark says UTF-8 but the declaration says ISO-8859-1: read as UTF-8")
        )
        #expect(try CLI.measure(["import", path, "--strict"]).status == 1)
    }

    // 10. No silent repair: a repeated paragraph stays, control characters in JSON are
    // reported (and refused with --strict), --output-dir never overwrites within a run and
    // names no file hidden or like an option.
    @Test func noSilentRepairs() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let repeated = try write(
            Array("Alpha said yes.\nBeta said no.\nAlpha said yes.\nGamma abstained.\nSource: Example Wire\n".utf8),
            "repeat.txt", in: dir)
        let r = try CLI.measure(["convert", repeated, "--to", "json"])
        #expect(r.out.components(separatedBy: "Alpha said yes.").count == 3, "both copies kept: \(r.out)")
        let controls = try write(
            Array(#"{"id":"tag:example.org,2024:c","title":"Bell\u0007 rings","body":["Text."]}"#.utf8) + [0x0A],
            "c.jsonl", in: dir)
        let lenient = try CLI.measure(["convert", "--feed", CLI.identity, controls, "--to", "rss"])
        #expect(lenient.status == 0)
        #expect(lenient.out.contains("<title>Bell rings</title>"))
        #expect(lenient.stderr.contains("1 warning about the input"))
        let strict = try CLI.measure(["convert", "--feed", CLI.identity, controls, "--to", "rss", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("c.jsonl:1: warning: dropped 1 control character that XML cannot carry"))
        // Two articles with one id, and ids without ASCII letters.
        let same =
            #"{"id":"tag:example.org,2024:same","title":"First","body":["One."]}"# + "\n"
            + #"{"id":"tag:example.org,2024:same","title":"Second","body":["Two."]}"# + "\n"
            + #"{"id":"urn:x:日本","title":"Kanji","body":["Three."]}"# + "\n"
            + #"{"id":"-x","title":"Dash","body":["Four."]}"# + "\n"
        let batch = try write(Array(same.utf8), "batch.jsonl", in: dir)
        let m = try CLI.measure([
            "convert", "--feed", CLI.identity, batch, "--to", "newsml", "--output-dir", dir + "/items",
        ])
        #expect(m.status == 1)
        #expect(m.stderr.contains("two articles have this id"), "\(m.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/items")
        #expect(names.count == 3, "\(names)")
        #expect(!names.contains { $0.hasPrefix(".") || $0.hasPrefix("-") }, "\(names)")
        #expect(m.stderr.contains("1 input failed") || m.stderr.contains("failed"), "\(m.stderr)")
    }
}

/// What a review of the first round found: each a shape the first fixes missed.
extension HardeningTests {
    // The repeat detection tried every trailer run against the whole body.
    @Test func alternatingBodyAndTrailerLines() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let text = (0..<120_000).map { "Paragraph number \($0) of a long transcript.\nSource: Desk \($0 % 7)\n" }
            .joined()
        let m = try CLI.measure(["convert", try write(Array(text.utf8), "alternating.txt", in: dir), "--to", "json"])
        bounded(m, "alternating")
        #expect(m.status == 0)
    }

    // A comment or instruction in the DOCTYPE's internal subset once left the byte scan in the
    // DOCTYPE for the rest of the document, counting no attribute.
    @Test(arguments: ["<!-- don't -->", "<!-- [ -->", "<?pi \" ?>"])
    func doctypeSubsetDoesNotBlindTheScan(_ inside: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let attributes = (0..<60_000).map { " a\($0)=\"x\"" }.joined()
        let xml =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [" + inside
            + "]>\n<rss version=\"2.0\"><channel><title>t</title><link>https://example.com/</link><description>d</description>\n<item\(attributes)><title>x</title></item></channel></rss>\n"
        let path = try write(Array(xml.utf8), "doctype.xml", in: dir)
        refused(try CLI.measure(["import", path]), "doctype.xml:4: error: a start tag holds more than 1000 attributes")
    }

    // libxml2's HTML parser compares attributes pairwise too (bare names count there).
    @Test func escapedHTMLWithManyAttributes() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let html = "&lt;p" + (0..<200_000).map { " a\($0)" }.joined() + "&gt;Text &amp;zzqq; here&lt;/p&gt;"
        let m = try CLI.measure([
            "import", try write(Self.feed(item: "<description>" + html + "</description>"), "html.xml", in: dir),
        ])
        bounded(m, "html attributes")
        #expect(m.status == 0, "\(m.stderr)")
    }

    // Attributes are kept in the item's tree: they count against its bound.
    @Test func itemWithManyAttributedElements() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let element = "<x" + (0..<600).map { " a\($0)=\"\"" }.joined() + "/>"
        let path = try write(Self.feed(item: String(repeating: element, count: 200)), "attributed.xml", in: dir)
        refused(try CLI.measure(["import", path]), "holds more than 100000 elements, attributes and text nodes")
    }

    // --strict stops at the first article that needs repair, and says what became of the output.
    @Test func strictSaysWhatWasWritten() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let clean = (0..<50).map {
            #"{"id":"tag:example.org,2024:\#($0)","title":"Clean \#($0)","body":["Text."]}"# + "\n"
        }.joined()
        let bad =
            #"{"id":"tag:example.org,2024:bad","url":"https://example.org/a\u0001b","title":"Bad","body":["Text."]}"#
            + "\n"
        let path = try write(Array((clean + bad).utf8), "batch.jsonl", in: dir)
        let toStdout = try CLI.measure(["convert", "--feed", CLI.identity, path, "--to", "rss", "--strict"])
        #expect(toStdout.status == 1)
        #expect(toStdout.stderr.contains("batch.jsonl:51: warning: dropped 1 control character"), "\(toStdout.stderr)")
        #expect(toStdout.stderr.contains("standard output is incomplete"))
        let toFile = try CLI.measure([
            "convert", "--feed", CLI.identity, path, "--to", "rss", "--strict", "-o", dir + "/out.xml",
        ])
        #expect(toFile.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.xml"))
        // --verbose shows notes as well as warnings: a dropped repeat of the body is said.
        let repeated = try write(Array("One.\nTwo.\nThree.\nSource: Wire\nTwo.\nThree.\n".utf8), "repeat.txt", in: dir)
        let verbose = try CLI.measure(["convert", repeated, "--to", "json", "--verbose"])
        #expect(
            verbose.stderr.contains("dropped 2 lines after the trailer that repeat the body"), "\(verbose.stderr)")
    }

    // A byte order mark over bytes that are not UTF-8: read as declared, as before.
    @Test func byteOrderMarkOverLatin1Bytes() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let xml: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>caf".utf8)
            + [0xE9]
            + Array("</title><link>https://e.example/</link><description>d</description></channel></rss>\n".utf8)
        let m = try CLI.measure(["import", try write(xml, "latin.xml", in: dir)])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(!m.stderr.contains("byte order mark"))
    }

    // -o onto the file standard output is redirected to writes at its offset; a dangling link
    // gets its file created where it points.
    @Test func outputOntoStandardOutputAndDanglingLinks() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let collected = dir + "/collected.txt"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [
            "-c", "{ echo HEAD; \"$0\" convert \"$1\" --feed \"$3\" --to rss -o /dev/stdout; echo TAIL; } > \"$2\"",
            CLI.binary, Self.articles, collected, CLI.identity,
        ]
        try p.run()
        p.waitUntilExit()
        let text = try String(contentsOfFile: collected, encoding: .utf8)
        #expect(text.hasPrefix("HEAD\n<?xml"))
        #expect(text.hasSuffix("</rss>\nTAIL\n"))
        let link = dir + "/feed.xml"
        #expect(symlink("published/feed-v2.xml", link) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/published", withIntermediateDirectories: true)
        #expect(
            try CLI.measure(["convert", "--feed", CLI.identity, Self.articles, "--to", "rss", "-o", link]).status == 0)
        #expect(Self.type(link) == .symbolicLink)
        #expect(FileManager.default.fileExists(atPath: dir + "/published/feed-v2.xml"))
    }
}
