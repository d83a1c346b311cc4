import Foundation
import Testing
import XMLCore

enum CorePaths {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let schemas = repo + "/schemas"
    static let reference = URL(fileURLWithPath: repo).deletingLastPathComponent().path + "/shared/reference"
    static let sharedAvailable = FileManager.default.fileExists(atPath: reference + "/SOURCES.md")
}

@Suite struct SchemaTests {
    @Test(arguments: ["rss-2.0.xsd", "atom-1.0.rng", "newsml-g2-wirefeed.xsd"])
    func projectSchemasCompile(_ name: String) throws {
        let schema = try Schema(path: CorePaths.schemas + "/" + name)
        #expect(schema.kind == (name.hasSuffix(".rng") ? .relaxNG : .xsd))
    }

    @Test func missingSchemaIsAClearError() {
        #expect(throws: XMLError.self) { try Schema(path: "/nonexistent/schema.xsd") }
    }

    @Test func validationReportsLineAndColumn() throws {
        let xsd = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="a"><xs:complexType><xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
        let path = NSTemporaryDirectory() + "/wf-\(UUID().uuidString).xsd"
        try xsd.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = try Schema(path: path)
        #expect(schema.validate(Array("<a><b>1</b></a>".utf8), file: "ok.xml").isEmpty)
        let bad = schema.validate(Array("<a>\n  <b>x</b>\n</a>".utf8), file: "bad.xml")
        #expect(bad.first?.line == 2)
        #expect(bad.first?.file == "bad.xml")
        #expect(bad.first?.severity == .error)
        let broken = schema.validate(Array("<a>\n<b>1</b>".utf8), file: "broken.xml")
        #expect(broken.contains { $0.severity == .error && $0.rule == "xml" })
    }
}
