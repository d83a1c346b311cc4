internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// ``XMLStreamReader``'s cursor on libxml2's `xmlTextReader`: the engine a schema can be
/// attached to (validation reads and validates in one pass), and the one that honours a
/// forced encoding.
final class TextReaderCursor: XMLCursor {
    private let opened: OpenedReader
    private var reader: xmlTextReaderPtr { opened.reader }
    private let collector: ErrorCollector
    private let file: String
    private let limits: Limits
    /// Public identifiers of DTDs whose DOCTYPE is tolerated (never loaded), e.g. Netscape's RSS 0.91.
    private let allowedPublicDTDs: Set<String>
    private(set) var notes: [Diagnostic] = []
    /// Set while ``capturingErrors(_:)`` runs: libxml2's error handler is this reader's already.
    private var capturingAlready = false
    /// The type of the current node, as libxml2 numbers them (read once per node).
    private var nodeType: Int32 = -1
    /// Names are interned by libxml2 (its dictionary lives as long as the reader), so the
    /// Swift strings are made once per distinct pointer.
    private var names: [UnsafeRawPointer: String] = [:]

    init(
        _ input: XMLInput, file: String, limits: Limits, encoding: String?, allowedPublicDTDs: Set<String>,
        bounds: MarkupGuard.Bounds, schema: Schema?, collector: ErrorCollector
    ) throws {
        guard let opened = OpenedReader.open(input, name: file, encoding: encoding, bounds: bounds) else {
            throw XMLError(.io, file: file, "cannot be opened")
        }
        self.opened = opened
        self.file = file
        self.limits = limits
        self.allowedPublicDTDs = allowedPublicDTDs
        self.collector = collector
        xmlTextReaderSetStructuredErrorHandler(opened.reader, ErrorCollector.handler, collector.context)
        if let schema, !schema.attach(to: opened.reader) {
            throw XMLError(.schema, file: file, "cannot attach the schema \(schema.path) to the reader")
        }
    }

    var isValid: Bool { xmlTextReaderIsValid(reader) == 1 }

    func capturingErrors<T>(_ body: () throws -> T) rethrows -> T {
        if capturingAlready { return try body() }
        return try collector.capturing {
            capturingAlready = true
            defer { capturingAlready = false }
            return try body()
        }
    }

    func next() throws -> Bool {
        let rc = capturingAlready ? xmlTextReaderRead(reader) : collector.capturing { xmlTextReaderRead(reader) }
        nodeType = rc == 1 ? xmlTextReaderNodeType(reader) : -1
        if rc == 1 {
            if nodeType == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), let problem = LibXML.doctypeProblem(reader) {
                if let publicID = LibXML.doctypePublicID(reader), allowedPublicDTDs.contains(publicID),
                    !problem.contains("entities")
                {
                    notes.append(
                        Diagnostic(
                            file: file, line: opened.input.doctypeLine() ?? line, severity: .warning,
                            message: "DOCTYPE \(publicID) ignored (never loaded)", rule: "xml.doctype"))
                } else {
                    throw XMLError(.hostile, file: file, line: line, "\(problem)", diagnostics: collector.diagnostics)
                }
            }
            if kind == .entityReference {
                throw XMLError(
                    .hostile, file: file, line: line, "\(LibXML.Refusal.entityReference)",
                    diagnostics: collector.diagnostics)
            }
            // Text nodes are bounded by libxml2 itself (no XML_PARSE_HUGE: 10 MB per node), depth by 256.
            return true
        }
        if rc == 0 { return false }
        throw failure()
    }

    private func failure() -> XMLError {
        if let stream = opened.stream, stream.exceededLimit { return limits.documentTooLarge(file) }
        if let refusal = opened.input.refusal(file: file) { return refusal }
        if let first = collector.firstError(lineWhereNone: Int(xmlTextReaderGetParserLineNumber(reader))) {
            return first
        }
        return XMLError(
            .notWellFormed, file: file, line: line, "document is not well-formed", diagnostics: collector.diagnostics)
    }

    var kind: XMLStreamReader.NodeKind {
        switch nodeType {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue): .text
        case Int32(XML_READER_TYPE_CDATA.rawValue): .cdata
        case Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            .whitespace
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue): .entityReference
        default: .other
        }
    }

    private func interned(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        let key = UnsafeRawPointer(p)
        if let s = names[key] { return s }
        let s = String(cString: p)
        if names.count < 4096 { names[key] = s }
        return s
    }

    var localName: String { interned(xmlTextReaderConstLocalName(reader)) }

    var namespaceURI: String { interned(xmlTextReaderConstNamespaceUri(reader)) }

    var qualifiedName: String { LibXML.copyString(xmlTextReaderConstName(reader)) ?? "" }

    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    func appendValue(to out: inout [UInt8]) {
        guard let p = xmlTextReaderConstValue(reader) else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p))))
    }

    var value: String { LibXML.copyString(xmlTextReaderConstValue(reader)) ?? "" }

    var xmlLang: String? {
        guard let p = xmlTextReaderConstXmlLang(reader) else { return nil }
        return interned(p)
    }

    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let l = Int(xmlGetLineNo(node))
            if l > 0 { return l }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    func attribute(_ localName: String, namespace: String?) -> String? {
        let found =
            namespace.map { xmlTextReaderMoveToAttributeNs(reader, localName, $0) }
            ?? xmlTextReaderMoveToAttribute(reader, localName)
        guard found == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        // A default from an internal subset is not the document's (the events engine never sees it).
        if xmlTextReaderIsDefault(reader) == 1 { return nil }
        return LibXML.copyString(xmlTextReaderConstValue(reader))
    }

    /// Namespace declarations count.
    var hasAttributes: Bool { xmlTextReaderHasAttributes(reader) == 1 }

    func forEachAttribute(_ body: (String, String, String) -> Void) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        var rc = xmlTextReaderMoveToFirstAttribute(reader)
        while rc == 1 {
            // Defaults an internal subset declares are not the document's (the events engine
            // never sees them either).
            if xmlTextReaderIsNamespaceDecl(reader) != 1 && xmlTextReaderIsDefault(reader) != 1 {
                body(localName, namespaceURI, value)
            }
            rc = xmlTextReaderMoveToNextAttribute(reader)
        }
        xmlTextReaderMoveToElement(reader)
    }
}
