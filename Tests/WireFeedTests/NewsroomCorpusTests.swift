import Foundation
import NewsText
import Testing
import WireFeed

/// `fixtures/newsroom/`: cleaned articles written by the team in the shapes real cleaners
/// produce from many newsrooms (ten languages, repeated bodies, wrapped lines, datelines,
/// credit lines, sign-offs, captions, trailer look-alikes inside the body), each with what a
/// careful reader expects in `NAME.expected.json`.
@Suite struct NewsroomCorpusTests {
    static let folder = Paths.fixtures + "/newsroom"
    static let files: [String] = Paths.files(in: folder, ext: "txt").map { ($0 as NSString).lastPathComponent }

    struct Expected: Decodable {
        struct Rights: Decodable {
            var holder: String?
            var year: Int?
        }
        struct Person: Decodable {
            var name: String
            var role: String
        }
        var paragraphs: Int
        var firstStartsWith: String
        var lastStartsWith: String
        var bodyContains: [String]?
        var bodyExcludes: [String]?
        var dateline: String?
        var source: String?
        var rights: Rights?
        var authors: [Person]
        var language: String
    }

    static func expected(_ name: String) throws -> Expected {
        let path = folder + "/" + name.dropLast(4) + ".expected.json"
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// What differs between the reading of `name` and its expectation (empty: all agree).
    static func mismatches(_ name: String) throws -> [String] {
        let e = try expected(name)
        let a = try Fixtures.read(folder + "/" + name, feed: Feed()).article
        var problems: [String] = []
        func check(_ what: String, _ ok: Bool, _ detail: @autoclosure () -> String) {
            if !ok { problems.append("\(what): \(detail())") }
        }
        check("paragraphs", a.body.count == e.paragraphs, "\(a.body.count), expected \(e.paragraphs)")
        check(
            "first", a.body.first?.hasPrefix(e.firstStartsWith) == true,
            "\(a.body.first?.prefix(80) ?? "none")")
        check(
            "last", a.body.last?.hasPrefix(e.lastStartsWith) == true,
            "\(a.body.last?.prefix(80) ?? "none")")
        for s in e.bodyContains ?? [] {
            check("body contains", a.body.contains { $0.contains(s) }, s)
        }
        for s in e.bodyExcludes ?? [] {
            check("body excludes", !a.body.contains { $0.contains(s) }, s)
        }
        check("dateline", a.dateline == e.dateline, "\(a.dateline ?? "nil"), expected \(e.dateline ?? "nil")")
        check("source", a.source == e.source, "\(a.source ?? "nil"), expected \(e.source ?? "nil")")
        check(
            "rights holder", a.rights?.holder == e.rights?.holder,
            "\(a.rights?.holder ?? "nil"), expected \(e.rights?.holder ?? "nil")")
        check("rights year", a.rights?.year == e.rights?.year, "\(String(describing: a.rights?.year))")
        let people = a.authors.map { "\($0.name) (\($0.role?.rawValue ?? "-"))" }
        let wanted = e.authors.map { "\($0.name) (\($0.role))" }
        check("authors", people == wanted, "\(people), expected \(wanted)")
        let language = a.language.map { String($0.prefix { $0 != "-" }) }
        check("language", language == e.language, "\(a.language ?? "nil"), expected \(e.language)")
        return problems
    }

    @Test func theCorpusIsLargeAndVaried() throws {
        #expect(Self.files.count >= 60)
        let languages = Set(Self.files.map { $0.prefix { $0 != "-" } })
        #expect(languages.count >= 8, "\(languages.sorted())")
        let styles = try Set(
            Self.files.map { name -> String in
                let path = Self.folder + "/" + name.dropLast(4) + ".expected.json"
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
                return (object as? [String: Any])?["style"] as? String ?? ""
            })
        #expect(styles.count >= 10, "\(styles.sorted())")
    }

    @Test(arguments: files)
    func readsAsExpected(_ name: String) throws {
        let problems = try Self.mismatches(name)
        #expect(problems.isEmpty, Comment(rawValue: "\(name):\n  " + problems.joined(separator: "\n  ")))
    }
}

/// Nothing read is lost without a trace: every non-blank input line ends in the body, in a
/// named field (source, rights, people, front matter), or among the reported drops, on the
/// corpus and on articles generated from its lines in random orders.
@Suite struct EveryLineAccountedForTests {
    /// The problems with the reading of `bytes`: lines with no fate, or a fate the article
    /// does not bear out. Lines are split here on their own, not by the reader.
    static func problems(_ bytes: [UInt8], file: String) throws -> [String] {
        let result = try CleanedArticleReader().read(bytes: bytes, file: file)
        let a = result.article
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var problems: [String] = []
        for (i, raw) in lines.enumerated() {
            let cleaned = raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0.value != 0xFEFF }
            let line = String(String.UnicodeScalarView(cleaned)).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            guard !line.isEmpty else { continue }
            guard i < result.lines.count, let fate = result.lines[i] else {
                problems.append("line \(i + 1) has no fate: \(line.prefix(60))")
                continue
            }
            switch fate {
            case .frontMatter:
                continue
            case .body:
                if !a.body.contains(where: { $0.contains(line) }) {
                    problems.append("line \(i + 1) is said to be body but is not in it: \(line.prefix(60))")
                }
            case .source:
                if a.source.map({ !line.contains($0) }) ?? true {
                    problems.append("line \(i + 1) is said to be the source (\(a.source ?? "nil"))")
                }
            case .rights:
                if a.rights == nil { problems.append("line \(i + 1) is said to be the rights, which are empty") }
            case .credit:
                if !a.authors.contains(where: { line.contains($0.name) }) {
                    problems.append("line \(i + 1) is said to be a credit, but names no author: \(line.prefix(60))")
                }
            case .dropped(let why):
                if why.isEmpty { problems.append("line \(i + 1) dropped without a reason") }
            }
        }
        return problems
    }

