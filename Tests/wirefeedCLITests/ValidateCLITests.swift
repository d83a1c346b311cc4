import Foundation
import Testing
import XMLCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("wirefeed validate (the built binary)")
struct ValidateCLITests {
    static let ref = CLI.shared + "/reference"
    static let repo = CLI.repo

    func convert(_ format: String, to path: String) throws {
        let r = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", format, "-o", path,
        ])
        #expect(r.status == 0)
    }

    @Test(arguments: ["rss", "atom", "newsml"])
    func everythingConvertWritesIsValid(_ format: String) throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try convert(format, to: dir + "/out.xml")
        let r = try CLI.run(["validate", dir + "/out.xml"])
        #expect(r.status == 0, "\(r.out)")
        #expect(r.out.contains("valid"))
    }

    @Test(.enabled(if: CLI.sharedAvailable, "needs ../shared/reference"))
    func officialSchemaOverrideOnOurNewsML() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try convert("newsml", to: dir + "/out.xml")
        let r = try CLI.run([
            "validate", dir + "/out.xml", "--schema", Self.ref + "/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd",
        ])
        #expect(r.status == 0, "\(r.out)")
    }

    /// Expected verdicts for the reference examples: (file, schema override or nil, valid?).
    static let referenceCases: [(String, String?, Bool)] = {
        let iptc = ref + "/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
        var cases: [(String, String?, Bool)] = []
        let fm = FileManager.default
        for name in ((try? fm.contentsOfDirectory(atPath: ref + "/newsml-g2/examples/official")) ?? []).sorted() {
            cases.append(("newsml-g2/examples/official/" + name, iptc, !name.contains("should_fail")))
        }
        for name in ((try? fm.contentsOfDirectory(atPath: ref + "/newsml-g2/examples/ours")) ?? []).sorted() {
            cases.append(("newsml-g2/examples/ours/" + name, nil, !name.hasPrefix("invalid")))
            cases.append(("newsml-g2/examples/ours/" + name, iptc, !name.hasPrefix("invalid")))
        }
        // Atom: v* valid, i* invalid by our RELAX NG, except i07 (author rule: a feed rule, not a grammar rule).
        for name in ((try? fm.contentsOfDirectory(atPath: ref + "/atom/examples/cases")) ?? []).sorted() {
            // i08 is a valid RSS feed: it is invalid as Atom, so it is checked with our Atom schema.
            let schema = name.hasPrefix("i08") ? repo + "/schemas/atom-1.0.rng" : nil
            cases.append(("atom/examples/cases/" + name, schema, name.hasPrefix("v") || name.hasPrefix("i07")))
        }
        cases.append(("atom/examples/valid-feed.xml", nil, true))
        cases.append(("atom/examples/invalid-entry-missing-id.xml", nil, false))
        cases.append(("atom/examples/invalid-entry-missing-id.xml", ref + "/atom/atom.rng", false))
        cases.append(("atom/examples/cases/i06-date-without-timezone.xml", ref + "/atom/atom.rng", true))
        // RSS: valid-* valid; invalid-* invalid, except the two that only feed rules catch (wrong weekday,
        // permalink guid: see feedRulesCatchWhatTheSchemaCannot), and the RSS 0.91 feed, invalid
        // as RSS 2.0 but a well-formed RSS 0.91 feed, which the rules judge (as the W3C validator does).
        for name in ((try? fm.contentsOfDirectory(atPath: ref + "/rss/examples/cases")) ?? []).sorted() {
            let ruleOnly = name.contains("pubdate-wrong-weekday") || name.contains("permalink-guid-not-url")
            let rss091 = name.contains("version-0.91")
            cases.append(("rss/examples/cases/" + name, nil, name.hasPrefix("valid") || ruleOnly || rss091))
        }
        cases.append(("rss/examples/valid-rss.xml", nil, true))
        return cases
    }()

    @Test(.enabled(if: CLI.sharedAvailable, "needs ../shared/reference"))
    func referenceExamplesGetTheRightVerdict() throws {
        #expect(Self.referenceCases.count > 50)
        for (file, schema, valid) in Self.referenceCases {
            var args = ["validate", "--schema-only", "--format", "json", Self.ref + "/" + file]
            if let schema { args += ["--schema", schema] }
            let r = try CLI.run(args)
            #expect(r.status == (valid ? 0 : 1), "\(file) with \(schema ?? "our schema"): \(r.out)")
            let obj = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
            #expect(obj["valid"] as? Bool == valid, "\(file)")
            if !valid {
                let diags = obj["diagnostics"] as! [[String: Any]]
                #expect(diags.contains { ($0["line"] as? Int ?? 0) > 0 }, "\(file): every failure has a line")
            }
        }
    }

    /// The line reported is the line of the offending element.
    @Test(
        .enabled(if: CLI.sharedAvailable, "needs ../shared/reference"),
        arguments: [
            ("newsml-g2/examples/ours/invalid-urgency-10.xml", "<urgency>"),
            // A simple-typed element spanning lines: libxml2's streaming validator reports the line where it ends.
            ("newsml-g2/examples/ours/invalid-keyword-with-newline.xml", "bridge</keyword>"),
            ("newsml-g2/examples/ours/invalid-language-without-tag.xml", "<language"),
            ("newsml-g2/examples/ours/invalid-pubStatus-before-embargoed.xml", "<embargoed>"),
            ("rss/examples/cases/invalid-enclosure-without-length.xml", "<enclosure"),
            ("rss/examples/cases/invalid-pubdate-iso8601.xml", "<pubDate>2025-03-01T09"),
        ])
    func invalidFilesReportTheRightLine(_ file: String, _ marker: String) throws {
        let path = Self.ref + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectedLine =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }! + 1
        let r = try CLI.run(["validate", "--schema-only", path])
        #expect(r.status == 1)
        #expect(r.out.hasPrefix("\(path):\(expectedLine):"), "\(r.out)")
    }

    func mixedRun(_ format: String) throws -> (CLI.Result, String) {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try convert("rss", to: dir + "/good.xml")
        try
            "<rss version=\"2.0\"><channel><title>t</title>\n<link>https://x/</link><description>d</description>\n<item><enclosure url=\"https://x/a.jpg\"/></item></channel></rss>\n"
            .write(toFile: dir + "/bad.xml", atomically: true, encoding: .utf8)
        return (try CLI.run(["validate", dir, "--format", format, "--ignore", "rss.atom-self.present"]), dir)
    }

    @Test(.enabled(if: CLI.sharedAvailable, "needs ../shared/reference"))
    func feedRulesCatchWhatTheSchemaCannot() throws {
        let cases = [
            ("rss/examples/cases/invalid-but-xsd-accepts-pubdate-wrong-weekday.xml", "rss.date.weekday"),
            ("rss/examples/cases/invalid-but-xsd-accepts-permalink-guid-not-url.xml", "rss.guid.permalink"),
            ("atom/examples/cases/i07-no-author-anywhere.xml", "atom.author.required"),
        ]
        for (file, rule) in cases {
            let r = try CLI.run(["validate", Self.ref + "/" + file])
            #expect(r.status == 1, "\(file)")
            #expect(r.out.contains("[\(rule)]"), "\(r.out)")
        }
    }

    @Test func rulesListIgnoreAndConfig() throws {
        let list = try CLI.run(["validate", "--rules"])
        #expect(list.status == 0)
        #expect(list.out.split(separator: "\n").count >= 37)
        #expect(list.out.contains("rss.guid.permalink  error"))
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed =
            "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example.org/</link><description>d</description><item><title>a</title><guid>not-a-url</guid></item></channel></rss>\n"
        try feed.write(toFile: dir + "/f.xml", atomically: true, encoding: .utf8)
        let plain = try CLI.run(["validate", dir + "/f.xml"])
        #expect(plain.status == 1)
        #expect(plain.out.contains("[rss.guid.permalink]") && plain.out.contains("[rss.atom-self.present]"))
        let ignored = try CLI.run(["validate", dir + "/f.xml", "--ignore", "rss.guid.permalink"])
        #expect(ignored.status == 0, "warnings alone do not fail")
        #expect(!ignored.out.contains("rss.guid.permalink"))
        // A missing self link is advice (info), which --strict does not count...
        let strict = try CLI.run(["validate", dir + "/f.xml", "--ignore", "rss.guid.permalink", "--strict"])
        #expect(strict.status == 0, "\(strict.out)")
        #expect(strict.out.contains("info: channel has no atom:link"))
        // ...unless the user said where the feed lives: then it is a warning, and --strict fails.
        let placed = try CLI.run([
            "validate", dir + "/f.xml", "--ignore", "rss.guid.permalink", "--strict", "--self-url",
            "https://x.example.org/feed.xml",
        ])
        #expect(placed.status == 1, "--strict fails on the remaining warning")
        try "ignore: [rss.guid.permalink, rss.atom-self.present]\n".write(
            toFile: dir + "/cfg.yaml", atomically: true, encoding: .utf8)
        let configured = try CLI.run(["validate", dir + "/f.xml", "--config", dir + "/cfg.yaml", "--strict"])
        #expect(configured.status == 0, "\(configured.out)")
        #expect(try CLI.run(["validate", dir + "/f.xml", "--ignore", "no.such.rule"]).status == 2)
        try "ignore: [no.such.rule]\n".write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let badConfig = try CLI.run(["validate", dir + "/f.xml", "--config", dir + "/bad.yaml"])
        #expect(badConfig.status == 1)
        #expect(badConfig.stderr.contains("unknown rule 'no.such.rule'"))
    }

    @Test func everyFindingAppearsInEveryFormat() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let feed =
            "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example.org/</link><description>d</description>\n<item><title>a</title><guid>not-a-url</guid></item></channel></rss>\n"
        try feed.write(toFile: dir + "/f.xml", atomically: true, encoding: .utf8)
        let text = try CLI.run(["validate", dir + "/f.xml"])
        #expect(text.out.contains("f.xml:2: error: guid 'not-a-url' is a permalink"))
        let json = try CLI.run(["validate", dir + "/f.xml", "--format", "json"])
        #expect(json.out.contains("\"rule\":\"rss.guid.permalink\""))
        let junit = try CLI.run(["validate", dir + "/f.xml", "--format", "junit"])
        #expect(junit.out.contains("[rss.guid.permalink]") && junit.out.contains("[rss.atom-self.present]"))
        let github = try CLI.run(["validate", dir + "/f.xml", "--format", "github"])
        #expect(github.out.contains("::error file=\(dir)/f.xml,line=2,title=wirefeed rss.guid.permalink::"))
        #expect(github.out.contains("::notice file=\(dir)/f.xml,line=1,title=wirefeed rss.atom-self.present::"))
    }

    @Test func textFormat() throws {
        let (r, dir) = try mixedRun("text")
        #expect(r.status == 1)
        #expect(
            r.out.contains(
                "\(dir)/bad.xml:3: error: Element 'enclosure': The attribute 'length' is required but missing. [schema]"
            ))
        #expect(r.out.contains("\(dir)/good.xml: valid RSS 2.0"))
        #expect(r.stderr.contains("2 documents checked: 1 valid, 1 invalid"))
    }

    @Test func jsonFormat() throws {
        let (r, _) = try mixedRun("json")
        #expect(r.status == 1)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2)
        let objs = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objs.map { $0["valid"] as? Bool } == [false, true])
        #expect(objs[0]["format"] as? String == "rss2.0")
        let d = (objs[0]["diagnostics"] as! [[String: Any]])[0]
        #expect(d["line"] as? Int == 3)
        #expect(d["severity"] as? String == "error")
    }

    @Test func junitFormatIsWellFormed() throws {
        let (r, dir) = try mixedRun("junit")
        #expect(r.status == 1)
        let reader = try XMLStreamReader(bytes: r.stdout, file: "junit.xml")
        var cases: [String] = []
        var failures = 0
        var suites: [String: String] = [:]
        while try reader.next() {
            guard reader.kind == .element else { continue }
            if reader.localName == "testsuite" {
                suites["tests"] = reader.attribute("tests")
                suites["failures"] = reader.attribute("failures")
            }
            if reader.localName == "testcase" { cases.append(reader.attribute("name") ?? "") }
            if reader.localName == "failure" { failures += 1 }
        }
        #expect(cases == [dir + "/bad.xml", dir + "/good.xml"])
        #expect(failures == 1)
        #expect(suites == ["tests": "2", "failures": "1"])
    }

    @Test func githubFormat() throws {
        let (r, dir) = try mixedRun("github")
        #expect(r.status == 1)
        #expect(r.out.hasPrefix("::error file=\(dir)/bad.xml,line=3,title=wirefeed schema::Element 'enclosure'"))
    }

    @Test func stdinAndUsageErrors() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try convert("atom", to: dir + "/a.xml")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/a.xml")))
        let r = try CLI.run(["validate", "-"], stdin: bytes)
        #expect(r.status == 0)
        #expect(r.out == "-: valid Atom 1.0\n")
        #expect(try CLI.run(["validate"]).status == 2)
        #expect(try CLI.run(["validate", "x.xml", "--format", "yaml"]).status == 2)
        #expect(try CLI.run(["validate", "x.xml", "--schema", "/no/such.xsd"]).status == 2)
        let missing = try CLI.run(["validate", "no-such.xml"])
        #expect(missing.status == 1)
        #expect(missing.out == "no-such.xml: error: no such file or directory [io]\n")
    }

    static let hostile: [(String, String, String)] = [
        (
            "xxe-file",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss version=\"2.0\"><channel><title>&x;</title><link>http://a/</link><description>d</description></channel></rss>\n",
            "entities"
        ),
        (
            "xxe-url",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"http://127.0.0.1:9/secret\">]>\n<rss version=\"2.0\"><channel><title>&x;</title><link>http://a/</link><description>d</description></channel></rss>\n",
            "entities"
        ),
        (
            "dtd-url",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\">\n<rss version=\"2.0\"><channel><title>t</title><link>http://a/</link><description>d</description></channel></rss>\n",
            "external DTD"
        ),
        (
            "laughs",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>\n<rss version=\"2.0\"><channel><title>&h;</title></channel></rss>\n",
            "entit"
        ),
        ("not-xml", "Just some text, not a feed at all.\n", "not an XML document"),
        ("truncated", "<rss version=\"2.0\"><channel><title>cut", "error"),
    ]

    @Test(arguments: hostile.map(\.0))
    func hostileInputIsRefusedQuickly(_ name: String) throws {
        let (_, content, expected) = Self.hostile.first { $0.0 == name }!
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        try content.write(toFile: dir + "/h.xml", atomically: true, encoding: .utf8)
        let start = Date()
        let r = try CLI.run(["validate", dir + "/h.xml"])
        #expect(Date().timeIntervalSince(start) < 5 * CLI.quickly)
        #expect(r.status == 1)
        #expect(r.out.contains(expected), "\(r.out)")
        #expect(!r.out.contains("root:"), "no file content leaks into messages")
    }

    @Test func gigabyteOfNestingOnStdinStopsEarly() throws {
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["validate", "-"]
        let input = Pipe()
        let output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        let chunk = Data(String(repeating: "<a>", count: 1 << 16).utf8)
        var written = 0
        input.fileHandleForWriting.write(Data("<rss version=\"2.0\">".utf8))
        // Up to 1 GB; the validator must give up long before (libxml2's depth limit).
        while written < (1 << 30) {
            do { try input.fileHandleForWriting.write(contentsOf: chunk) } catch { break }
            written += chunk.count
        }
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 1)
        #expect(out.contains("Excessive depth"))
        #expect(written < (1 << 30))
    }
}
