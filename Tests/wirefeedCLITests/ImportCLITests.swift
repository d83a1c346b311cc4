import Foundation
import Testing

@Suite("wirefeed import (the built binary)")
struct ImportCLITests {
    @Test func readsWhatConvertWrites() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        for format in ["rss", "atom", "newsml"] {
            _ = try CLI.run([
                "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", format, "-o",
                "\(dir)/f.\(format)",
            ])
            let r = try CLI.run(["import", "\(dir)/f.\(format)", "-o", "\(dir)/f.\(format).json"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/f.\(format).json"))) as! [String: Any]
            #expect((doc["articles"] as! [Any]).count == 9)
            #expect(doc["format"] as? String == ["rss": "rss2.0", "atom": "atom1.0", "newsml": "newsml-g2"][format])
        }
    }

    @Test func warningsGoToStderrAndJSONAndStrictFails() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed = """
            <rss version="2.0"><channel><title>t</title><link>https://x.example.org/</link><description>d</description>
            <item><title>a</title><guid isPermaLink="false">1</guid><pubDate>sometime soon</pubDate></item>
            </channel></rss>
            """
        try feed.write(toFile: dir + "/w.xml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", dir + "/w.xml", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("w.xml:2: warning: pubDate 'sometime soon' is not a date"))
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
        #expect((doc["warnings"] as? [String])?.count == 1)
        let strict = try CLI.run(["import", dir + "/w.xml", "--strict", "-o", dir + "/out.json"])
        #expect(strict.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
    }

    @Test func stdinAndFromMismatch() throws {
        let atom =
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x:1</id><title>t</title><updated>2024-01-01T00:00:00Z</updated></feed>"
        let r = try CLI.run(["import", "-"], stdin: Array(atom.utf8))
        #expect(r.status == 0)
        #expect(r.out.contains("\"format\":\"atom1.0\""))
        let wrong = try CLI.run(["import", "-", "--from", "rss"], stdin: Array(atom.utf8))
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("not RSS 2.0"))
        #expect(try CLI.run(["import", "x.xml", "--from", "json"]).status == 2)
    }

    /// Hostile documents: exit 1, one line naming the file, within a second, nothing fetched or leaked.
    static let hostile: [String] = [
        "xxe-file", "xxe-http", "external-dtd", "billion-laughs", "quadratic-blowup", "deep-nesting-100000",
        "invalid-utf8", "truncated", "plain-text", "nul-byte",
    ]

    @Test(arguments: hostile)
    func hostileFeedIsRefused(_ name: String) throws {
        let path = "fixtures/import/hostile/\(name).xml"
        let start = Date()
        let r = try CLI.run(["import", path])
        let elapsed = Date().timeIntervalSince(start)
        #expect(r.status == 1)
        #expect(elapsed < CLI.quickly, "took \(elapsed) s")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("wirefeed: \(path)"))
        #expect(!r.stderr.contains("root:"))
    }

    @Test func hundredMegabyteTextNodeIsRefusedQuickly() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let path = dir + "/huge.xml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.write(Data("<rss version=\"2.0\"><channel><title>t</title><link>https://x/</link><description>".utf8))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { h.write(chunk) }
        h.write(Data("</description></channel></rss>".utf8))
        try h.close()
        let start = Date()
        let r = try CLI.run(["import", path])
        #expect(Date().timeIntervalSince(start) < CLI.quickly)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.lowercased().contains("huge") || r.stderr.contains("limit"), "\(r.stderr)")
    }
}

/// Standard input reads as a file does (a new user's findings: each once differed).
@Suite("wirefeed import -: the same as from a file")
struct ImportStdinTests {
    static func same(_ bytes: [UInt8], _ name: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
        let file = try CLI.run(["import", "\(dir)/\(name)"])
        let stdin = try CLI.run(["import", "-"], stdin: bytes)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(stdin.stdout == file.stdout)
    }

    @Test func undeclaredWindows1252() throws {
        try Self.same(
            Array(try Data(contentsOf: URL(fileURLWithPath: "fixtures/import/encoding/undeclared-windows1252.xml"))),
            "w.xml")
    }

    /// The format is told from the stream's head: a prolog longer than the first look (64 KB).
    @Test func prologLongerThanTheFirstLook() throws {
        let feed =
            #"<rss version="2.0"><channel><title>T</title><link>https://e.example.org/</link><description>d</description><item><title>A</title><guid>https://e.example.org/a</guid></item></channel></rss>"#
        try Self.same(
            Array(("<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: 70_000) + "-->" + feed).utf8),
            "comment.xml")
        try Self.same(
            Array(("<?xml version=\"1.0\"?>" + String(repeating: " \n", count: 40_000) + feed).utf8), "blank.xml")
        try Self.same(Array((feed + "<!--" + String(repeating: "y", count: 70_000) + "-->").utf8), "trailing.xml")
    }

    /// A feed smaller than the head looked at is still measured against --max-input-size.
    @Test func smallFeedOverTheLimit() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "fixtures/import/rss/rss090-basic.xml")))
        let r = try CLI.run(["import", "-", "--max-input-size", "\(bytes.count - 1)"], stdin: bytes)
        #expect(r.status == 1)
        #expect(r.stderr.contains("larger than the limit"))
        #expect(try CLI.run(["import", "-", "--max-input-size", "\(bytes.count)"], stdin: bytes).status == 0)
    }
}
