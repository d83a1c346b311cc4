import Foundation
import Testing
import WireModel
import XMLCore

@testable import WireIngest

/// Front matter read from libyaml's events (the fast path) gives what Yams and Decodable give,
/// for every text the fast path takes; what it does not take goes the general way.
@Suite struct FrontMatterEventsTests {
    /// Both readings of one YAML text: the fast path (nil: not taken) and the general one.
    static func both(_ yaml: String) throws -> (fast: ArticlePatch?, general: ArticlePatch) {
        var warnings: [Diagnostic] = []
        let general = try Metadata.decode(
            ArticlePatch.self, yaml: yaml, file: "t.txt", firstLine: 2, knownKeys: ArticlePatch.keys,
            warnings: &warnings)
        return (FrontMatterEvents.patch(yaml), general)
    }

    /// The front matter of a cleaned article's text, or nil.
    static func frontMatter(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return nil }
        return lines[1..<end].joined(separator: "\n")
    }

    /// Every key of every table is found at its place; near misses (another case, a prefix,
    /// one byte more or changed, nothing) are not keys.
    @Test func keyTablesFindTheirKeysAndNothingElse() {
        func check<K: RawRepresentable & CaseIterable & Sendable>(_ type: K.Type) where K.RawValue == String {
            let table = KeyTable(type)
            for (k, key) in K.allCases.map(\.rawValue).enumerated() {
                #expect(table.index(of: key) == k, "\(key)")
                #expect(table.key(key)?.key.rawValue == key, "\(key)")
                for miss in [key.uppercased(), String(key.dropLast()), key + "s", "x" + key.dropFirst(), " " + key] {
                    if let found = table.index(of: miss) { #expect(K.allCases.map(\.rawValue)[found] == miss) }
                }
            }
            #expect(table.index(of: "") == nil)
            #expect(table.index(of: "not-a-key-at-all") == nil)
        }
        check(Article.Field.self)
        check(FrontMatterEvents.Reader.PersonKey.self)
        check(FrontMatterEvents.Reader.CategoryKey.self)
        check(FrontMatterEvents.Reader.RightsKey.self)
        check(FrontMatterEvents.Reader.RenditionKey.self)
        check(FrontMatterEvents.Reader.MediumKey.self)
    }

    @Test func theFixturesFrontMatterReadsTheSameBothWays() throws {
        let files = Paths.cleanedTexts
        var taken = 0
        var compared = 0
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), let yaml = Self.frontMatter(text),
                !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                let (fast, general) = try? Self.both(yaml)
            else { continue }
            compared += 1
            if let fast {
                taken += 1
                #expect(fast == general, "\(file)")
            }
        }
        #expect(compared >= 10)
        #expect(taken * 10 >= compared * 8, "the fast path takes most fixtures (\(taken) of \(compared))")
    }

    /// Generated articles, written as JSON (YAML's flow style) and as block YAML.
    @Test func generatedArticlesReadTheSameBothWays() throws {
        let encoder = JSONEncoder()
        func quoted(_ s: String) throws -> String { String(decoding: try encoder.encode(s), as: UTF8.self) }
        var taken = 0
        let articles = Generated.articles(count: 300, seed: 41)
        for a in articles {
            let json = String(decoding: try encoder.encode(a), as: UTF8.self)
            let (fastJSON, generalJSON) = try Self.both(json)
            #expect(fastJSON != nil, "\(json)")
            #expect(fastJSON == generalJSON)
            // Block style, every string double-quoted, lists as block sequences.
            var yaml = "id: \(try quoted(a.id))\n"
            if let t = a.title { yaml += "title: \(try quoted(t))\n" }
            if let s = a.summary { yaml += "summary: \(try quoted(s))\n" }
            if let v = a.version { yaml += "version: \(v)\n" }
            if let p = a.published { yaml += "published: \(p.rfc3339)\n" }
            if let u = a.updated { yaml += "updated: '\(u.rfc3339)'\n" }
            if !a.authors.isEmpty {
                yaml += "authors:\n"
                for p in a.authors {
                    yaml += "  - name: \(try quoted(p.name))\n"
                    if let e = p.email { yaml += "    email: \(try quoted(e))\n" }
                    if let r = p.role { yaml += "    role: \(r.rawValue)\n" }
                }
            }
            if !a.categories.isEmpty {
                yaml += "categories:\n"
                for c in a.categories {
                    yaml += "  - term: \(try quoted(c.term))\n"
                    if let s = c.scheme { yaml += "    scheme: \(try quoted(s))\n" }
                }
            }
            if !a.keywords.isEmpty { yaml += "keywords: [\(try a.keywords.map(quoted).joined(separator: ", "))]\n" }
            if let u = a.urgency { yaml += "urgency: \(u)\n" }
            if let s = a.status { yaml += "status: \(s.rawValue)\n" }
            let (fast, general) = try Self.both(yaml)
            if let fast {
                taken += 1
                #expect(fast == general, "\(yaml)")
                #expect(fast.id == a.id && fast.title == a.title && fast.published == a.published)
            }
        }
        #expect(taken == articles.count)
    }

    /// Scalars whose reading depends on YAML's resolution rules: both ways agree, or the fast
    /// path leaves the text to the general one.
    @Test(arguments: [
        "title: 123", "title: yes", "title: 1.5", "title: ~", "title: null", "title:", "title: ''", "title: \"\"",
        "title: 2024-06-01", "title: 'quoted: colon'", "title: |\n  block\n  text\n", "title: >\n  folded\n  text\n",
        "version: 7", "version: 007", "version: 0x1F", "version: '3'", "version: -2", "version: +4", "version: 1_000",
        "urgency: 3 # comment", "keywords: []", "keywords: ~", "keywords: [a, 'b c', \"d\"]",
        "body:\n  - one\n  - two\n",
        "authors: []", "authors:\n  - name: A\n    role: editor\n", "authors:\n  - name: A\n    twitter: x\n",
        "rights:\n  holder: X\n  year: 2024\n", "rights: ~",
        "media:\n  - url: https://x.example/a.jpg\n    width: 10\n",
        "status: withheld", "status: killed", "published: 2024-06-01T10:00:00+07:00", "published: '2024-06-01'",
        "title: a\ntitle: b", "titel: typo", "title: &a x\nsummary: *a", "title: !!str 5", "- a\n- b",
    ])
    func resolutionRulesAgree(_ yaml: String) throws {
        let general: ArticlePatch
        do {
            general = try Self.both(yaml).general
        } catch {
            #expect(FrontMatterEvents.patch(yaml) == nil, "the general way fails, so must the fast one")
            return
        }
        if let fast = FrontMatterEvents.patch(yaml) { #expect(fast == general) }
    }

    @Test func theHeadOfACleanedArticleIsWhatTheWholeReadingGives() throws {
        let reader = CleanedArticleReader(feed: Feed(idBase: "tag:example.org,2024:"))
        var heads = 0
        for file in Files.files(under: Paths.fixtures + "/articles", accept: { $0.hasSuffix(".txt") }) {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            guard let whole = try? reader.read(bytes: bytes, file: file) else { continue }
            guard let head = reader.readHead(bytes: bytes, file: file) else { continue }
            heads += 1
            let a = whole.article
            #expect(head.id == a.id, "\(file)")
            #expect(head.version == a.version && head.published == a.published && head.updated == a.updated)
            #expect(head.status == a.status && head.embargo == a.embargo && head.url == a.url)
        }
        #expect(heads >= 5)
    }
}
