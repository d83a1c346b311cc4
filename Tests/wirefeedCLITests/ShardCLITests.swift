import Foundation
import Testing

/// `--shard K/N`: every article in exactly one shard, the same split on every run.
@Suite("wirefeed: --shard")
struct ShardCLITests {
    /// The article ids of a JSON document `convert --to json` or `import` printed.
    static func ids(_ r: CLI.Result) throws -> [String] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        return (doc["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test(arguments: [1, 2, 7, 64])
    func everyArticleInExactlyOneShard(n: Int) throws {
        let inputs = ["fixtures/articles", "fixtures/publish/stories.jsonl", "fixtures/publish/gallery.jsonl"]
        let whole = try Self.ids(try CLI.run(["convert"] + inputs + ["--to", "json"]))
        #expect(whole.count >= 15)
        var seen: [String] = []
        for k in 0..<n {
            let part = try CLI.run(["convert"] + inputs + ["--to", "json", "--shard", "\(k)/\(n)"])
            #expect(part.status == 0, "\(part.stderr)")
            seen += try Self.ids(part)
        }
        #expect(seen.sorted() == whole.sorted())
        // Import splits a feed the same way.
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed = dir + "/feed.xml"
        #expect(try CLI.run(["convert"] + inputs + ["--feed", CLI.identity, "--to", "atom", "-o", feed]).status == 0)
        let all = try Self.ids(try CLI.run(["import", feed]))
        var parts: [String] = []
        for k in 0..<n { parts += try Self.ids(try CLI.run(["import", feed, "--shard", "\(k)/\(n)"])) }
        #expect(parts.sorted() == all.sorted())
    }

    @Test func aShardMustBeKOfN() throws {
        for bad in ["3/3", "-1/2", "1", "a/b", "0/0"] {
            #expect(try CLI.run(["convert", "fixtures/articles", "--to", "json", "--shard", bad]).status == 2)
        }
    }
}
