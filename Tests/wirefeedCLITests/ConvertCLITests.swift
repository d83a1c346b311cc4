import Foundation
import Testing

@Suite("wirefeed convert (the built binary)")
struct ConvertCLITests {
    @Test(arguments: [
        ("rss", "articles.rss.xml"), ("atom", "articles.atom.xml"), ("newsml", "articles.newsml.xml"),
        ("json", "articles.json"),
    ])
    func mainJobMatchesGoldenFiles(_ format: String, _ golden: String) throws {
        // Undated articles take their file's time, clamped by SOURCE_DATE_EPOCH (the goldens' 2024-06-01).
        let r = try CLI.run(
            ["convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", format],
            env: ["SOURCE_DATE_EPOCH": "1717200000"])
        #expect(r.status == 0)
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: CLI.repo + "/fixtures/golden/" + golden)))
        #expect(
            r.stdout == expected,
            "differs from fixtures/golden/\(golden) (\(r.stdout.count) vs \(expected.count) bytes)")
        // The fixtures include one article with invalid bytes: one summary line, no noise.
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("warnings about the input"))
    }

    @Test func sameInputsSameBytesEvenWithoutFeedTime() throws {
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let a = try CLI.run(["convert", "--feed", CLI.identity, "fixtures/articles", "--to", "atom"], env: env)
        let b = try CLI.run(["convert", "--feed", CLI.identity, "fixtures/articles", "--to", "atom"], env: env)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(
            a.out.contains("<updated>2024-02-14T09:40:00+13:00</updated>"),
            "newest article date wins over SOURCE_DATE_EPOCH")
    }

    @Test func sourceDateEpochWhenNoDatesAnywhere() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "One paragraph of text here.\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        let r = try CLI.run(
            ["convert", "--feed", CLI.identity, dir + "/a.txt", "--to", "atom"],
            env: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.status == 0)
        #expect(r.out.contains("<updated>2023-11-14T22:13:20Z</updated>"))
    }

    @Test func readsStandardInput() throws {
        let text = "---\ntitle: From stdin\n---\nA paragraph from standard input.\n"
        let r = try CLI.run(["convert", "-", "--to", "json"], stdin: Array(text.utf8))
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
        let articles = doc["articles"] as! [[String: Any]]
        #expect(articles.first?["title"] as? String == "From stdin")
        let jsonl = "{\"id\":\"tag:x,2024:1\",\"title\":\"one\"}\n{\"id\":\"tag:x,2024:2\",\"title\":\"two\"}\n"
        let r2 = try CLI.run(["convert", "--feed", CLI.identity, "-", "--to", "rss"], stdin: Array(jsonl.utf8))
        #expect(r2.status == 0)
        #expect(r2.out.contains("<title>two</title>"))
    }

    @Test func jsonRoundTripsThroughConvert() throws {
        let first = try CLI.run(["convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "json"])
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try Data(first.stdout).write(to: URL(fileURLWithPath: dir + "/doc.json"))
        let second = try CLI.run(["convert", dir + "/doc.json", "--feed", "fixtures/feed.yaml", "--to", "json"])
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test func missingFileIsOneClearLine() throws {
        let r = try CLI.run(["convert", "--feed", CLI.identity, "no/such/file.txt", "--to", "rss"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "wirefeed: no/such/file.txt: error: no such file or directory\n")
    }

    @Test func unreadableFrontMatterNamesFileAndLine() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "---\ntitle: [oops\n---\nBody.\n".write(toFile: dir + "/bad.txt", atomically: true, encoding: .utf8)
        let r = try CLI.run(["convert", "--feed", CLI.identity, dir + "/bad.txt", "--to", "atom"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.stderr.hasPrefix("wirefeed: \(dir)/bad.txt:"))
        #expect(r.stderr.contains("YAML"))
    }

    @Test func notATextFile() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D]).write(to: URL(fileURLWithPath: dir + "/photo.txt"))
        let r = try CLI.run(["convert", "--feed", CLI.identity, dir + "/photo.txt", "--to", "rss"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("photo.txt"))
        #expect(r.stderr.contains("not a text file"))
    }

    @Test func outputIsNeverHalfWritten() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/feed.xml"
        try "PREVIOUS FEED".write(toFile: out, atomically: true, encoding: .utf8)
        try "Good article paragraph.\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try Data([0, 1, 2]).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        let r = try CLI.run([
            "convert", "--feed", CLI.identity, dir + "/a.txt", dir + "/b.txt", "--to", "rss", "-o", out,
        ])
        #expect(r.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "PREVIOUS FEED")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.txt", "b.txt", "feed.xml"])
        // And a good run replaces it whole.
        let ok = try CLI.run(["convert", "--feed", CLI.identity, dir + "/a.txt", "--to", "rss", "-o", out])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 3)
    }

    @Test func emptyDirectoryIsAnError() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let r = try CLI.run(["convert", "--feed", CLI.identity, dir, "--to", "rss"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no articles"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["convert", "fixtures/articles", "--to", "pdf"]).status == 2)
        #expect(try CLI.run(["convert", "fixtures/articles"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }

    @Test func helpExplainsTheCommand() throws {
        let r = try CLI.run(["convert", "--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("--to"))
        #expect(r.out.contains("atomically"))
        let top = try CLI.run(["--help"])
        #expect(top.out.contains("convert"))
        #expect(top.out.contains("Exit codes"))
    }

    @Test func strictFailsOnRepairs() throws {
        let r = try CLI.run([
            "convert", "--feed", CLI.identity, "fixtures/articles/en-controls.txt", "--to", "rss", "--strict",
        ])
        #expect(r.status == 1)
        #expect(r.stderr.contains("en-controls.txt:2: warning: dropped 1 control character"))
    }
}

@Suite("wirefeed convert --output-dir")
struct OutputDirCLITests {
    @Test func oneValidItemPerArticleAndPicture() throws {
        let root = try CLI.tempDir()
        defer { CLI.remove(root) }
        let dir = root + "/items"
        let r = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "newsml", "--output-dir", dir,
        ])
        #expect(r.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        // 9 articles, one of which has one picture.
        #expect(names.count == 10)
        #expect(names.contains("tag_wire.example.org_2024_harbour-0042.1805a189.xml"))
        #expect(names.allSatisfy { $0.hasSuffix(".xml") && !$0.hasPrefix(".") })
        let v = try CLI.run(["validate", "-q", dir])
        #expect(v.status == 0, "\(v.out)")
        if CLI.sharedAvailable {
            let iptc = CLI.shared + "/reference/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
            let official = try CLI.run(["validate", "-q", dir, "--schema", iptc])
            #expect(official.status == 0, "\(official.out)")
        }
        // Same input, same files, same bytes.
        let againRoot = try CLI.tempDir()
        defer { CLI.remove(againRoot) }
        let again = againRoot + "/items"
        _ = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "newsml", "--output-dir", again,
        ])
        for n in names {
            #expect(
                FileManager.default.contents(atPath: dir + "/" + n)
                    == FileManager.default.contents(atPath: again + "/" + n))
        }
    }

    @Test func onlyForNewsML() throws {
        #expect(
            try CLI.run([
                "convert", "--feed", CLI.identity, "fixtures/articles", "--to", "rss", "--output-dir", "/tmp/x",
            ]).status == 2)
    }
}
