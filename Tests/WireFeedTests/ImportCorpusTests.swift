import Foundation
import Testing
import WireFeed
import XMLCore

/// The team's import corpus (`fixtures/import/`): every feed with its partial expected JSON.
@Suite struct ImportCorpusTests {
    static let root = Paths.fixtures + "/import"

    static let cases: [String] = {
        var out: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let rel = walker?.nextObject() as? String {
            if rel.hasSuffix(".xml")
                && FileManager.default.fileExists(atPath: root + "/" + rel.dropLast(4) + ".expected.json")
            {
                out.append(rel)
            }
        }
        return out.sorted()
    }()

    /// Imports like the CLI does: the JSON document, as text, parsed back.
    static func importJSON(_ path: String) throws -> (Any, [Diagnostic]) {
        let sink = MemorySink()
        let writer = JSONImportWriter(sink: sink)
        let warnings = try FeedImporter.run(.file(path), file: path, handler: writer)
        try writer.close()
        return (try JSONSerialization.jsonObject(with: Data(sink.bytes)), warnings)
    }

    /// Differences between an expected (partial) value and the actual one.
    static func mismatches(_ expected: Any, _ actual: Any?, path: String) -> [String] {
        switch expected {
        case let e as [String: Any]:
            guard let a = actual as? [String: Any] else {
                return ["\(path): expected an object, got \(String(describing: actual))"]
            }
            return e.keys.sorted().flatMap { mismatches(e[$0]!, a[$0], path: path + "." + $0) }
        case let e as [Any]:
            guard let a = actual as? [Any] else {
                return ["\(path): expected an array of \(e.count), got \(String(describing: actual))"]
            }
            if a.count != e.count { return ["\(path): expected \(e.count) elements, got \(a.count): \(a)"] }
            return zip(e, a).enumerated().flatMap { mismatches($1.0, $1.1, path: "\(path)[\($0)]") }
        case let e as String:
            if e == "<derived>" {
                return (actual as? String)?.hasPrefix("urn:uuid:") == true
                    ? [] : ["\(path): expected a derived urn:uuid id, got \(String(describing: actual))"]
            }
            return (actual as? String) == e
                ? [] : ["\(path): expected \(e.debugDescription), got \(String(describing: actual).debugDescription)"]
        case let e as NSNumber:
            guard let a = actual as? NSNumber else {
                return ["\(path): expected \(e), got \(String(describing: actual))"]
            }
            return a == e ? [] : ["\(path): expected \(e), got \(a)"]
        default:
            return []
        }
    }

    /// Each expected rule is reported; no repair (`recover.*`) is reported that is not expected.
    static func warningMismatches(_ expected: [String], _ actual: [String]) -> [String] {
        let missing = expected.filter { !actual.contains($0) }.map { "expected a warning \($0)" }
        let unexpected = Set(actual.filter { $0.hasPrefix("recover.") && !expected.contains($0) }).sorted()
            .map { "unexpected warning \($0)" }
        return missing + unexpected
    }

    @Test func corpusIsLarge() {
        #expect(Self.cases.count >= 150)
    }

    @Test(arguments: cases)
    func feedImportsAsExpected(_ rel: String) throws {
        let path = Self.root + "/" + rel
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: String(path.dropLast(4)) + ".expected.json"))
        var expected = try JSONSerialization.jsonObject(with: expectedData) as! [String: Any]
        if expected["error"] as? Bool == true {
            do {
                let (doc, _) = try Self.importJSON(path)
                Issue.record("expected an error, got \(doc)")
            } catch let error as XMLError {
                let message = error.message
                #expect(!message.contains("\n"), "one line")
                #expect(error.file == path, "names the file: \(error)")
                #expect(!message.hasPrefix(path), "the message does not repeat the file: \(message)")
                #expect("\(error)".hasPrefix(path + ":"), "\(error)")
                if let fragment = expected["messageContains"] as? String {
                    #expect(message.lowercased().contains(fragment.lowercased()), "\(message)")
                }
                #expect(!message.contains("root:x:0:0"), "no local file content")
            }
            return
        }
        let expectedRules = expected.removeValue(forKey: "expectedWarnings") as? [String]
        let (actual, warnings) = try Self.importJSON(path)
        var problems = Self.mismatches(expected, actual, path: "")
        if let expectedRules {
            problems += Self.warningMismatches(expectedRules, warnings.compactMap(\.rule))
        }
        #expect(problems.isEmpty, Comment(rawValue: "\(rel):\n" + problems.joined(separator: "\n")))
    }
}

