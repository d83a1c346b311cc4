import Foundation
import Testing

/// What `convert` publishes of the newsroom corpus (`fixtures/publish/`) at a fixed time:
/// embargoes held, kills and withheld stories left out (tombstones in Atom), one item per
/// story, the right people credited, URLs made URIs.
@Suite("wirefeed convert: publishing rules")
struct PublishingCLITests {
    static let stories = "fixtures/publish/stories.jsonl"
    static let feed = "fixtures/publish/feed.yaml"

    static func convert(_ format: String, now: String = "2026-12-05T00:00:00Z") throws -> CLI.Result {
        try CLI.run(["convert", stories, "--feed", feed, "--to", format, "--now", now])
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func rssHoldsEmbargoesAndLeavesOutKillsAndOldVersions() throws {
        let r = try Self.convert("rss")
        #expect(r.status == 0)
        let out = r.out
        #expect(Self.count("<item>", in: out) == 3)
        #expect(!out.contains("Council budget"), "embargoed until 2030")
        #expect(!out.contains("Lifeboat rescue"), "killed: no RSS item")
        #expect(!out.contains("Harbourmaster"), "withheld")
        #expect(!out.contains("deleted-entry") && !out.contains("tombstones"))
        // Two versions of one story: one item, the correction, under the story's guid.
        #expect(Self.count("tag:coastpost.example.com,2026:ferry-timetable", in: out) == 1)
        #expect(out.contains("<title>Winter ferry timetable starts Monday, not Sunday</title>"))
        // One line on stderr says what was held and when the next is due.
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("held back 1 under embargo (the next is due 2030-01-01T00:01:00Z"))
        #expect(r.stderr.contains("left out 2 withheld or canceled"))
        #expect(r.stderr.contains("left out 1 older version"))
    }

    @Test func theEmbargoLiftsAtItsTime() throws {
        let before = try Self.convert("rss", now: "2030-01-01T00:00:59Z")
        #expect(!before.out.contains("Council budget"))
        let after = try Self.convert("rss", now: "2030-01-01T00:01:00Z")
        #expect(after.status == 0)
        #expect(after.out.contains("<title>Council budget for 2027</title>"))
        #expect(!after.stderr.contains("embargo"))
    }

    @Test func atomWritesATombstoneBeforeTheEntries() throws {
        let r = try Self.convert("atom")
        #expect(r.status == 0)
        let out = r.out
        #expect(Self.count("<entry", in: out) == 3)
        let tombstone =
            #"<at:deleted-entry xmlns:at="http://purl.org/atompub/tombstones/1.0" ref="tag:coastpost.example.com,2026:lifeboat-rescue" when="2026-12-03T14:20:00Z">"#
        #expect(out.contains(tombstone), "\(out)")
        // RFC 4287's grammar puts extension elements before the entries; the namespace is
        // declared on the tombstone alone.
        let at = try #require(out.range(of: "<at:deleted-entry"))
        let entry = try #require(out.range(of: "<entry"))
        #expect(at.lowerBound < entry.lowerBound)
        #expect(!out.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:at"))
        #expect(r.stderr.contains("wrote 1 tombstone"))
        #expect(!out.contains("Harbourmaster"))
    }

    @Test func newsMLCarriesEverythingAsAgenciesDo() throws {
        let r = try Self.convert("newsml")
        #expect(r.status == 0)
        #expect(r.out.contains("Council budget for 2027"))
        #expect(r.out.contains("<embargoed>2030-01-01T00:01:00Z</embargoed>"))
        #expect(r.out.contains("stat:canceled") && r.out.contains("stat:withheld"))
        #expect(!r.stderr.contains("held back"))
    }

