import Foundation
import Testing

/// `convert --to jsonfeed` writes JSON Feed 1.1 and `import` reads JSON Feed 1.0 and 1.1.
@Suite("wirefeed: JSON Feed")
struct JSONFeedCLITests {
    static let now = "2026-12-05T00:00:00Z"

    @Test func convertWritesJSONFeedWithThePublishingRules() throws {
        let r = try CLI.run([
            "convert", PublishingCLITests.stories, "--feed", PublishingCLITests.feed, "--to", "jsonfeed", "--now",
            Self.now,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(doc["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(doc["title"] as? String == "The Coast Post – Latest")
        let items = try #require(doc["items"] as? [[String: Any]])
        // Held (embargo), withheld and canceled stories are not published; one item per story.
        #expect(items.count == 3)
        #expect(r.stderr.contains("held back 1 under embargo"))
        for item in items {
            #expect(item["id"] is String)
            #expect(item["content_html"] != nil || item["content_text"] != nil, "JSON Feed requires content")
        }
        let ferry = try #require(items.first { ($0["id"] as? String)?.hasSuffix("ferry-timetable") == true })
        #expect(ferry["title"] as? String == "Winter ferry timetable starts Monday, not Sunday")
        #expect(ferry["date_published"] as? String == "2026-12-01T07:30:00Z")
        let authors = try #require(ferry["authors"] as? [[String: Any]])
        #expect(authors.map { $0["name"] as? String } == ["Mira Holt"], "editors are not authors")
    }

    @Test func importReadsJSONFeedBack() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/feed.json"
        let c = try CLI.run([
            "convert", PublishingCLITests.stories, "--feed", PublishingCLITests.feed, "--to", "jsonfeed", "--now",
            Self.now, "-o", out,
        ])
        #expect(c.status == 0)
        let r = try CLI.run(["import", out])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(doc["format"] as? String == "jsonfeed1.1")
        let articles = try #require(doc["articles"] as? [[String: Any]])
        #expect(articles.count == 3)
        let feed = try #require(doc["feed"] as? [String: Any])
        #expect(feed["title"] as? String == "The Coast Post – Latest")
        // --from says what is expected.
        #expect(try CLI.run(["import", out, "--from", "jsonfeed"]).status == 0)
        let wrong = try CLI.run(["import", out, "--from", "rss"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("this is JSON, not RSS 2.0"), "\(wrong.stderr)")
    }

    @Test func jsonFeed10AuthorAndNumericIDsAreRead() throws {
        let feed = """
            {"version": "https://jsonfeed.org/version/1", "title": "Old feed", "home_page_url": "https://old.example.org/",
             "author": {"name": "Ada", "url": "https://old.example.org/ada"},
             "items": [{"id": 42, "content_text": "First.\\n\\nSecond.", "date_published": "2020-07-07T10:00:00+02:00",
                        "author": {"name": "Bo"}, "tags": ["harbour"], "image": "https://old.example.org/p.jpg"}]}
            """
        let r = try CLI.run(["import", "-"], stdin: Array(feed.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains(#""format":"jsonfeed1.0""#))
        #expect(r.out.contains(#""id":"42""#))
        #expect(r.out.contains(#""body":["First.","Second."]"#), "\(r.out)")
        #expect(r.out.contains(#""published":"2020-07-07T10:00:00+02:00""#))
        #expect(r.out.contains(#""authors":[{"name":"Bo"}]"#))
        #expect(r.out.contains(#""categories":[{"term":"harbour"}]"#))
        #expect(r.out.contains(#""url":"https://old.example.org/p.jpg""#))
    }

    @Test func whatIsNotAJSONFeedIsAClearError() throws {
        let notFeed = try CLI.run(["import", "-"], stdin: Array(#"{"title": "x", "items": []}"#.utf8))
        #expect(notFeed.status == 1)
        #expect(notFeed.stderr.contains("not a JSON Feed"), "\(notFeed.stderr)")
        let broken = try CLI.run(
            ["import", "-"], stdin: Array(#"{"version": "https://jsonfeed.org/version/1.1", "#.utf8))
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("not valid JSON"), "\(broken.stderr)")
        let untitled = try CLI.run(["convert", PublishingCLITests.stories, "--to", "jsonfeed"])
        #expect(untitled.status == 1)
        #expect(untitled.stderr.contains("a JSON Feed needs a title"), "\(untitled.stderr)")
        #expect(untitled.out.isEmpty)
    }
}