/// Inputs the fuzzers found (fixtures/fuzz/): each once crashed, hung or leaked; each must now
/// be handled (imported or refused with an error). Under `scripts/sanitizers` these also prove
/// the leak is gone.
@Suite struct FuzzRegressionTests {
    static let files =
        Paths.files(in: Paths.fixtures + "/fuzz", ext: "xml") + Paths.files(in: Paths.fixtures + "/fuzz", ext: "txt")

    @Test(arguments: files)
    func handled(_ path: String) throws {
        let bytes = try Paths.bytes(path)
        if path.hasSuffix(".xml") {
            _ = try? FeedImporter.document(.bytes(bytes), file: path)
            let validator = DocumentValidator(schemasDirectory: Paths.schemas, lint: LintOptions(now: Fixtures.updated))
            // Returning at all (no crash, no hang) is the test; the verdict depends on the input.
            _ = validator.validate(file: path, bytes: bytes)
        } else {
            _ = try? CleanedArticleReader().read(bytes: bytes, file: path)
        }
    }

    @Test func leakFixtureIsRefused() throws {
        let path = Paths.fixtures + "/fuzz/import-leak-doctype-entity.xml"
        #expect(throws: XMLError.self) { _ = try FeedImporter.document(.file(path), file: path) }
    }
}

extension FuzzRegressionTests {
    /// The round-trip fuzzer's find: a front-matter id spanning lines (a YAML quoted string
    /// may) came back trimmed from every format. Ids with white space are now refused.
    @Test func idWithWhiteSpaceIsRefused() throws {
        let path = Paths.fixtures + "/fuzz/roundtrip-multiline-id.txt"
        let bytes = try Paths.bytes(path)
        do {
            _ = try CleanedArticleReader().read(bytes: bytes, file: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("white space"))
            #expect(error.line == 2)
        }
        #expect(Article.problem(withID: "tag:example.org,2024:a b") != nil)
        #expect(Article.problem(withID: "tag:example.org,2024:a\u{85}b") != nil)
        #expect(Article.problem(withID: "urn:uuid:6f1c2a0e-934b-4d35-8a57-2d3e660c71b4") == nil)
    }
}

