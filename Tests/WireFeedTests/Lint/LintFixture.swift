import Foundation
import Testing
import XMLCore

@testable import WireFeed

/// The feed-rule fixtures in `fixtures/lint/`: a failing and a passing document per rule, and a corpus.
enum LintFixture {
    static let root = Paths.fixtures + "/lint"
    static let now = Timestamp(rfc3339: "2025-06-01T00:00:00Z")!

    /// Rule ids and schema verdict found in a document, validated as `wirefeed validate` does.
    static func findings(_ path: String, selfURL: String? = nil) -> [Diagnostic] {
        // The fixtures are judged by wirefeed's own schemas (its NewsML-G2 profile), built in.
        let validator = DocumentValidator(lint: LintOptions(selfURL: selfURL, now: now))
        validator.profile = .wirefeed
        return validator.validate(file: path).diagnostics
    }

    static func selfURL(for rule: String) -> String? {
        guard let args = try? String(contentsOfFile: root + "/" + rule + "/args.txt", encoding: .utf8) else {
            return nil
        }
        let parts = args.split(whereSeparator: \.isWhitespace)
        guard let i = parts.firstIndex(of: "--self-url"), i + 1 < parts.count else { return nil }
        return String(parts[i + 1])
    }

    /// `fail.xml` gives exactly this rule (plus `schema` where NOTE.md says the schema also
    /// rejects it), each finding with a line; `pass.xml` gives nothing at all.
    static func check(_ rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let dir = root + "/" + rule
        let failing = findings(dir + "/fail.xml", selfURL: selfURL(for: rule))
        var expected: Set<String> = [rule]
        if FileManager.default.fileExists(atPath: dir + "/NOTE.md") { expected.insert("schema") }
        #expect(
            Set(failing.compactMap(\.rule)) == expected, "\(failing.map(\.formatted))", sourceLocation: sourceLocation)
        #expect(
            failing.filter { $0.rule == rule }.allSatisfy { $0.line > 0 }, "findings name their line",
            sourceLocation: sourceLocation)
        let info = RuleRegistry.rules.first { $0.id == rule }
        #expect(
            failing.filter { $0.rule == rule }.allSatisfy { $0.severity == info?.severity },
            sourceLocation: sourceLocation)
        let passing = findings(dir + "/pass.xml", selfURL: selfURL(for: rule))
        #expect(passing.isEmpty, "\(passing.map(\.formatted))", sourceLocation: sourceLocation)
    }
}

@Suite struct LintRegistryTests {
    @Test func everyRuleHasFixturesAndASpecLink() {
        for r in RuleRegistry.rules {
            #expect(FileManager.default.fileExists(atPath: LintFixture.root + "/" + r.id + "/fail.xml"), "\(r.id)")
            #expect(FileManager.default.fileExists(atPath: LintFixture.root + "/" + r.id + "/pass.xml"), "\(r.id)")
            #expect(r.spec.hasPrefix("https://"))
            #expect(!r.summary.isEmpty)
        }
        #expect(Set(RuleRegistry.rules.map(\.id)).count == RuleRegistry.rules.count)
    }

    @Test func corpusGetsExactlyTheExpectedFindings() throws {
        let dir = LintFixture.root + "/corpus"
        let expected = try JSONDecoder().decode(
            [String: [String]].self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json")))
        #expect(expected.count >= 250)
        for (file, rules) in expected.sorted(by: { $0.key < $1.key }) {
            let got = Set(LintFixture.findings(dir + "/" + file).compactMap(\.rule))
            #expect(
                got == Set(rules),
                "\(file): missing \(Set(rules).subtracting(got).sorted()), false alarms \(got.subtracting(rules).sorted())"
            )
        }
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func everythingConvertWritesPassesValidate(_ format: OutputFormat) throws {
        var corpora: [(String, [Article])] = [("fixtures", try Fixtures.articles())]
        if Paths.sharedAvailable { corpora.append(("seed", try Fixtures.seedArticles())) }
        for (name, articles) in corpora {
            let bytes = try Converter.render(articles, feed: Fixtures.feed, format: format, updated: Fixtures.updated)
            let validator = DocumentValidator(schemasDirectory: Paths.schemas, lint: LintOptions(now: LintFixture.now))
            let report = validator.validate(file: "\(name).\(format)", bytes: bytes)
            #expect(report.diagnostics.isEmpty, "\(name): \(report.diagnostics.map(\.formatted))")
        }
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func generatedArticlesGiveNoErrors(_ format: OutputFormat) throws {
        let feed = Feed(title: "Generated", url: "https://example.org/", selfURL: "https://example.org/feed.xml")
        let bytes = try Converter.render(
            Generated.articles(count: 60, seed: 9), feed: feed, format: format, updated: Fixtures.updated)
        let validator = DocumentValidator(schemasDirectory: Paths.schemas, lint: LintOptions(now: LintFixture.now))
        let errors = validator.validate(file: "generated.\(format)", bytes: bytes).diagnostics.filter {
            $0.severity == .error
        }
        #expect(errors.isEmpty, "\(errors.map(\.formatted))")
    }
}
