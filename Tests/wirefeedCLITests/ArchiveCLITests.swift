import Foundation
import Testing

/// `convert --limit N --archive-dir`: RFC 5005 archives. From the feed, `prev-archive` links
/// reach every story exactly once, and full archive pages never change when newer stories
/// come.
@Suite("wirefeed convert: RFC 5005 archives")
struct ArchiveCLITests {
    /// `count` stories, one an hour from 2026-01-01, ids in order.
    static func stories(_ count: Int, from first: Int = 0) -> String {
        (first..<(first + count)).map { i in
            let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(i) * 3600)
            let iso = ISO8601DateFormatter().string(from: date)
            return
                #"{"id":"tag:example.org,2026:story-\#(i)","title":"Story \#(i)","body":["Text \#(i)."],"published":"\#(iso)"}"#
        }.joined(separator: "\n") + "\n"
    }

    /// The ids in a document and its prev-archive link, read by `wirefeed import`.
    static func read(_ path: String) throws -> (ids: [String], prev: String?) {
        let r = try CLI.run(["import", path])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let ids = (doc["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let paging = (doc["feed"] as? [String: Any])?["paging"] as? [String: Any]
        return (ids, paging?["prevArchive"] as? String)
    }

    @Test(arguments: ["rss", "atom"])
    func everyStoryOnceAndFullPagesNeverChange(format: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let input = dir + "/stories.jsonl"
        try Self.stories(2500).write(toFile: input, atomically: true, encoding: .utf8)
        let feed = dir + "/feed.yaml"
        try "title: Archive test\nurl: https://example.org/\nselfURL: https://example.org/feed.xml\n".write(
            toFile: feed, atomically: true, encoding: .utf8)
        let base = "https://example.org/archive/"
        func run(_ out: String) throws -> CLI.Result {
            try CLI.run([
                "convert", input, "--feed", feed, "--to", format, "--limit", "100", "--archive-dir", dir + "/archive",
                "--archive-url", base, "-o", out,
            ])
        }
        let r = try run(dir + "/feed.xml")
        #expect(r.status == 0, "\(r.stderr)")
        // Follow the links: every story exactly once.
        var seen: [String] = []
        var (ids, prev) = try Self.read(dir + "/feed.xml")
        #expect(ids.count == 100)
        seen += ids
        var pages = 0
        while let link = prev {
            #expect(link.hasPrefix(base))
            let page = dir + "/archive/" + link.dropFirst(base.count)
            (ids, prev) = try Self.read(page)
            #expect(ids.count == 100)
            seen += ids
            pages += 1
            if pages > 30 { break }
        }
        #expect(pages == 24)
        #expect(seen.count == 2500 && Set(seen).count == 2500)
        // 100 newer stories: the 24 full pages are the same bytes, a 25th is added.
        let before = try (1...24).map {
            try Data(contentsOf: URL(fileURLWithPath: dir + "/archive/" + String(format: "archive-%04d.xml", $0)))
        }
        try (Self.stories(2500) + Self.stories(100, from: 2500)).write(toFile: input, atomically: true, encoding: .utf8)
        #expect(try run(dir + "/feed2.xml").status == 0)
        let after = try (1...24).map {
            try Data(contentsOf: URL(fileURLWithPath: dir + "/archive/" + String(format: "archive-%04d.xml", $0)))
        }
        #expect(before == after)
        #expect(FileManager.default.fileExists(atPath: dir + "/archive/archive-0025.xml"))
        #expect(try Self.read(dir + "/feed2.xml").prev == base + "archive-0025.xml")
        #expect(try Self.read(dir + "/feed2.xml").ids.first == "tag:example.org,2026:story-2500")
    }
}
