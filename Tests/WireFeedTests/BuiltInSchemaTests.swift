import Foundation
import Testing
import WireValidate

@testable import WireFeed

/// The schemas compiled into the binary are the files in `schemas/`, and judge as they do.
@Suite struct BuiltInSchemaTests {
    @Test func theBuiltInSchemasAreTheFilesInSchemas() throws {
        #expect(BuiltInSchemas.files.count == 7)
        for (name, text) in BuiltInSchemas.files {
            let file = try String(contentsOfFile: Paths.schemas + "/" + name, encoding: .utf8)
            let built = text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            #expect(built == file, "\(name) differs from schemas/\(name): run scripts/gen-schemas")
        }
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func builtInAndFolderGiveTheSameVerdicts(_ format: OutputFormat) throws {
        let bytes = try Converter.render(
            try Fixtures.articles(), feed: Fixtures.feed, format: format, updated: Fixtures.updated)
        // An element no schema knows, where the first title (NewsML: versionCreated) was.
        let name = format == .newsml ? "versionCreated" : "title"
        var text = String(decoding: bytes, as: UTF8.self)
        let open = try #require(text.range(of: "<" + name))
        text.replaceSubrange(open, with: "<" + name + "x")
        let close = try #require(text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex))
        text.replaceSubrange(close, with: "</\(name)x>")
        let broken = Array(text.utf8)
        for profile in NewsMLProfile.allCases {
            let builtIn = DocumentValidator()
            builtIn.profile = profile
            let folder = DocumentValidator(schemasDirectory: Paths.schemas)
            folder.profile = profile
            for doc in [bytes, broken] {
                let a = builtIn.validate(file: "doc", bytes: doc)
                let b = folder.validate(file: "doc", bytes: doc)
                #expect(a.diagnostics.map(\.message) == b.diagnostics.map(\.message))
                #expect(a.schema?.hasPrefix("built-in:") == true)
            }
            #expect(builtIn.validate(file: "doc", bytes: bytes).errors == 0)
            #expect(builtIn.validate(file: "doc", bytes: broken).errors > 0)
        }
    }

    @Test(.enabled(if: Paths.sharedAvailable, "needs ../shared/reference"))
    func iptcExamplesPassByDefaultAndTheShouldFailOnesFail() throws {
        let dir = Paths.reference + "/newsml-g2/examples/official"
        let validator = DocumentValidator(lint: LintOptions(now: Fixtures.updated))
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".xml") {
            let report = validator.validate(file: dir + "/" + name)
            if name.contains("should_fail") {
                #expect(report.errors > 0, "\(name)")
            } else {
                #expect(report.errors == 0, "\(name): \(report.diagnostics.map(\.formatted))")
            }
        }
    }

    @Test func atomAcceptsMathMLAndSVGInXHTML() throws {
        let feed = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><id>tag:example.org,2025:f</id>\
            <title>Notes</title><updated>2025-05-01T10:00:00Z</updated><author><name>A</name></author>\
            <link rel="self" href="https://example.org/feed.atom"/>\
            <entry xml:lang="en-GB"><id>tag:example.org,2025:e</id><title>e</title>\
            <updated>2025-05-01T10:00:00Z</updated><content type="xhtml">\
            <div xmlns="http://www.w3.org/1999/xhtml"><p><math xmlns="http://www.w3.org/1998/Math/MathML">\
            <mi>e</mi></math><svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><circle r="2"/></svg>\
            </p></div></content></entry></feed>
            """
        let report = DocumentValidator(lint: LintOptions(now: LintFixture.now)).validate(
            file: "feed.atom", bytes: Array(feed.utf8))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.formatted))")
    }
}
