import Foundation
import Testing

@testable import XMLCore

/// The SAX event engine must read every document as the text reader does: the same
/// elements, attributes, languages, lines and text, the same notes, and an error where the
/// text reader gives one, however the input is cut into chunks.
@Suite("SAX events = xmlTextReader, at every chunk size")
struct EventEngineTests {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }()

    static let documents: [String] = {
        var out: [String] = []
        let walker = FileManager.default.enumerator(atPath: fixtures)
        while let rel = walker?.nextObject() as? String {
            if rel.hasSuffix(".xml") { out.append(rel) }
        }
        return out.sorted()
    }()

    struct Reading: Equatable {
        var tokens: [String] = []
        var notes: [String] = []
        var error: XMLError.Code?
    }

    /// What a reader reports, normalised where the engines may legitimately differ:
    /// adjacent text is joined (a chunk may end inside a text node), `<a></a>` is `<a/>`.
    /// `languages: false` leaves `xml:lang` out: the text reader's xmlTextReaderConstXmlLang
    /// applies a default from an internal subset's `<!ATTLIST>` (xmlNodeGetLang consults the
    /// DTD) though it reports no defaulted attribute; wirefeed applies no DTD default anywhere.
    static func read(_ input: XMLInput, engine: XMLStreamReader.Engine, chunkSize: Int, languages: Bool = true)
        -> Reading
    {
        var out = Reading()
        var text = ""
        var textKind = ""
        func flush() {
            if !textKind.isEmpty { out.tokens.append("\(textKind) \(text.debugDescription)") }
            text = ""
            textKind = ""
        }
        do {
            let r = try XMLStreamReader(
                input, file: "doc.xml", limits: Limits(), encoding: nil,
                allowedPublicDTDs: ["-//Netscape Communications//DTD RSS 0.91//EN"],
                engine: engine, chunkSize: chunkSize)
            defer { out.notes = r.notes.map(\.formatted) }
            while try r.next() {
                switch r.kind {
                case .text, .whitespace, .cdata:
                    let kind = r.kind == .cdata ? "cdata" : "text"
                    if kind != textKind { flush() }
                    textKind = kind
                    text += r.value
                case .element:
                    flush()
                    var attributes: [String] = []
                    r.forEachAttribute { attributes.append("\($1)|\($0)=\($2.debugDescription)") }
                    #expect(r.hasAttributes == !attributes.isEmpty || engine == .textReader)
                    let start =
                        "<\(r.namespaceURI)|\(r.localName) \(r.qualifiedName) depth=\(r.depth) line=\(r.line) lang=\(languages ? r.xmlLang ?? "-" : "?") \(attributes)"
                    out.tokens.append(start + (r.isEmptyElement ? "/>" : ">"))
                case .endElement:
                    flush()
                    if let last = out.tokens.last, last.hasPrefix("<"), last.hasSuffix(">"), !last.hasSuffix("/>"),
                        last.contains(" depth=\(r.depth) ")
                    {
                        out.tokens[out.tokens.count - 1] = String(last.dropLast()) + "/>"
                    } else {
                        out.tokens.append("</\(r.namespaceURI)|\(r.localName) depth=\(r.depth)>")
                    }
                default:
                    break
                }
            }
            flush()
        } catch let error as XMLError {
            out.error = error.code
        } catch {
            Issue.record("unexpected \(error)")
        }
        return out
    }

    @Test func thereAreDocuments() {
        #expect(Self.documents.count > 200)
    }

    @Test(arguments: documents)
    func sameReading(_ rel: String) throws {
        let path = Self.fixtures + "/" + rel
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let languages = !String(decoding: bytes, as: UTF8.self).contains("<!ATTLIST")
        let reference = Self.read(.bytes(bytes), engine: .textReader, chunkSize: 0, languages: languages)
        for chunk in [1, 2, 3, 7, 64, 1000, 1 << 16] {
            let events = Self.read(.bytes(bytes), engine: .events, chunkSize: chunk, languages: languages)
            if reference.error != nil {
                // Both refuse the document (the hostile ones with the same reason).
                #expect(events.error != nil, "\(rel), chunks of \(chunk): read without error")
                if reference.error == .hostile { #expect(events.error == .hostile, "\(rel), chunks of \(chunk)") }
                continue
            }
            #expect(events.error == nil, "\(rel), chunks of \(chunk): \(String(describing: events.error))")
            #expect(events.notes == reference.notes, "\(rel), chunks of \(chunk)")
            if events.tokens != reference.tokens {
                let first =
                    zip(events.tokens, reference.tokens).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(events.tokens.count, reference.tokens.count)
                Issue.record(
                    "\(rel), chunks of \(chunk): token \(first): \(events.tokens.dropFirst(first).first ?? "end") ≠ \(reference.tokens.dropFirst(first).first ?? "end")"
                )
            }
        }
        // From a file, as the importer reads it.
        #expect(
            Self.read(.file(path), engine: .events, chunkSize: 1 << 16)
                == Self.read(.bytes(bytes), engine: .events, chunkSize: 1 << 16), "\(rel)")
    }

    /// `&` in attribute values (`&amp;`, `&#38;`, and the literal text `&#38;` written `&amp;#38;`).
    @Test func ampersandsInAttributes() throws {
        let doc = #"<r a="x &amp; y" b="&#38;" c="&amp;#38;" d="&lt;&gt;&quot;&apos;" e="&#x26;amp;"/>"#
        let r = try XMLStreamReader(.bytes(Array(doc.utf8)), file: "a.xml", engine: .events)
        #expect(try r.next())
        #expect(r.attribute("a") == "x & y")
        #expect(r.attribute("b") == "&")
        #expect(r.attribute("c") == "&#38;")
        #expect(r.attribute("d") == "<>\"'")
        #expect(r.attribute("e") == "&amp;")
    }

    /// Attributes an internal subset defaults are not reported (as with the text reader), and
    /// a large default repeated on many elements costs nothing.
    @Test func attributeDefaultsAreNotApplied() throws {
        let value = String(repeating: "x", count: 100_000)
        let doc =
            "<!DOCTYPE r [<!ATTLIST a d CDATA \"\(value)\">]><r>" + String(repeating: "<a/>", count: 5_000)
            + "<a e=\"1\"/></r>"
        let r = try XMLStreamReader(.bytes(Array(doc.utf8)), file: "d.xml", engine: .events)
        var elements = 0
        while try r.next() {
            guard r.kind == .element && r.localName == "a" else { continue }
            elements += 1
            #expect(r.attribute("d") == nil)
            if elements == 5_001 { #expect(r.attributes.map(\.name) == ["e"]) }
        }
        #expect(elements == 5_001)
    }

    /// One text node is bounded across chunk ends, as libxml2 bounds it for the text reader.
    @Test func longTextNodeIsRefusedAcrossChunks() throws {
        let doc = Array(("<r><t>" + String(repeating: "abcdefghij", count: 1_100_000) + "</t></r>").utf8)
        for engine in [XMLStreamReader.Engine.textReader, .events] {
            let r = try XMLStreamReader(.bytes(doc), file: "t.xml", engine: engine)
            #expect(throws: XMLError.self, "\(engine)") { try r.readToEnd() }
        }
    }

    /// A byte the declared encoding cannot decode stops both engines with an error, not a
    /// silent end of the document.
    @Test func undecodableByteIsAnError() throws {
        let doc: [UInt8] =
            Array("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><r><a>one</a><a>caf".utf8) + [0xE9]
            + Array("</a></r>".utf8)
        for engine in [XMLStreamReader.Engine.textReader, .events] {
            let r = try XMLStreamReader(.bytes(doc), file: "e.xml", engine: engine)
            #expect(throws: XMLError.self, "\(engine)") { try r.readToEnd() }
        }
    }
}
