import Foundation
import Testing
import XMLCore

@testable import WireFeed
@testable import WireIngest

/// The team's fixtures and their expected readings (`fixtures/articles/expected.json`).
@Suite struct CleanedArticleReaderTests {
    struct Expectation: Decodable {
        struct Author: Decodable {
            var name: String
            var role: String
        }
        var paragraphs: Int
        var firstStartsWith: String
        var lastStartsWith: String
        var source: String?
        var rightsHolder: String?
        var rightsYear: Int?
        var authors: [Author]?
        var language: String?
        var detectedLanguage: String?
        var warnings: Bool
        var titleFromFrontMatter: String?
    }

    static let expectations: [String: Expectation] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Paths.articles + "/expected.json"))
        return try! JSONDecoder().decode([String: Expectation].self, from: data)
    }()

    static let names = expectations.keys.sorted()

    @Test(arguments: names)
    func fixtureReadsAsExpected(_ name: String) throws {
        let e = try #require(Self.expectations[name])
        // Without feed defaults, so the language comes from front matter or detection.
        let result = try Fixtures.read(Paths.articles + "/" + name, feed: Feed())
        let a = result.article
        #expect(a.body.count == e.paragraphs)
        #expect(a.body.first?.hasPrefix(e.firstStartsWith) == true, "\(a.body.first ?? "")")
        #expect(a.body.last?.hasPrefix(e.lastStartsWith) == true, "\(a.body.last ?? "")")
        #expect(Set(a.body).count == a.body.count, "each paragraph once")
        #expect(a.source == e.source)
        #expect(a.rights?.holder == e.rightsHolder)
        #expect(a.rights?.year == e.rightsYear)
        #expect(a.authors.map(\.name) == (e.authors ?? []).map(\.name))
        #expect(a.authors.map { $0.role?.rawValue } == (e.authors ?? []).map(\.role))
        #expect(a.language == e.language)
        if let title = e.titleFromFrontMatter { #expect(a.title == title) } else { #expect(a.title?.isEmpty == false) }
        #expect(result.warnings.contains { $0.severity >= .warning } == e.warnings)
        for p in a.body {
            #expect(!p.lowercased().hasPrefix("baca juga"))
            #expect(!p.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{FFFD}" || $0 == "\u{FEFF}" })
            #expect(p == p.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func detectedLanguagesMatchFixtures() throws {
        for name in Self.names {
            let e = try #require(Self.expectations[name])
            guard let expected = e.detectedLanguage else { continue }
            let a = try Fixtures.read(Paths.articles + "/" + name, feed: Feed()).article
            #expect(LanguageDetector.detect(a.body) == expected, "\(name)")
        }
    }

    @Test func feedLanguageWinsOverDetection() throws {
        let a = try Fixtures.read(Paths.articles + "/fr-greve.txt", feed: Feed(language: "fr-CA")).article
        #expect(a.language == "fr-CA")
    }

    @Test func unsureTextGetsNoLanguage() {
        #expect(LanguageDetector.detect(["OK 123 !!", "Lorem ipsum dolor"]) == nil)
        #expect(LanguageDetector.detect([]) == nil)
    }

    @Test func frontMatterWinsOverInference() throws {
        let text =
            "---\ntitle: Given title\nsource: Given source\nauthors:\n  - name: A B\n    role: photographer\n---\nFirst paragraph of the story is here.\nSource: Inferred\n"
        let a = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "x.txt").article
        #expect(a.title == "Given title")
        #expect(a.source == "Given source")
        #expect(a.authors == [Person(name: "A B", role: .photographer)])
        #expect(a.body == ["First paragraph of the story is here."])
    }

    @Test func blankLineParagraphsJoinWrappedLines() throws {
        let text = "First line of one\nparagraph continues.\n\nSecond paragraph.\r\n\r\nThird.\n"
        let a = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "x.txt").article
        #expect(a.body == ["First line of one paragraph continues.", "Second paragraph.", "Third."])
    }

    @Test func crlfBomAndStrayWhitespace() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("  Lead  paragraph here.\t\r\nSecond one.  \r\n".utf8)
        let a = try CleanedArticleReader().read(bytes: bytes, file: "x.txt").article
        #expect(a.body == ["Lead paragraph here.", "Second one."])
    }

    @Test func invalidBytesAndControlsAreDroppedAndReported() throws {
        let bytes: [UInt8] =
            Array("Good ".utf8) + [0xFF, 0xC3] + Array(" text\u{01}here.\nNext ".utf8) + [0xE2, 0x82]
            + Array("line.\n".utf8)
        let r = try CleanedArticleReader().read(bytes: bytes, file: "bad.txt")
        #expect(r.article.body == ["Good  texthere.".collapsed, "Next line."])
        let lines = r.warnings.filter { $0.severity == .warning }.map(\.line)
        #expect(lines == [1, 1, 2])
        #expect(r.warnings.allSatisfy { $0.file == "bad.txt" })
    }

    @Test func binaryFileIsRefused() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        #expect(throws: IngestError.self) { try CleanedArticleReader().read(bytes: bytes, file: "pic.txt") }
    }

    @Test func unreadableFrontMatterNamesLine() {
        let text = "---\ntitle: ok\nauthors: [unclosed\n---\nBody.\n"
        do {
            _ = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "fm.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "fm.txt")
            #expect(error.line >= 3)
            #expect(error.description.contains("YAML"))
        }
    }

    @Test func wrongTypeInFrontMatterNamesKey() {
        let text = "---\ntitle: ok\nurgency: soon\n---\nBody.\n"
        do {
            _ = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "fm.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("urgency"))
        }
    }

    @Test func derivedTitleCutsAtWordBoundary() throws {
        let lead = String(repeating: "wordy ", count: 40) + "end."
        let a = try CleanedArticleReader().read(bytes: Array(lead.utf8), file: "t.txt").article
        let title = try #require(a.title)
        #expect(title.hasSuffix("wordy…"))
        #expect(title.count <= 111)
        let short = try CleanedArticleReader().read(
            bytes: Array("Quake hits coast. More text follows here.".utf8), file: "t.txt"
        ).article
        #expect(short.title == "Quake hits coast")
    }

    /// A story's id comes from its file's name: a corrected text keeps it. Only text without
    /// a name (standard input) is identified by its content.
    @Test func idComesFromTheFileNameAndTheIdBase() throws {
        let bytes = Array("Some paragraph.\nAnother one.\n".utf8)
        let corrected = Array("Some paragraph, corrected.\nAnother one.\n".utf8)
        let a = try CleanedArticleReader().read(bytes: bytes, file: "a.txt").article
        let a2 = try CleanedArticleReader().read(bytes: corrected, file: "elsewhere/a.txt").article
        let b = try CleanedArticleReader().read(bytes: bytes, file: "b.txt").article
        #expect(a.id == a2.id)
        #expect(a.id != b.id)
        #expect(a.id.hasPrefix("urn:uuid:"))
        let base = CleanedArticleReader(feed: Feed(idBase: "tag:example.org,2024:"))
        #expect(
            try base.read(bytes: bytes, file: "news/harbour reopens.txt").article.id
                == "tag:example.org,2024:harbour%20reopens")
        // Standard input: the text is the identity.
        let s1 = try base.read(bytes: bytes, file: "-").article
        let s2 = try base.read(bytes: bytes, file: "-").article
        #expect(
            s1.id == s2.id && s1.id.hasPrefix("tag:example.org,2024:")
                && s1.id.count == "tag:example.org,2024:".count + 16)
        #expect(try base.read(bytes: corrected, file: "-").article.id != s1.id)
        // A link template gives plain text its url.
        let linked = CleanedArticleReader(feed: Feed(linkTemplate: "https://example.org/news/{name}"))
        #expect(
            try linked.read(bytes: bytes, file: "x/ferry-times.txt").article.url
                == "https://example.org/news/ferry-times")
    }

    @Test(arguments: [
        ("COPYRIGHT © ANTARA News Kalimantan Selatan 2020", "ANTARA News Kalimantan Selatan", 2020),
        ("Copyright (c) 2024 Example Wire Ltd. All rights reserved.", "Example Wire Ltd.", 2024),
        ("© 2022 Berita Contoh Sdn Bhd", "Berita Contoh Sdn Bhd", 2022),
        ("© Agence Exemple 2019", "Agence Exemple", 2019),
    ])
    func rightsLines(_ line: String, _ holder: String, _ year: Int) throws {
        let a = try CleanedArticleReader().read(bytes: Array("Body text.\n\(line)\n".utf8), file: "r.txt").article
        #expect(a.rights == Rights(holder: holder, year: year, notice: line))
        #expect(a.body == ["Body text."])
    }
}