    @Test func onlyAuthorsAreCreatorsAndEachMeaningOnce() throws {
        let out = try Self.convert("rss").out
        let items = out.components(separatedBy: "<item>").dropFirst()
        for item in items {
            // Never both <author> and dc:creator, never pubDate and dc:date.
            #expect(!(item.contains("<author>") && item.contains("<dc:creator>")), "\(item)")
            #expect(Self.count("<author>", in: item) <= 1)
            #expect(!item.contains("<dc:date>"))
            #expect(Self.count("<pubDate>", in: item) == 1)
        }
        // A lone author with an address is RSS's <author>; the editor is no creator.
        #expect(out.contains("<author>mira.holt@coastpost.example.com (Mira Holt)</author>"))
        #expect(!out.contains("Sam Oduya</dc:creator>") && out.contains("<dc:contributor>Sam Oduya</dc:contributor>"))
        // The photographer is credited as a contributor, the two writers as creators.
        #expect(out.contains("<dc:contributor>Jonas Weber</dc:contributor>"))
        #expect(
            out.contains("<dc:creator>Priya Nair</dc:creator>") && out.contains("<dc:creator>Ali Demir</dc:creator>"))
        let atom = try Self.convert("atom").out
        #expect(atom.contains("<contributor>\n      <name>Jonas Weber</name>"))
    }

    @Test func urlsAreURIsAndUnknownNumbersAreLeftOut() throws {
        let out = try Self.convert("rss").out
        #expect(out.contains("<link>https://coastpost.example.com/news/ferry%20timetable</link>"))
        #expect(out.contains("<link>https://coastpost.example.com/pictures/north-quay-sturmsch%C3%A4den</link>"))
        #expect(out.contains(#"url="https://img.coastpost.example.com/2026/12/north%20quay%201.jpg""#))
        #expect(!out.contains("fileSize=\"0\""))
        // Markup characters in a plain-text title: hexadecimal references, as the W3C validator asks.
        #expect(out.contains("<title>Storm damage at the North Quay &#x3C;in pictures&gt;</title>"))
        let atom = try Self.convert("atom").out
        #expect(atom.contains(#"href="https://coastpost.example.com/news/ferry%20timetable""#))
        #expect(!atom.contains(#"length="0""#))
    }

    @Test func aURLThatCannotBeALinkIsAnErrorNamingTheArticle() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let line = #"{"id": "tag:x.example,2026:a", "title": "A", "url": "javascript:alert(1)", "body": ["x"]}"#
        try (line + "\n").write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
        for format in ["rss", "atom"] {
            let r = try CLI.run([
                "convert", dir + "/a.jsonl", "--feed", Self.feed, "--to", format, "-o", dir + "/out.xml",
            ])
            #expect(r.status == 1)
            #expect(r.stderr.contains("article tag:x.example,2026:a: its url 'javascript:alert(1)' is not a link"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/out.xml"), "no half-written output")
        }
    }

    @Test func nowMustBeATime() throws {
        let r = try CLI.run(["convert", "--feed", CLI.identity, Self.stories, "--to", "rss", "--now", "soon"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--now 'soon' is not a time"))
    }

    @Test func sourceDateEpochIsTheDefaultNow() throws {
        // 2030-06-01: the embargo has lifted.
        let r = try CLI.run(
            ["convert", Self.stories, "--feed", Self.feed, "--to", "rss"], env: ["SOURCE_DATE_EPOCH": "1906502400"])
        #expect(r.out.contains("Council budget for 2027"))
    }

    @Test func aTypoInTheFeedIsAnErrorWithASuggestion() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "titel: Coast Post\nurl: https://coastpost.example.com/\n".write(
            toFile: dir + "/feed.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["convert", Self.stories, "--feed", dir + "/feed.yaml", "--to", "rss"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("feed.yaml:1: error: unknown key 'titel' (did you mean 'title'?)"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func undatedTextTakesItsFileTimeClampedBySourceDateEpoch() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "The quay reopened on Friday after repairs.\n".write(
            toFile: dir + "/quay-reopens.txt", atomically: true, encoding: .utf8)
        // The file's time (2024-03-01) is earlier than the epoch: it stands.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_709_251_200)], ofItemAtPath: dir + "/quay-reopens.txt")
        let feed = dir + "/feed.yaml"
        try
            "title: Coast Post\nurl: https://coastpost.example.com/\nidBase: \"tag:coastpost.example.com,2026:\"\nlinkTemplate: \"https://coastpost.example.com/news/{name}\"\n"
            .write(toFile: feed, atomically: true, encoding: .utf8)
        let r = try CLI.run(
            ["convert", dir + "/quay-reopens.txt", "--feed", feed, "--to", "json"],
            env: ["SOURCE_DATE_EPOCH": "1717200000"])
        #expect(r.status == 0)
        #expect(r.out.contains(#""id":"tag:coastpost.example.com,2026:quay-reopens""#), "\(r.out)")
        #expect(r.out.contains(#""url":"https://coastpost.example.com/news/quay-reopens""#))
        #expect(r.out.contains(#""published":"2024-03-01T00:00:00Z""#))
        // A later file time is clamped to the epoch.
        let clamped = try CLI.run(
            ["convert", dir + "/quay-reopens.txt", "--feed", feed, "--to", "json"],
            env: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(clamped.out.contains(#""published":"2023-11-14T22:13:20Z""#), "\(clamped.out)")
    }

    @Test(arguments: ["rss", "atom"])
    func noFeedIdentityIsAnErrorNotAPlaceholder(format: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/feed.xml"
        let r = try CLI.run(["convert", Self.stories, "--to", format, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("needs a title and a"), "\(r.stderr)")
        #expect(r.stderr.contains("give --feed FILE"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "no temporary file either")
        // A title alone is not enough.
        try "title: Coast Post\n".write(toFile: dir + "/feed.yaml", atomically: true, encoding: .utf8)
        let titled = try CLI.run(["convert", Self.stories, "--feed", dir + "/feed.yaml", "--to", format])
        #expect(titled.status == 1)
        #expect(titled.stderr.contains(format == "rss" ? "needs a link (url)" : "needs an id (id or url)"))
        #expect(!titled.stderr.contains("a title"))
        #expect(titled.out.isEmpty)
    }

    @Test func aJSONDocumentsFeedBlockIsTheFeedWithoutFeedOption() throws {
        // convert --to json prints the feed block; converting that document again keeps the feed.
        let json = try CLI.run([
            "convert", Self.stories, "--feed", Self.feed, "--to", "json", "--now", "2026-12-05T00:00:00Z",
        ])
        #expect(json.status == 0)
        #expect(json.out.contains(#""title":"The Coast Post – Latest""#))
        let rss = try CLI.run(
            ["convert", "-", "--to", "rss", "--now", "2026-12-05T00:00:00Z"], stdin: Array(json.out.utf8))
        #expect(rss.status == 0, "\(rss.stderr)")
        #expect(rss.out.contains("<title>The Coast Post – Latest</title>"))
        #expect(rss.out.contains("<link>https://coastpost.example.com/</link>"))
        #expect(rss.out.contains("<item>"))
        // --feed, when given, wins over the document's block.
        let given = try CLI.run(
            ["convert", "-", "--feed", CLI.identity, "--to", "rss", "--now", "2026-12-05T00:00:00Z"],
            stdin: Array(json.out.utf8))
        #expect(given.out.contains("<title>Example Wire</title>"))
        #expect(!given.out.contains("Coast Post – Latest"))
    }

    @Test func oneFeedFileGivesEachOutputItsSelfURL() throws {
        let rss = try Self.convert("rss")
        #expect(
            rss.out.contains(
                #"<atom:link href="https://coastpost.example.com/feeds/latest.rss" rel="self" type="application/rss+xml"/>"#
            ), "\(rss.out)")
        #expect(!rss.out.contains("latest.atom"))
        let atom = try Self.convert("atom")
        #expect(
            atom.out.contains(
                #"<link rel="self" type="application/atom+xml" href="https://coastpost.example.com/feeds/latest.atom"/>"#
            ), "\(atom.out)")
        #expect(!atom.out.contains("latest.rss"))
        // The JSON document carries no mapping (the contract's selfURL is one URL).
        let json = try Self.convert("json")
        #expect(!json.out.contains("selfURL"))
    }

    @Test func aSelfURLMappingNamesOutputs() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try
            "title: Coast Post\nurl: https://coastpost.example.com/\nselfURL:\n  rs: https://coastpost.example.com/feed.rss\n"
            .write(toFile: dir + "/feed.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["convert", Self.stories, "--feed", dir + "/feed.yaml", "--to", "rss"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("selfURL names 'rs' (did you mean 'rss'?), which is not an output"), "\(r.stderr)")
        #expect(r.out.isEmpty)
    }

    @Test func newsMLWithoutAnyProviderIsAnErrorNamingTheArticle() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try "The quay reopened on Friday after repairs.\n".write(
            toFile: dir + "/quay-reopens.txt", atomically: true, encoding: .utf8)
        let r = try CLI.run(["convert", dir + "/quay-reopens.txt", "--to", "newsml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("NewsML-G2 needs a provider"), "\(r.stderr)")
        #expect(r.stderr.contains("error: article urn:uuid:"))
        #expect(r.out.isEmpty)
        // The feed's title names the provider.
        let ok = try CLI.run(["convert", dir + "/quay-reopens.txt", "--feed", CLI.identity, "--to", "newsml"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.out.contains("<name>Example Wire</name>"))
    }

    @Test func theOutputIsCheckedByTheFeedRulesBeforeItIsCommitted() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        // The second article has neither a title nor a text: its RSS item would carry
        // neither, which the rules reject.
        let input = dir + "/two.jsonl"
        try "{\"id\":\"tag:example.org,2024:a\",\"title\":\"A\"}\n{\"id\":\"tag:example.org,2024:b\"}\n".write(
            toFile: input, atomically: true, encoding: .utf8)
        let out = dir + "/feed.xml"
        let r = try CLI.run(["convert", input, "--feed", CLI.identity, "--to", "rss", "-o", out])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                out + ":13: error: item has neither a title nor a description [rss.item.title-or-description]"),
            "\(r.stderr)")
        #expect(r.stderr.contains("nothing written; --no-self-check writes it anyway"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // On standard output the bytes are gone already: the run still fails.
        let piped = try CLI.run(["convert", input, "--feed", CLI.identity, "--to", "rss"])
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("<stdout>:13: error:"))
        #expect(piped.stderr.contains("standard output is not valid"))
        // Asked for, it is written as it is.
        let forced = try CLI.run([
            "convert", input, "--feed", CLI.identity, "--to", "rss", "--no-self-check", "-o", out,
        ])
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: out))
        // Warnings do not fail the run; --verbose lists them.
        let verbose = try CLI.run(["convert", input, "--feed", CLI.identity, "--to", "atom", "--verbose"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
    }

    @Test func limitKeepsTheNewestStories() throws {
        let all = try Self.convert("rss")
        #expect(Self.count("<item>", in: all.out) == 3)
        let r = try CLI.run([
            "convert", Self.stories, "--feed", Self.feed, "--to", "rss", "--now", "2026-12-05T00:00:00Z", "--limit",
            "2",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.count("<item>", in: r.out) == 2)
        #expect(r.stderr.contains("left out 1 older article beyond --limit 2"), "\(r.stderr)")
        // The two newest by date, in input order; the oldest story is the one left out.
        let dates =
            try JSONSerialization.jsonObject(
                with: Data(
                    try CLI.run([
                        "convert", Self.stories, "--feed", Self.feed, "--to", "json", "--now", "2026-12-05T00:00:00Z",
                        "--limit", "2",
                    ]).stdout)) as? [String: Any]
        let articles = try #require(dates?["articles"] as? [[String: Any]])
        #expect(articles.count == 2)
        #expect(try CLI.run(["convert", Self.stories, "--to", "rss", "--limit", "-1"]).status == 2)
        let none = try CLI.run([
            "convert", Self.stories, "--feed", Self.feed, "--to", "atom", "--now", "2026-12-05T00:00:00Z", "--limit",
            "0",
        ])
        #expect(none.status == 0)
        #expect(Self.count("<entry", in: none.out) == 0)
    }

    /// A picture with renditions: a Media RSS group (thumbnail, the default rendition, the
    /// others) with the caption and the photographer's credit, in RSS and Atom; read back as
    /// one medium whose main rendition is the largest, never the thumbnail.
    @Test(arguments: ["rss", "atom"])
    func renditionsThumbnailAndCreditAreMediaRSS(format: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/gallery.xml"
        let r = try CLI.run([
            "convert", "fixtures/publish/gallery.jsonl", "--feed", Self.feed, "--to", format, "--now",
            "2026-12-05T00:00:00Z", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(
            xml.contains(
                "<media:thumbnail url=\"https://coastpost.example.com/img/quay-thumb.jpg\" width=\"160\" height=\"107\"/>"
            ))
        #expect(xml.contains("isDefault=\"true\""))
        #expect(
            xml.contains(
                "<media:credit role=\"photographer\" scheme=\"urn:ebu\">Jonas Weber / Coast Post</media:credit>"))
        let back = try CLI.run(["import", out])
        #expect(back.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(back.stdout)) as? [String: Any])
        let article = try #require((doc["articles"] as? [[String: Any]])?.first)
        let media = try #require(article["media"] as? [[String: Any]])
        #expect(media.count == 1)
        #expect(media[0]["url"] as? String == "https://coastpost.example.com/img/quay-large.jpg")
        #expect(media[0]["credit"] as? String == "Jonas Weber / Coast Post")
        #expect((media[0]["renditions"] as? [Any])?.count == 3)
    }

    /// NewsML-G2: a picture with renditions is one picture item with a remoteContent per
    /// rendition; video and audio are items of their own too, linked from the text item; the
    /// message is valid by IPTC's schema and wirefeed's profile, and reads back.
    @Test func newsMLCarriesRenditionsVideoAndAudio() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/gallery.xml"
        let r = try CLI.run([
            "convert", "fixtures/publish/gallery.jsonl", "--feed", Self.feed, "--to", "newsml", "--now",
            "2026-12-05T00:00:00Z", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(Self.count("<remoteContent rendition=\"rnd:", in: xml) == 3)
        #expect(
            xml.contains("<itemClass qcode=\"ninat:video\"/>") && xml.contains("<itemClass qcode=\"ninat:audio\"/>"))
        #expect(try CLI.run(["validate", out]).status == 0)
        #expect(try CLI.run(["validate", "--profile", "wirefeed", out]).status == 0)
        let back = try CLI.run(["import", out])
        #expect(back.out.contains(#""url":"https://coastpost.example.com/img/quay-large.jpg""#))
        #expect(back.out.contains(#""medium":"video""#) && back.out.contains(#""medium":"audio""#))
    }

    /// The loss report says what each article loses in a format; --fail-on-loss makes a loss fatal.
    @Test func lossReportAndFailOnLoss() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let report = dir + "/loss.json"
        let r = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "rss", "--report", report, "-o",
            dir + "/feed.xml",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(doc["format"] as? String == "rss")
        let articles = try #require(doc["articles"] as? [[String: Any]])
        let harbour = try #require(articles.first { $0["id"] as? String == "tag:wire.example.org,2024:harbour-0042" })
        let lost = try #require(harbour["lost"] as? [String])
        #expect(lost.contains("urgency") && lost.contains("dateline") && lost.contains("subtitle"))
        #expect(!lost.contains("title") && !lost.contains("body"))
        // NewsML-G2 keeps what RSS loses.
        let newsml = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "newsml", "--report", report, "-o",
            dir + "/feed.newsml.xml",
        ])
        #expect(newsml.status == 0)
        #expect(
            try String(contentsOfFile: report, encoding: .utf8).contains("\"articles\" : [\n\n  ]")
                || !(try String(contentsOfFile: report, encoding: .utf8)).contains("urgency"))
        let fatal = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "rss", "--fail-on-loss",
            "urgency", "-o", dir + "/fatal.xml",
        ])
        #expect(fatal.status == 1)
        #expect(
            fatal.stderr.contains("would lose its urgency in rss (--fail-on-loss): nothing written"), "\(fatal.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/fatal.xml"))
        #expect(try CLI.run(["convert", "fixtures/articles", "--to", "rss", "--fail-on-loss", "urgncy"]).status == 2)
    }

    /// --max-bytes keeps the newest stories that fit, and says how many did not.
    @Test func maxBytesKeepsTheNewestThatFit() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let out = dir + "/feed.xml"
        func run(_ max: String) throws -> CLI.Result {
            try CLI.run([
                "convert", Self.stories, "--feed", Self.feed, "--to", "rss", "--now", "2026-12-05T00:00:00Z",
                "--max-bytes", max, "-o", out,
            ])
        }
        let all = try run("1M")
        #expect(all.status == 0)
        let full = try Data(contentsOf: URL(fileURLWithPath: out)).count
        let r = try run(String(full - 1))
        #expect(r.status == 0, "\(r.stderr)")
        let size = try Data(contentsOf: URL(fileURLWithPath: out)).count
        #expect(size <= full - 1)
        #expect(Self.count("<item>", in: try String(contentsOfFile: out, encoding: .utf8)) == 2)
        #expect(
            r.stderr.contains("left out 1 older article to keep the feed within --max-bytes \(full - 1)"), "\(r.stderr)"
        )
        let tiny = try run("200")
        #expect(tiny.status == 1)
        #expect(tiny.stderr.contains("the feed's head alone is"), "\(tiny.stderr)")
        #expect(try CLI.run(["convert", Self.stories, "--to", "newsml", "--max-bytes", "1M"]).status == 2)
    }
}