    @Test(arguments: NewsroomCorpusTests.files)
    func corpusArticle(_ name: String) throws {
        let bytes = try Paths.bytes(NewsroomCorpusTests.folder + "/" + name)
        let problems = try Self.problems(bytes, file: name)
        #expect(problems.isEmpty, Comment(rawValue: "\(name):\n  " + problems.joined(separator: "\n  ")))
    }

    /// Articles stitched from the corpus's lines (body lines, trailers, links, captions,
    /// credits from many files), shuffled, with blank lines and repeats, by a fixed seed.
    @Test func generatedArticles() throws {
        var pool: [String] = []
        for name in NewsroomCorpusTests.files {
            let text = String(decoding: try Paths.bytes(NewsroomCorpusTests.folder + "/" + name), as: UTF8.self)
            pool += text.split(separator: "\n").map { String($0).replacingOccurrences(of: "\r", with: "") }
                .filter { !$0.hasPrefix("---") && !$0.contains(": ") || $0.count > 12 }
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var checked = 0
        for n in 0..<300 {
            var lines: [String] = []
            for _ in 0..<(3 + next(20)) {
                lines.append(pool[next(pool.count)])
                if next(5) == 0 { lines.append("") }
            }
            if next(3) == 0 { lines += lines.prefix(next(lines.count) + 1) }  // a repeat
            let bytes = Array(lines.joined(separator: next(4) == 0 ? "\r\n" : "\n").utf8)
            guard let problems = try? Self.problems(bytes, file: "generated-\(n).txt") else { continue }
            checked += 1
            #expect(problems.isEmpty, Comment(rawValue: "generated-\(n):\n  " + problems.joined(separator: "\n  ")))
        }
        #expect(checked >= 250)
    }
}

/// A photo caption in the copy becomes the caption of the article's picture, when it has one.
@Suite struct CaptionTests {
    @Test func captionGoesToThePictureWithoutOne() throws {
        let text = """
            ---
            id: "tag:example.org,2024:caption"
            media:
              - url: "https://img.example.org/1.jpg"
            ---
            Warga di tiga desa mulai menerima bantuan air bersih dari pemerintah kabupaten pada Kamis pagi.
            Foto: Warga mengantre air bersih di Kelurahan Sukamaju, Kamis (14/9/2023). (ANTARA/Yohanes Bere)
            Bantuan akan disalurkan setiap hari hingga musim kemarau berakhir, kata kepala dinas.
            """
        let result = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "caption.txt")
        #expect(result.article.body.count == 2)
        #expect(result.article.media.first?.caption?.hasPrefix("Warga mengantre air bersih") == true)
        // Without a picture the caption is reported, not lost.
        let plain = text.split(separator: "\n").dropFirst(5).joined(separator: "\n")
        let other = try CleanedArticleReader().read(bytes: Array(plain.utf8), file: "plain.txt")
        #expect(other.article.media.isEmpty)
        #expect(other.warnings.contains { $0.message.contains("a photo caption") })
    }
}

