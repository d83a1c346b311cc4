import Foundation
import SeededRandom
import Testing

/// `wirefeed merge`: the sorted parts of any split give the bytes of one sorted run, in
/// every format; `--files-from` for convert and import.
@Suite("wirefeed: merge and --files-from")
struct MergeCLITests {
    /// A reproducible pseudo-random sequence, so a failing split can be replayed.
    typealias SplitMix = SplitMix64

    /// Articles that make a merge's work hard: shared dates (ties broken by id), undated
    /// ones, several versions of one story (one with an equal date), embargoes past and
    /// future, withheld and canceled stories, pictures.
    static func generated(_ count: Int, seed: UInt64) -> String {
        var rng = SplitMix(state: seed)
        var lines: [String] = []
        for i in 0..<count {
            let story = i % 7 == 6 ? i - 3 : i  // every seventh is a new version of an earlier story
            var a: [String: Any] = [
                "id": "tag:wire.example.net,2026:story-\(story)",
                "title": "Story \(story) at line \(i)",
                "body": ["Paragraph one of \(i).", "Paragraph two of \(i)."],
                "language": "en",
            ]
            if story != i { a["version"] = 2 }
            switch rng.below(10) {
            case 0: break  // undated
            case 1, 2: a["published"] = "2026-11-0\(1 + rng.below(3))T12:00:00Z"  // many share a date
            default:
                a["published"] = String(
                    format: "2026-%02d-%02dT%02d:%02d:00Z", 1 + rng.below(11), 1 + rng.below(28), rng.below(24),
                    rng.below(60))
            }
            if rng.below(4) == 0 { a["updated"] = "2026-11-30T08:00:00Z" }
            switch rng.below(20) {
            case 0: a["status"] = "canceled"
            case 1: a["status"] = "withheld"
            case 2: a["embargo"] = "2030-01-01T00:00:00Z"
            case 3: a["embargo"] = "2026-01-01T00:00:00Z"
            default: break
            }
            if rng.below(5) == 0 {
                a["media"] = [
                    ["url": "https://img.example.net/\(i).jpg", "type": "image/jpeg", "caption": "Picture \(i)"]
                ]
            }
            a["url"] = "https://news.example.net/story/\(story)"
            let data = try! JSONSerialization.data(withJSONObject: a, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let formats = ["rss", "atom", "newsml", "json", "jsonfeed", "ninjs"]
    static let now = ["--now", "2026-12-05T00:00:00Z"]
    static let env = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// One sorted run over `inputs`, and merges of parts split by --shard and by random
    /// partitions of the input files (--files-from): the same bytes, format by format.
    func check(inputs: [String], files: [String], feed: String, extra: [String] = [], seed: UInt64) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        var rng = SplitMix(state: seed)
        // The splits: --shard K/N for a random N, and a random partition of the files.
        var splits: [[[String]]] = []
        let n = 2 + rng.below(6)
        splits.append((0..<n).map { k in inputs + ["--shard", "\(k)/\(n)"] })
        let m = 2 + rng.below(3)
        var lists = Array(repeating: [String](), count: m)
        for f in files { lists[rng.below(m)].append(f) }
        var partition: [[String]] = []
        for (k, list) in lists.enumerated() where !list.isEmpty {
            let path = dir + "/list\(k).txt"
            try (list.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            partition.append(["--files-from", path])
        }
        splits.append(partition)
        for (s, split) in splits.enumerated() {
            var parts: [String] = []
            for (k, args) in split.enumerated() {
                let part = dir + "/split\(s)-part\(k).json"
                let r = try CLI.run(
                    ["convert"] + args + ["--feed", feed, "--to", "json", "--sort", "newest", "-o", part], env: Self.env
                )
                #expect(r.status == 0, "\(r.stderr)")
                parts.append(part)
            }
            parts.shuffle(using: &rng)
            for format in Self.formats {
                let one = try CLI.run(
                    ["convert"] + inputs + ["--feed", feed, "--to", format, "--sort", "newest"] + Self.now + extra,
                    env: Self.env)
                #expect(one.status == 0, "\(one.stderr)")
                let merged = try CLI.run(
                    ["merge"] + parts + ["--feed", feed, "--to", format] + Self.now + extra, env: Self.env)
                #expect(merged.status == 0, "\(merged.stderr)")
                #expect(!one.stdout.isEmpty)
                let same = merged.stdout == one.stdout  // (not the bytes themselves in a failure)
                #expect(same, "\(format), split \(s) (\(parts.count) parts) \(extra): not the same bytes")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func mergedSplitsOfGeneratedArticlesAreOneRun(seed: UInt64) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        var files: [String] = []
        let all = Self.generated(240, seed: seed).split(separator: "\n")
        // Several files, so that a partition of files splits the articles differently from --shard.
        for k in 0..<6 {
            let path = dir + "/batch\(k).jsonl"
            try (all[(k * 40)..<((k + 1) * 40)].joined(separator: "\n") + "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let feed = CLI.repo + "/fixtures/publish/feed.yaml"
        try check(inputs: files, files: files, feed: feed, seed: seed)
        try check(inputs: files, files: files, feed: feed, extra: ["--limit", "25"], seed: seed &+ 100)
    }

    @Test func mergedSplitsOfTheFixturesAreOneRun() throws {
        let dir = CLI.repo + "/fixtures/articles"
        let texts = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
            .map { dir + "/" + $0 }
        let files =
            texts + [CLI.repo + "/fixtures/publish/stories.jsonl", CLI.repo + "/fixtures/publish/gallery.jsonl"]
        try check(inputs: files, files: files, feed: CLI.repo + "/fixtures/publish/feed.yaml", seed: 7)
    }

    @Test func feedPartsMergeToo() throws {
        // Atom carries what the fixtures hold (tombstones included, read back as canceled).
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed = CLI.repo + "/fixtures/publish/feed.yaml"
        let inputs = ["fixtures/publish/stories.jsonl", "fixtures/articles"]
        var parts: [String] = []
        for k in 0..<3 {
            let part = dir + "/part\(k).atom"
            let r = try CLI.run(
                ["convert"] + inputs + [
                    "--feed", feed, "--to", "atom", "--sort", "newest", "--shard", "\(k)/3", "-o", part,
                ]
                    + Self.now, env: Self.env)
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        let one = try CLI.run(
            ["convert"] + inputs + ["--feed", feed, "--to", "atom", "--sort", "newest"] + Self.now, env: Self.env)
        let merged = try CLI.run(["merge"] + parts + ["--feed", feed, "--to", "atom"] + Self.now, env: Self.env)
        #expect(merged.status == 0, "\(merged.stderr)")
        let same = merged.stdout == one.stdout
        #expect(same, "the merged Atom parts differ from one run")
        #expect(one.out.contains("at:deleted-entry"))
    }

    @Test func aPartOutOfOrderIsRefusedNamingItsLine() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let part = dir + "/unsorted.jsonl"
        try (Self.generated(20, seed: 9)).write(toFile: part, atomically: true, encoding: .utf8)
        let out = dir + "/feed.xml"
        let r = try CLI.run(["merge", part, "--feed", CLI.identity, "--to", "rss", "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains(part + ":"), "\(r.stderr)")
        #expect(r.stderr.contains("--sort newest"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Sorted, the same articles merge.
        let sorted = dir + "/sorted.json"
        #expect(try CLI.run(["convert", part, "--to", "json", "--sort", "newest", "-o", sorted]).status == 0)
        #expect(try CLI.run(["merge", sorted, "--feed", CLI.identity, "--to", "rss", "-o", out]).status == 0)
        // A line past --max-input-size is refused, also when it is the last (no line end).
        let long = dir + "/long.jsonl"
        try ("{\"id\":\"tag:x.example,2026:a\",\"title\":\"" + String(repeating: "x", count: 3000) + "\"}").write(
            toFile: long, atomically: true, encoding: .utf8)
        let tooLong = try CLI.run(["merge", long, "--to", "json", "--max-input-size", "2K"])
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr.contains("larger than the limit"), "\(tooLong.stderr)")
        // A part that is not wirefeed's JSON at all.
        let junk = dir + "/junk.json"
        try "{\"articles\": 3}\n".write(toFile: junk, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["merge", junk, "--to", "json"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(junk + ":1:"), "\(bad.stderr)")
    }

    @Test func importFilesFromWritesOneRecordPerFeed() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feeds = try FileManager.default.contentsOfDirectory(atPath: CLI.repo + "/fixtures/import/atom")
            .filter { $0.hasSuffix(".xml") }.sorted().map { "fixtures/import/atom/" + $0 }
        #expect(feeds.count >= 3)
        let list = dir + "/list.txt"
        try (feeds.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let all = try CLI.run(["import", "--files-from", list])
        #expect(all.status == 0, "\(all.stderr)")
        let records = all.out.split(separator: "\n").map(String.init)
        #expect(records.count == feeds.count)
        for (record, feed) in zip(records, feeds) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
            #expect(object["file"] as? String == feed)
            // The record is the document `import FILE` prints, with its file.
            let alone = try CLI.run(["import", feed])
            let single = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout)) as? NSDictionary)
            var withoutFile = object
            withoutFile["file"] = nil
            #expect(NSDictionary(dictionary: withoutFile) == single, "\(feed)")
        }
        // Shares by path: every record in exactly one, in the list's order.
        var seen: [String] = []
        for k in 0..<3 {
            let part = try CLI.run(["import", "--files-from", list, "--shard", "\(k)/3"])
            #expect(part.status == 0)
            seen += part.out.split(separator: "\n").map(String.init)
        }
        #expect(seen.sorted() == records.sorted())
        // A listed feed that cannot be read is a record of its own; the others are read.
        try (feeds[0] + "\nfixtures/import/hostile/billion-laughs.xml\n" + feeds[1] + "\n").write(
            toFile: list, atomically: true, encoding: .utf8)
        let failing = try CLI.run(["import", "--files-from", list])
        #expect(failing.status == 1)
        let lines = failing.out.split(separator: "\n")
        #expect(lines.count == 3)
        let error = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect((error["error"] as? [String: Any])?["message"] is String)
        #expect(failing.stderr.contains("billion-laughs.xml"))
    }

    @Test func importNeedsAFeedOrAListNotBoth() throws {
        let none = try CLI.run(["import"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--files-from LIST"))
        let both = try CLI.run(["import", "feed.xml", "--files-from", "list.txt"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
    }

    @Test func convertFilesFromReadsTheListedInputs() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let list = dir + "/list.txt"
        try "fixtures/publish/stories.jsonl\r\n\nfixtures/articles\n".write(
            toFile: list, atomically: true, encoding: .utf8)
        let listed = try CLI.run(["convert", "--files-from", list, "--to", "json"], env: Self.env)
        let given = try CLI.run(
            ["convert", "fixtures/publish/stories.jsonl", "fixtures/articles", "--to", "json"], env: Self.env)
        #expect(listed.status == 0, "\(listed.stderr)")
        let same = listed.stdout == given.stdout
        #expect(same)
        let fromStdin = try CLI.run(
            ["convert", "--files-from", "-", "--to", "json"],
            stdin: Array(try String(contentsOfFile: list, encoding: .utf8).utf8),
            env: Self.env)
        let sameFromStdin = fromStdin.stdout == given.stdout
        #expect(sameFromStdin)
        let listsStdin = try CLI.run(["convert", "--files-from", "-", "--to", "json"], stdin: Array("-\n".utf8))
        #expect(listsStdin.status == 1)
        #expect(listsStdin.stderr.contains("already holds the list"), "\(listsStdin.stderr)")
        try "\n\n".write(toFile: list, atomically: true, encoding: .utf8)
        let empty = try CLI.run(["convert", "--files-from", list, "--to", "json"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("lists no path"))
    }
}
