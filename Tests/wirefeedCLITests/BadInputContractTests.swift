import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The bad-input contract of README.md, row by row: what wirefeed does, the exit code, the message.
@Suite("Bad-input contract")
struct BadInputContractTests {
    func oneLine(_ r: CLI.Result, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("wirefeed: "), sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func missingFile() throws {
        oneLine(
            try CLI.run(["convert", "--feed", CLI.identity, "nope.txt", "--to", "rss"]),
            "nope.txt: error: no such file or directory")
        oneLine(try CLI.run(["import", "nope.xml"]), "nope.xml: error: no such file or directory")
        let v = try CLI.run(["validate", "nope.xml"])
        #expect(v.status == 1)
        #expect(v.out.contains("nope.xml: error: no such file or directory"))
    }

    @Test func directoryWithoutArticles() throws {
        let empty = try CLI.tempDir()
        defer { CLI.remove(empty) }
        oneLine(try CLI.run(["convert", "--feed", CLI.identity, empty, "--to", "atom"]), "directory holds no articles")
    }

    @Test func notUTF8() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try Data("Caf\u{E9} society opens.\n".utf8.map { $0 } + [0xE9, 0x0A]).write(
            to: URL(fileURLWithPath: dir + "/latin.txt"))
        let repaired = try CLI.run(["convert", dir + "/latin.txt", "--to", "json"])
        #expect(repaired.status == 0)
        #expect(repaired.stderr.contains("1 warning about the input"))
        let strict = try CLI.run(["convert", dir + "/latin.txt", "--to", "json", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("latin.txt:2: warning: dropped 1 invalid UTF-8 byte"))
    }

    @Test func notXML() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "Just words, no markup.\n".write(toFile: dir + "/t.xml", atomically: true, encoding: .utf8)
        oneLine(try CLI.run(["import", dir + "/t.xml"]), "not an XML document")
        #expect(try CLI.run(["validate", dir + "/t.xml"]).out.contains("not an XML document"))
    }

    @Test func truncatedXML() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "<rss version=\"2.0\"><channel><title>t</title>\n<item><title>cut".write(
            toFile: dir + "/t.xml", atomically: true, encoding: .utf8)
        // Read anyway: the complete items (none here), valid JSON, one warning naming the cut.
        let r = try CLI.run(["import", dir + "/t.xml"])
        #expect(r.status == 0)
        #expect(r.out == #"{"format":"rss2.0","articles":[],"feed":{"title":"t"}}"# + "\n")
        #expect(r.stderr.contains("t.xml:2: warning: the document is cut off here"), "\(r.stderr)")
        #expect(r.stderr.contains("[recover.truncated]"))
        // --strict reads nothing broken: the parser's error, naming the line, and exit 1.
        oneLine(try CLI.run(["import", dir + "/t.xml", "--strict"]), "t.xml:2:")
    }

    @Test func wrongRootElement() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "<html><body>not a feed</body></html>".write(toFile: dir + "/t.xml", atomically: true, encoding: .utf8)
        oneLine(try CLI.run(["import", dir + "/t.xml"]), "root element <html> is not a feed")
    }

    @Test func hostileXML() throws {
        oneLine(try CLI.run(["import", "fixtures/import/hostile/xxe-file.xml"]), "external entities")
        oneLine(try CLI.run(["import", "fixtures/import/hostile/xxe-parameter-entity.xml"]), "parameter entities")
        oneLine(try CLI.run(["import", "fixtures/import/hostile/billion-laughs.xml"]), "billion-laughs.xml")
        oneLine(try CLI.run(["import", "fixtures/import/hostile/quadratic-blowup.xml"]), "expand past 1 MB")
        // An external DTD is skipped, never loaded; --strict refuses it.
        let dtd = try CLI.run(["import", "fixtures/import/recovered/external-dtd.xml"])
        #expect(dtd.status == 0 && dtd.stderr.contains("[xml.doctype]"), "\(dtd.stderr)")
        oneLine(try CLI.run(["import", "fixtures/import/recovered/external-dtd.xml", "--strict"]), "external DTD")
    }

    @Test func enormousInput() throws {
        oneLine(
            try CLI.run([
                "convert", "--feed", CLI.identity, "fixtures/articles/en-harbour.txt", "--to", "rss",
                "--max-input-size", "1K",
            ]),
            "larger than the limit")
        oneLine(
            try CLI.run(["import", "fixtures/golden/articles.rss.xml", "--max-input-size", "1K"]),
            "larger than the limit")
    }

    @Test func unwritableOutput() throws {
        oneLine(
            try CLI.run([
                "convert", "--feed", CLI.identity, "fixtures/articles", "--to", "rss", "-o",
                "/nonexistent-dir/feed.xml",
            ]),
            "cannot create a file there")
    }

    @Test func fullDisk() throws {
        // Standard output on /dev/full: every write fails with ENOSPC.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["convert", "--feed", CLI.identity, "fixtures/articles", "--to", "rss"]
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.repo)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 1)
        #expect(stderr.contains("No space left on device"), "\(stderr)")
    }

    /// Killed midway (SIGKILL: no chance to clean up): the previous output is intact and no
    /// temporary file is left behind (the file being written is anonymous until committed).
    @Test func interruptedRun() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let jsonl = dir + "/many.jsonl"
        var text = ""
        for i in 0..<10_000 {
            text +=
                "{\"id\":\"tag:kill.example.org,2024:\(i)\",\"title\":\"Article \(i)\",\"body\":[\""
                + String(repeating: "Paragraph text & more. ", count: 40) + "\"]}\n"
        }
        try text.write(toFile: jsonl, atomically: true, encoding: .utf8)
        let out = dir + "/feed.xml"
        try "PREVIOUS".write(toFile: out, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["convert", "--feed", CLI.identity, jsonl, "--to", "rss", "-o", out]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until it is well into the work, then kill it.
        usleep(150_000)
        #expect(p.isRunning, "the conversion should still be running when it is killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "PREVIOUS")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["feed.xml", "many.jsonl"])
    }

    @Test func outputDirKeepsGoingAndSaysWhatFailed() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try FileManager.default.copyItem(atPath: CLI.repo + "/fixtures/articles/en-harbour.txt", toPath: dir + "/a.txt")
        try Data([0, 1, 2]).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        try FileManager.default.copyItem(atPath: CLI.repo + "/fixtures/articles/id-short.txt", toPath: dir + "/c.txt")
        let r = try CLI.run([
            "convert", "--feed", CLI.identity, dir + "/a.txt", dir + "/b.txt", dir + "/c.txt", "--to", "newsml",
            "--output-dir", dir + "/out",
        ])
        #expect(r.status == 1)
        #expect(r.stderr.contains("b.txt:1: error: is not a text file"))
        #expect(r.stderr.contains("1 input failed"))
        // a.txt (with its picture) and c.txt were written all the same.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").count == 3)
    }
}
