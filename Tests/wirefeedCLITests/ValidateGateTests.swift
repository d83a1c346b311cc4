import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `wirefeed validate` as a CI gate: documents are found by their content, finding none is
/// a failure, links do not lead out of the folder, and a report that cannot be written is
/// a failure too.
@Suite("wirefeed validate: a gate that never passes on nothing")
struct ValidateGateTests {
    /// A folder of feeds under every name a CI job meets, beside files that are not feeds.
    static func folder() throws -> String {
        let dir = try CLI.tempDir()
        let feeds = dir + "/feeds"
        try FileManager.default.createDirectory(atPath: feeds + "/sub", withIntermediateDirectories: true)
        let rss = try CLI.run(["convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "rss"])
        let atom = try CLI.run(["convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "atom"])
        #expect(rss.status == 0 && atom.status == 0)
        try Data(rss.stdout).write(to: URL(fileURLWithPath: feeds + "/latest.rss"))
        try Data(atom.stdout).write(to: URL(fileURLWithPath: feeds + "/sub/latest.atom"))
        try Data(rss.stdout).write(to: URL(fileURLWithPath: feeds + "/no-extension"))
        try "# Feeds\nThe published feeds.\n".write(toFile: feeds + "/README.md", atomically: true, encoding: .utf8)
        try "<html><body>not a feed</body></html>\n".write(
            toFile: feeds + "/index.xml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func documentsAreFoundByContentNotName() throws {
        let dir = try Self.folder()
        defer { CLI.remove(dir) }
        let r = try CLI.run(["validate", dir + "/feeds"])
        #expect(r.status == 0, "\(r.out)\(r.stderr)")
        #expect(r.out.contains("latest.rss: valid RSS 2.0"))
        #expect(r.out.contains("sub/latest.atom: valid Atom 1.0"))
        #expect(r.out.contains("no-extension: valid RSS 2.0"))
        #expect(!r.out.contains("README.md") && !r.out.contains("index.xml"))
        #expect(r.stderr.contains("3 documents checked: 3 valid, 0 invalid; 2 other files skipped"), "\(r.stderr)")
        // A file named on the command line is judged whatever it holds.
        let named = try CLI.run(["validate", dir + "/feeds/index.xml"])
        #expect(named.status == 1)
    }

    @Test func findingNothingIsAFailure() throws {
        let dir = try Self.folder()
        defer { CLI.remove(dir) }
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for format in ["text", "json", "junit", "github"] {
            let r = try CLI.run(["validate", empty, "--format", format])
            #expect(r.status == 1)
            #expect(r.stderr == "wirefeed: error: no feed or NewsML-G2 document found in \(empty)\n", "\(r.stderr)")
            #expect(r.out.isEmpty)
        }
        // A folder of other files: it says what it passed over.
        let docs = dir + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        try "notes\n".write(toFile: docs + "/notes.txt", atomically: true, encoding: .utf8)
        let other = try CLI.run(["validate", docs])
        #expect(other.status == 1)
        #expect(other.stderr.contains("no feed or NewsML-G2 document found in \(docs) (1 other file skipped)"))
        // A wrong path.
        let wrong = try CLI.run(["validate", dir + "/feed"])
        #expect(wrong.status == 1)
        #expect(wrong.out.contains("no such file or directory"))
    }

    @Test func linksDoNotLeadOutOfTheFolderAndNothingIsQuoted() throws {
        let dir = try Self.folder()
        defer { CLI.remove(dir) }
        let secret = dir + "/private-key"
        try "SECRET-TOKEN-4711 do not print\n".write(toFile: secret, atomically: true, encoding: .utf8)
        #expect(symlink(secret, dir + "/feeds/leak.xml") == 0)
        #expect(symlink("latest.rss", dir + "/feeds/alias.xml") == 0)
        #expect(symlink(dir + "/feeds", dir + "/feeds/sub/loop") == 0)
        let r = try CLI.run(["validate", dir + "/feeds"])
        #expect(r.status == 0, "\(r.out)")
        #expect(r.out.contains("alias.xml: valid RSS 2.0"), "a link inside the folder is followed")
        #expect(!r.out.contains("leak.xml") && !r.stderr.contains("SECRET"))
        #expect(!r.out.contains("loop/"), "linked folders are not entered")
        #expect(
            r.stderr.contains("2 symbolic links not followed (to folders or out of the directory)"), "\(r.stderr)")
        // Named directly, a file that is not XML is an error that does not quote it.
        let named = try CLI.run(["validate", secret])
        #expect(named.status == 1)
        #expect(named.out.contains("not an XML document"))
        #expect(!named.out.contains("SECRET"))
    }

    @Test func aReportThatCannotBeWrittenIsAFailure() throws {
        let dir = try Self.folder()
        defer { CLI.remove(dir) }
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = try CLI.measure(["validate", dir + "/feeds"], stdout: .file("/dev/full"), memory: false)
            #expect(full.signal == nil)
            #expect(full.status == 1)
            #expect(
                full.stderr.contains(
                    "wirefeed: error: cannot write the report to standard output (No space left on device)"))
            let rules = try CLI.measure(["validate", "--rules"], stdout: .file("/dev/full"), memory: false)
            #expect(rules.status == 1)
        }
        let closed = try CLI.measure(["validate", dir + "/feeds"], stdout: .closed, memory: false)
        #expect(closed.signal == nil)
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("cannot write the report to standard output"), "\(closed.stderr)")
    }

    @Test func aCopiedBinaryValidatesWithNoSchemasFolder() throws {
        let dir = try Self.folder()
        defer { CLI.remove(dir) }
        // The binary alone, in a folder with no schemas/ anywhere above it, run from there.
        let bin = dir + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // Copied by cp, in its own process: a copy written here could still be open in a child
        // that another test spawns at that moment, and running it would fail (ETXTBSY).
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = [CLI.binary, bin + "/wirefeed"]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin + "/wirefeed")
        p.arguments = ["validate", "feeds", "--format", "json"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = ProcessInfo.processInfo.environment.filter { $0.key != "WIREFEED_SCHEMAS" }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains(#""schema":"built-in:rss-2.0.xsd""#))
        #expect(text.contains(#""schema":"built-in:atom-1.0.rng""#))
        #expect(!text.contains("not found"))
    }
}
