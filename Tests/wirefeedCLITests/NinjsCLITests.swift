import Foundation
import Testing

/// `convert --to ninjs` writes IPTC ninjs (3.1, or 2.2 on request) as JSON Lines, and
/// `import` reads ninjs documents and streams back, IPTC's own examples included.
@Suite("wirefeed: IPTC ninjs")
struct NinjsCLITests {
    @Test(arguments: ["3.1", "2.2"])
    func convertWritesOneDocumentPerArticle(version: String) throws {
        let r = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "ninjs", "--ninjs-version",
            version,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 9)
        for line in lines {
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(doc["uri"] is String)
            // 3.1 spells keys in camelCase, 2.2 in lower case.
            #expect(doc[version == "3.1" ? "versionCreated" : "versioncreated"] != nil)
            #expect(doc[version == "3.1" ? "versioncreated" : "versionCreated"] == nil)
        }
        #expect(try CLI.run(["convert", "fixtures/articles", "--to", "ninjs", "--ninjs-version", "4"]).status == 2)
    }

    @Test func importReadsTheStreamBack() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/articles.jsonl"
        #expect(
            try CLI.run(["convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "ninjs", "-o", out])
                .status == 0)
        let r = try CLI.run(["import", out])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(doc["format"] as? String == "ninjs")
        #expect((doc["articles"] as? [Any])?.count == 9)
        // A line that is not ninjs names its line.
        try (String(contentsOfFile: out, encoding: .utf8) + "{\"title\": \"no uri\"}\n").write(
            toFile: out, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["import", out])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("articles.jsonl:10: error: not a ninjs document"), "\(bad.stderr)")
    }

    @Test(.enabled(if: CLI.sharedAvailable, "needs ../shared/reference"), arguments: ["2.2", "3.1"])
    func iptcExamplesImportWithTheFieldsTheyCarry(version: String) throws {
        let dir = CLI.shared + "/reference/ninjs/examples/" + version
        let text = try CLI.run(["import", dir + "/004_simple_text_article.json"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.out.contains(#""format":"ninjs""#))
        #expect(text.out.contains(#""id":"http://ninjs.example.com/newsitems/20130709simp123""#))
        #expect(text.out.contains(#""title":"Captain of wrecked cruise ship on trial in Italy""#))
        #expect(text.out.contains(#""updated":"2013-07-09T10:37:00Z""#))
        #expect(text.out.contains(#""body":["GROSSETO, Italy (AP) -- The trial"#))
        // Renditions of a picture: the largest is the main one, never the thumbnail.
        let renditions = try CLI.run(["import", dir + "/002_renditions_example.json"])
        #expect(renditions.status == 0)
        #expect(
            renditions.out.contains(
                #""url":"http://mms.businesswire.com/media/newsItemId/en/221373/5/dell_blue_rgb.jpg""#))
        #expect(renditions.out.contains(#""renditions":[{"name":"thumbnail""#))
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".json") {
            let r = try CLI.run(["import", dir + "/" + name])
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
    }
}