extension FuzzRegressionTests {
    /// The round-trip fuzzer's second find: deeply nested YAML flow collections in front matter
    /// overflowed the stack inside the YAML parser (100,000 '[' crashed the release binary).
    /// Nesting is now bounded on libyaml's events before a composer sees it (a text scan
    /// before it was fooled by an apostrophe in a comment, a plain scalar or an escape).
    @Test func deepFrontMatterNestingIsRefused() throws {
        let files = [
            "text-deep-yaml-nesting", "text-yaml-nesting-after-comment-apostrophe",
            "text-yaml-nesting-after-plain-apostrophe", "text-yaml-nesting-after-escaped-quote",
        ]
        for text in try files.map({
            String(decoding: try Paths.bytes(Paths.fixtures + "/fuzz/\($0).txt"), as: UTF8.self)
        }) + [
            "---\nid: " + String(repeating: "[", count: 100_000) + "\n---\nBody.\n",
            "---\n" + (0..<100).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n")
                + "\n---\nBody.\n",
        ] {
            do {
                _ = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "deep.txt")
                Issue.record("expected an error")
            } catch {
                // The first fixture is malformed before it is deep: libyaml's error, not the composer's crash.
                #expect(
                    error.message.contains("nests deeper") || error.message.contains("unreadable YAML"),
                    "\(error.message)")
            }
        }
    }

    /// An anchor aliased thousands of times: the decoder would copy it once per alias (130 KB
    /// of front matter grew past 1.9 GB). Refused on the line of the alias that passes the bound.
    @Test func aliasFanOutIsRefused() throws {
        let path = Paths.fixtures + "/fuzz/text-yaml-alias-fanout.txt"
        do {
            _ = try CleanedArticleReader().read(bytes: try Paths.bytes(path), file: path)
            Issue.record("expected an error")
        } catch let error as IngestError {
            #expect(error.message.contains("aliases expand the metadata past"), "\(error.message)")
            #expect(error.line == 4)
        } catch {
            Issue.record("\(error)")
        }
        // A few aliases, as a person writes them, are read.
        let text = "---\ntitle: &t Ordinary\nsubtitle: *t\nkeywords: [&k economy, *k]\n---\nBody.\n"
        let article = try CleanedArticleReader().read(bytes: Array(text.utf8), file: "a.txt").article
        #expect(article.subtitle == "Ordinary")
        #expect(article.keywords == ["economy", "economy"])
    }

    /// Depth counts collections, however they are written: 32 levels read, 33 refused.
    @Test func nestingBoundIsStructural() throws {
        func yaml(_ depth: Int) -> String {
            "---\ntitle: T\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                + "\n---\nBody.\n"
        }
        #expect(throws: Never.self) { _ = try CleanedArticleReader().read(bytes: Array(yaml(31).utf8), file: "a.txt") }
        #expect(throws: IngestError.self) {
            _ = try CleanedArticleReader().read(bytes: Array(yaml(32).utf8), file: "a.txt")
        }
        // Brackets inside quoted scalars and comments are not nesting.
        let quoted =
            "---\ntitle: '" + String(repeating: "[", count: 100)
            + "' # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n---\nBody.\n"
        #expect(
            try CleanedArticleReader().read(bytes: Array(quoted.utf8), file: "a.txt").article.title
                == String(repeating: "[", count: 100))
    }
}

/// The importer reads with libxml2's SAX2 events; its text reader is the reference. Every
/// corpus feed and a 300-article feed of each format (several parser chunks) must import to
/// the same document with the same warnings, or fail with the same kind of error.
@Suite("Import: SAX events = text reader")
struct ImportEngineTests {
    static func run(_ input: XMLInput, file: String, engine: XMLStreamReader.Engine) -> Result<
        (FeedDocument, [String]), XMLError
    > {
        do {
            let (doc, warnings) = try FeedImporter.document(input, file: file, options: ImportOptions(engine: engine))
            return .success((doc, warnings.map(\.formatted)))
        } catch let error as XMLError {
            return .failure(error)
        } catch {
            return .failure(XMLError(.io, "\(error)"))
        }
    }

    static func compare(_ input: XMLInput, file: String) {
        switch (run(input, file: file, engine: .textReader), run(input, file: file, engine: .events)) {
        case (.success(let reference), .success(let events)):
            #expect(events.0 == reference.0, "\(file)")
            #expect(events.1 == reference.1, "\(file)")
        case (.failure(let reference), .failure(let events)):
            #expect(events.code == reference.code, "\(file): \(events.message) / \(reference.message)")
        case (let reference, let events):
            Issue.record("\(file): text reader \(reference), events \(events)")
        }
    }

    @Test(arguments: ImportCorpusTests.cases)
    func corpusFeed(_ rel: String) {
        Self.compare(.file(ImportCorpusTests.root + "/" + rel), file: rel)
    }

    /// What the import fuzzer (which compares the two engines) found.
    @Test(arguments: FuzzRegressionTests.files.filter { $0.hasSuffix(".xml") })
    func fuzzFinding(_ path: String) {
        Self.compare(.file(path), file: path)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func generatedFeed(_ format: OutputFormat) throws {
        let bytes = try Converter.render(
            Generated.articles(count: 300, seed: 21), feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        #expect(bytes.count > 4 << 16, "spans several chunks")
        Self.compare(.bytes(bytes), file: "generated.\(format)")
    }
}
