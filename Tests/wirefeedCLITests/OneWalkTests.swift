import Foundation
import Testing

/// RSS and Atom are written in one walk (items to a scratch file, the head once the inputs
/// are read): the bytes, the notes and the exit status are those of the two walks the other
/// formats make (`WIREFEED_TWO_WALKS=1` forces those), whether the walk keeps its records in
/// memory or on disk (`WIREFEED_SPILL_CHUNK`: after how many).
@Suite("wirefeed: one walk for RSS and Atom")
struct OneWalkTests {
    static let env = ["SOURCE_DATE_EPOCH": "1767225600"]

    func bothWays(_ args: [String], stdin: [UInt8]? = nil) throws {
        // A loss report (--report FILE) is compared too.
        let report = args.firstIndex(of: "--report").map { args[$0 + 1] }
        func reported() -> String? { report.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } }
        let one = try CLI.run(args, stdin: stdin, env: Self.env)
        let oneReport = reported()
        #expect(report == nil || oneReport?.contains("\"fields\"") == true, "\(args): no report written")
        let two = try CLI.run(args, stdin: stdin, env: Self.env.merging(["WIREFEED_TWO_WALKS": "1"]) { $1 })
        #expect(reported() == oneReport, "\(args): report")
        #expect(one.status == two.status, "\(args)")
        // A failed run's standard output is incomplete: the two walks stop after writing
        // part of it; the one walk judges everything first and writes nothing.
        let same = one.status == 0 ? one.stdout == two.stdout : one.stdout.isEmpty
        #expect(same, "\(args): not the same bytes")
        #expect(one.stderr == two.stderr, "\(args)")
        // And with the walk's records and stories on disk after a few (a batch of a million
        // spills so): the same bytes and notes.
        let spilled = try CLI.run(args, stdin: stdin, env: Self.env.merging(["WIREFEED_SPILL_CHUNK": "5"]) { $1 })
        #expect(spilled.status == one.status && spilled.stdout == one.stdout, "\(args): spilled")
        #expect(spilled.stderr == one.stderr, "\(args): spilled")
        #expect(reported() == oneReport, "\(args): spilled report")
    }

    @Test(arguments: ["rss", "atom"])
    func generatedArticlesGiveTheSameBytes(format: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let batch = dir + "/batch.jsonl"
        // Shared dates, undated articles, versions, embargoes, kills and media (MergeCLITests').
        try MergeCLITests.generated(300, seed: 5).write(toFile: batch, atomically: true, encoding: .utf8)
        let feed = CLI.repo + "/fixtures/publish/feed.yaml"
        let now = ["--now", "2026-12-05T00:00:00Z"]
        for extra in [
            [], ["--sort", "newest"], ["--sort", "oldest"], ["--limit", "17"], ["--sort", "newest", "--limit", "5"],
            ["--shard", "2/3"], ["--verbose"], ["--report", dir + "/loss.json"], ["--sort", "newest", "--verbose"],
            ["--strict"], ["--sort", "newest", "--strict"], ["--strict", "--fail-on-loss", "urgency"],
        ] {
            try bothWays(["convert", batch, "fixtures/articles", "--feed", feed, "--to", format] + now + extra)
        }
        // A fatal loss fails both ways; in one walk before anything is written, even on stdout.
        let args = ["convert", batch, "fixtures/articles", "--feed", feed, "--to", format, "--fail-on-loss", "urgency"]
        let one = try CLI.run(args + now, env: Self.env)
        let two = try CLI.run(args + now, env: Self.env.merging(["WIREFEED_TWO_WALKS": "1"]) { $1 })
        #expect(one.status == 1 && two.status == 1)
        #expect(one.stderr == two.stderr)
        #expect(one.stdout.isEmpty)
        // And the fixtures given as text on standard input.
        let text = try String(contentsOfFile: CLI.repo + "/fixtures/articles/en-harbour.txt", encoding: .utf8)
        try bothWays(["convert", "-", "--feed", feed, "--to", format] + now, stdin: Array(text.utf8))
    }

    @Test func anUnpublishableLinkFailsOnlyWhenItsItemIsWritten() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let batch = dir + "/links.jsonl"
        // Version 1 has a javascript: link, version 2 (the one published) a good one: no error.
        try """
        {"id":"tag:x.example,2026:a","version":1,"title":"A","url":"javascript:alert(1)","published":"2026-12-01T10:00:00Z"}
        {"id":"tag:x.example,2026:a","version":2,"title":"A","url":"https://x.example/a","published":"2026-12-01T10:00:00Z"}
        {"id":"tag:x.example,2026:b","title":"B","published":"2026-12-02T10:00:00Z"}
        """.write(toFile: batch, atomically: true, encoding: .utf8)
        for format in ["rss", "atom"] {
            let r = try CLI.run(["convert", batch, "--feed", CLI.identity, "--to", format], env: Self.env)
            #expect(r.status == 0, "\(r.stderr)")
            try bothWays(["convert", batch, "--feed", CLI.identity, "--to", format])
            try bothWays(["convert", batch, "--feed", CLI.identity, "--to", format, "--limit", "1"])
        }
        // Published, the link is an error naming the article, both ways.
        try """
        {"id":"tag:x.example,2026:c","title":"C","url":"javascript:alert(1)","published":"2026-12-01T10:00:00Z"}
        """.write(toFile: batch, atomically: true, encoding: .utf8)
        for format in ["rss", "atom"] {
            let r = try CLI.run(["convert", batch, "--feed", CLI.identity, "--to", format], env: Self.env)
            #expect(r.status == 1)
            #expect(r.stderr.contains("javascript"), "\(r.stderr)")
            try bothWays(["convert", batch, "--feed", CLI.identity, "--to", format])
        }
    }
}