/// The shapes the issue named, read as one article.
@Suite struct ReaderStructureTests {
    @Test func trailerLookalikesInTheBodyStayThere() throws {
        let text = """
            By Maya Kusuma and Peter Hale
            JAKARTA, June 3 (Reuters) - Indonesia's government on Saturday said it would review the permits of three smelters after
            copyright infringement claims by a foreign partner were filed in a Singapore court last week.
            Source: We saw the invoices.
            Reporter: Who signed off on the shipments?
            The ministry said the review would take 60 days.
            -- BERNAMA
            Reporting by Maya Kusuma and Peter Hale; Editing by Tom Lee
            Copyright © 2008 - 2023 PT. Kompas Cyber Media. All Rights Reserved.
            """
        let a = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "t.txt").article
        #expect(a.body.count == 4, "\(a.body)")
        #expect(a.body[0].hasSuffix("in a Singapore court last week."))
        #expect(a.body[1] == "Source: We saw the invoices.")
        #expect(a.body[2] == "Reporter: Who signed off on the shipments?")
        #expect(a.dateline == "JAKARTA, June 3 (Reuters)" && a.source == "Reuters")
        #expect(a.title?.hasPrefix("Indonesia's government") == true)
        #expect(a.rights?.holder == "PT. Kompas Cyber Media" && a.rights?.year == 2023)
        #expect(a.authors.map(\.name) == ["Maya Kusuma", "Peter Hale", "Tom Lee"])
        #expect(a.authors.map(\.role) == [.author, .author, .editor])
    }
}

/// The README's table of newsroom conventions: every example in it reads as its row says.
@Suite struct NewsroomConventionsTests {
    static func rows() throws -> [(kind: String, examples: [String])] {
        let readme = try String(contentsOfFile: Paths.repo + "/README.md", encoding: .utf8)
        guard let start = readme.range(of: "| kind | what it recognises | examples | becomes |") else { return [] }
        var rows: [(String, [String])] = []
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("| ") else { break }
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|") }
            guard cells.count >= 4 else { continue }
            let examples = cells[2].components(separatedBy: " · ").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "` "))
            }
            rows.append((cells[0], examples))
        }
        return rows
    }

    @Test func everyExampleReadsAsItsRowSays() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 10)
        for (kind, examples) in rows {
            for example in examples {
                let line = CopyLine.classify(example)
                let ok: Bool
                switch kind {
                case "source": if case .source = line { ok = true } else { ok = false }
                case "rights": if case .rights = line { ok = true } else { ok = false }
                case "credit": if case .credit = line { ok = true } else { ok = false }
                case "byline": ok = CopyLine.byline(example) != nil
                case "related link": ok = line == .relatedLink
                case "sign-off": ok = line == .signOff
                case "boilerplate": ok = line == .boilerplate
                case "caption": if case .caption = line { ok = true } else { ok = false }
                case "dateline": ok = Dateline.find(in: example + " Lorem ipsum dolor sit amet.") != nil
                default: ok = false
                }
                #expect(ok, "\(kind): \(example) reads as \(line)")
            }
        }
    }

    @Test func rightsLinesAreParsedIntoHolderAndYear() {
        let cases: [(String, String?, Int?)] = [
            ("Copyright © 2008 - 2023 PT. Kompas Cyber Media. All Rights Reserved.", "PT. Kompas Cyber Media", 2023),
            ("© dpa-infocom, dpa:230412-99-301299/2", "dpa-infocom", nil),
            ("© Agencia EFE, S.A.", "Agencia EFE, S.A.", nil),
            (
                "Copyright 2023 The Associated Press. All rights reserved. This material may not be published.",
                "The Associated Press", 2023
            ),
            ("جميع الحقوق محفوظة © 2023 وكالة أنباء الإمارات", "وكالة أنباء الإمارات", 2023),
            ("COPYRIGHT © ANTARA 2023", "ANTARA", 2023),
        ]
        for (line, holder, year) in cases {
            let rights = CopyLine.parseRights(line)
            #expect(rights?.holder == holder && rights?.year == year, "\(line): \(String(describing: rights))")
        }
        // Prose that starts like a copyright line is prose.
        #expect(CopyLine.classify("copyright infringement on a scale never seen before, the publisher said") == .text)
        #expect(CopyLine.classify("Copyright lawyers said the case would set a precedent.") == .text)
    }
}