extension String {
    fileprivate var collapsed: String { split(separator: " ").joined(separator: " ") }
}

/// The eight-bytes-at-a-time look for characters XML cannot carry answers as the definition
/// on scalars does, wherever in a string they sit.
@Suite struct XMLCharactersTests {
    @Test func fastCheckAgreesWithTheDefinition() {
        let pieces = [
            "a", "é", "日本", "\t", "\n", "\r", "\u{01}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FF01}",
            "\u{F000}", " ", "0123456",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)!
            }.joined()
            let expected = s.unicodeScalars.contains(where: Article.xmlCannotCarry)
            #expect(
                Article.mayHoldCharactersXMLCannotCarry(s) == expected,
                "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

extension CleanedArticleReaderTests {
    /// The quick marker test answers as trimming every line did.
    @Test func frontMatterMarkersAreWhatTrimmingSaid() {
        let lines = [
            "---", "  ---  ", "\t---", "\u{A0}---", "\u{200B}---\u{FEFF}", "...", " ... ", "----", "-- -", "--", "",
            "   ", "- name: x", "---x", "x---", "\u{3000}...", "é---", ".", "-",
        ]
        for line in lines {
            for dots in [false, true] {
                let t = line.trimmingCharacters(in: .whitespaces.union(["\u{200B}", "\u{FEFF}"]))
                #expect(
                    CleanedArticleReader.isMarker(line, dots: dots) == (t == "---" || (dots && t == "...")), "\(line)")
            }
        }
    }
}
