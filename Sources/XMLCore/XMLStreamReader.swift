internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// A forward-only XML reader on libxml2's `xmlTextReader`: memory stays flat
/// however long the document is.
///
/// Input is untrusted: no network, no DTD loading, no entity substitution; depth
/// and text size are bounded. Errors carry file, line and column.
package final class XMLStreamReader {
    /// What the reader is positioned on.
    public enum NodeKind: Sendable, Equatable {
        case element
        case endElement
        case text
        case cdata
        case whitespace
        case entityReference
        case other
    }

    /// How a document is read: libxml2's `xmlTextReader` (which a schema can be attached
    /// to), or its SAX2 parser with the events buffered chunk by chunk (about twice as fast;
    /// see ``SAXEventSource``).
    public enum Engine: Sendable {
        case textReader
        case events
    }

    private let opened: OpenedReader?
    private let events: SAXEventSource?
    /// The events' state, read field by field (an accessor through `events` costs a retain and
    /// a release, per node and per question).
    private let sax: UnsafeMutablePointer<SAXEventSource.State>?
    private var reader: xmlTextReaderPtr { opened!.reader }
    private let collector: ErrorCollector
    public let file: String
    let limits: Limits
    /// Public identifiers of DTDs whose DOCTYPE is tolerated (never loaded), e.g. Netscape's RSS 0.91.
    let allowedPublicDTDs: Set<String>
    /// Repair UTF-8 read as Latin-1 in the text of elements read with `readElement`
    /// (set for documents that declare a Latin-1 encoding).
    public var repairsMojibake = false
    /// Problems that were tolerated (an allowed DOCTYPE), for the caller's warnings.
    public var notes: [Diagnostic] { events?.notes ?? readerNotes }
    private var readerNotes: [Diagnostic] = []

    /// Reads a document from memory, a file or a stream. `.events` applies only when no
    /// encoding is forced (the text reader is used then).
    public convenience init(
        _ input: XMLInput, file: String, limits: Limits = Limits(), encoding: String? = nil,
        allowedPublicDTDs: Set<String> = [], engine: Engine = .textReader
    ) throws {
        try self.init(
            input, file: file, limits: limits, encoding: encoding, allowedPublicDTDs: allowedPublicDTDs, engine: engine,
            chunkSize: 1 << 16)
    }

    /// `chunkSize`: bytes handed to the SAX parser at a time (tests make it tiny, to cut
    /// documents everywhere).
    /// `bounds`: what the text reader's input is held to (validation's, when a schema will be attached).
    init(
        _ input: XMLInput, file: String, limits: Limits, encoding: String?, allowedPublicDTDs: Set<String>,
        engine: Engine, chunkSize: Int, bounds: MarkupGuard.Bounds = MarkupGuard.Bounds()
    ) throws {
        if case .bytes(let bytes) = input, bytes.count > limits.maximumDocumentSize {
            throw limits.documentTooLarge(file)
        }
        if case .file(let path) = input {
            var st = stat()
            if stat(path, &st) == 0, Int(st.st_size) > limits.maximumDocumentSize {
                throw limits.documentTooLarge(file)
            }
        }
        if case .stream(let stream) = input { stream.limit = limits.maximumDocumentSize }
        self.file = file
        self.limits = limits
        collector = ErrorCollector(file: file)
        self.allowedPublicDTDs = allowedPublicDTDs
        if engine == .events && encoding == nil {
            let source = try SAXEventSource(
                input, file: file, limits: limits, allowedPublicDTDs: allowedPublicDTDs, collector: collector,
                chunkSize: chunkSize)
            events = source
            sax = source.state
            opened = nil
            return
        }
        events = nil
        sax = nil
        guard let opened = OpenedReader.open(input, name: file, encoding: encoding, bounds: bounds) else {
            throw XMLError(.io, file: file, "cannot be opened")
        }
        self.opened = opened
        xmlTextReaderSetStructuredErrorHandler(opened.reader, ErrorCollector.handler, collector.context)
    }

    /// Reads a document while validating it against `schema` in the same pass.
    public convenience init(_ input: XMLInput, file: String, validatingAgainst schema: Schema) throws {
        try self.init(
            input, file: file, limits: Limits(), encoding: nil, allowedPublicDTDs: [], engine: .textReader,
            chunkSize: 1 << 16,
            bounds: MarkupGuard.validation)
        guard schema.attach(to: reader) else {
            throw XMLError(.schema, file: file, "cannot attach the schema \(schema.path) to the reader")
        }
    }

    /// After the whole document was read: whether it is valid against the attached schema.
    public var isValid: Bool { events == nil && xmlTextReaderIsValid(reader) == 1 }

    /// Reads to the end of the document.
    public func readToEnd() throws {
        while try next() {}
    }

    /// Reads a document held in memory.
    public convenience init(bytes: [UInt8], file: String, limits: Limits = Limits()) throws {
        try self.init(.bytes(bytes), file: file, limits: limits)
    }

    /// Reads a document from a file, streaming from disk.
    public convenience init(path: String, file: String? = nil, limits: Limits = Limits()) throws {
        try self.init(.file(path), file: file ?? path, limits: limits)
    }

    /// Set while ``capturingErrors(_:)`` runs: libxml2's error handler is this reader's already.
    private var capturingAlready = false

    /// Runs `body` (which reads with ``next()`` many times) with this reader's error handler
    /// installed once, instead of once per node. `body` must not use another reader.
    func capturingErrors<T>(_ body: () throws -> T) rethrows -> T {
        if capturingAlready || events != nil { return try body() }
        return try collector.capturing {
            capturingAlready = true
            defer { capturingAlready = false }
            return try body()
        }
    }

    /// Problems libxml2 reported so far (warnings included).
    public var diagnostics: [Diagnostic] { collector.diagnostics }

    /// Advances to the next node; false at the end. Throws on a document that is not
    /// well-formed or breaks a limit, naming line and column.
    public func next() throws -> Bool {
        if let events { return try events.advance() }
        let rc = capturingAlready ? xmlTextReaderRead(reader) : collector.capturing { xmlTextReaderRead(reader) }
        nodeType = rc == 1 ? xmlTextReaderNodeType(reader) : -1
        if rc == 1 {
            if nodeType == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), let problem = LibXML.doctypeProblem(reader) {
                if let publicID = LibXML.doctypePublicID(reader), allowedPublicDTDs.contains(publicID),
                    !problem.contains("entities")
                {
                    readerNotes.append(
                        Diagnostic(
                            file: file, line: opened?.input.doctypeLine() ?? line, severity: .warning,
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
        if let stream = opened?.stream, stream.exceededLimit { return limits.documentTooLarge(file) }
        if let refusal = opened?.input.refusal(file: file) { return refusal }
        if let first = collector.firstError(lineWhereNone: Int(xmlTextReaderGetParserLineNumber(reader))) {
            return first
        }
        return XMLError(
            .notWellFormed, file: file, line: line, "document is not well-formed", diagnostics: collector.diagnostics)
    }

    /// The events engine's current event; a neutral one before the first and after the last
    /// (where the text reader answers "" and nil too).
    @inline(__always)
    private func event(_ sax: UnsafeMutablePointer<SAXEventSource.State>) -> SAXEventSource.Event {
        let p = sax.pointee.position
        guard p >= 0 && p < sax.pointee.events.count else {
            return SAXEventSource.Event(kind: .other, depth: 0, line: 0, start: 0, count: 0)
        }
        return sax.pointee.events[p]
    }

    /// The type of the current node, as libxml2 numbers them (read once per node).
    private var nodeType: Int32 = -1

    public var kind: NodeKind {
        if let sax { return event(sax).kind }
        return switch nodeType {
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

    /// Names are interned by libxml2 (its dictionary lives as long as the reader), so the
    /// Swift strings are made once per distinct pointer.
    private var names: [UnsafeRawPointer: String] = [:]

    private func interned(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        let key = UnsafeRawPointer(p)
        if let s = names[key] { return s }
        let s = String(cString: p)
        if names.count < 4096 { names[key] = s }
        return s
    }

    /// Local name of the current node (`link` for `atom:link`).
    public var localName: String {
        if let sax { return sax.pointee.strings[Int(event(sax).name)] }
        return interned(xmlTextReaderConstLocalName(reader))
    }

    /// Namespace URI of the current node, or "" when none.
    public var namespaceURI: String {
        if let sax { return sax.pointee.strings[Int(event(sax).namespace)] }
        return interned(xmlTextReaderConstNamespaceUri(reader))
    }

    /// Qualified name as written (`atom:link`).
    public var qualifiedName: String {
        if let sax {
            let e = event(sax)
            let name = sax.pointee.strings[Int(e.name)]
            // An undeclared prefix is part of the name already (see SAXEventSource.State.name).
            return e.prefix == 0 ? name : sax.pointee.strings[Int(e.prefix)] + ":" + name
        }
        return LibXML.copyString(xmlTextReaderConstName(reader)) ?? ""
    }

    /// Depth of the current node (the root is 0).
    public var depth: Int {
        if let sax { return Int(event(sax).depth) }
        return Int(xmlTextReaderDepth(reader))
    }

    /// Whether the current element is written `<x/>` (no end element follows).
    public var isEmptyElement: Bool {
        if let sax { return event(sax).isEmpty }
        return xmlTextReaderIsEmptyElement(reader) == 1
    }

    /// Appends the UTF-8 bytes of the current node's text (libxml2's own, valid UTF-8) without
    /// making a string of them.
    func appendValue(to out: inout [UInt8]) {
        if let sax {
            let e = event(sax)
            sax.pointee.bytes.withUnsafeBufferPointer {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(e.start)..<Int(e.start + e.count)]))
            }
            return
        }
        guard let p = xmlTextReaderConstValue(reader) else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p))))
    }

    /// Text of the current text, CDATA or whitespace node.
    public var value: String {
        if let sax {
            let e = event(sax)
            return e.kind == .element || e.kind == .endElement
                ? "" : SAXEventSource.State.text(sax.pointee.bytes, start: e.start, count: e.count)
        }
        return LibXML.copyString(xmlTextReaderConstValue(reader)) ?? ""
    }

    /// The `xml:lang` in scope, if any.
    public var xmlLang: String? {
        if let sax {
            let lang = event(sax).lang
            return lang < 0 ? nil : sax.pointee.strings[Int(lang)]
        }
        guard let p = xmlTextReaderConstXmlLang(reader) else { return nil }
        return interned(p)
    }

    /// 1-based line of the current node (where its start tag is).
    public var line: Int {
        if let sax {
            let p = sax.pointee.position
            if p >= 0 && p < sax.pointee.events.count { return Int(sax.pointee.events[p].line) }
            return Int(sax.pointee.line)
        }
        if let node = xmlTextReaderCurrentNode(reader) {
            let l = Int(xmlGetLineNo(node))
            if l > 0 { return l }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// 1-based column of the current node (approximate: libxml2 reports where parsing stands).
    public var column: Int {
        if events != nil { return 0 }
        return Int(xmlTextReaderGetParserColumnNumber(reader))
    }

    /// An attribute of the current element by local name and namespace (nil namespace = none).
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        if let sax {
            var found: String?
            forEachEventAttribute(sax) { name, ns, start, count in
                if found == nil && name == localName && (namespace ?? "") == ns {
                    found = SAXEventSource.State.text(sax.pointee.bytes, start: start, count: count)
                }
            }
            return found
        }
        let found =
            namespace.map { xmlTextReaderMoveToAttributeNs(reader, localName, $0) }
            ?? xmlTextReaderMoveToAttribute(reader, localName)
        guard found == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        // A default from an internal subset is not the document's (the events engine never sees it).
        if xmlTextReaderIsDefault(reader) == 1 { return nil }
        return LibXML.copyString(xmlTextReaderConstValue(reader))
    }

    /// All attributes of the current element: local name, namespace URI, value (namespace declarations excluded).
    public var attributes: [(name: String, namespace: String, value: String)] {
        var out: [(String, String, String)] = []
        forEachAttribute { out.append(($0, $1, $2)) }
        return out
    }

    /// Whether the current element has attributes (with the text reader, namespace
    /// declarations count; with the events engine they do not).
    public var hasAttributes: Bool {
        if let sax {
            let e = event(sax)
            return e.kind == .element && e.count > 0
        }
        return xmlTextReaderHasAttributes(reader) == 1
    }

    /// Calls `body` with each attribute of the current element (local name, namespace URI,
    /// value), namespace declarations left out, in document order.
    public func forEachAttribute(_ body: (String, String, String) -> Void) {
        if let sax {
            forEachEventAttribute(sax) {
                body($0, $1, SAXEventSource.State.text(sax.pointee.bytes, start: $2, count: $3))
            }
            return
        }
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

    private func forEachEventAttribute(
        _ sax: UnsafeMutablePointer<SAXEventSource.State>, _ body: (String, String, Int32, Int32) -> Void
    ) {
        let e = event(sax)
        guard e.kind == .element else { return }
        for k in Int(e.start)..<Int(e.start + e.count) {
            let a = sax.pointee.attributes[k]
            body(sax.pointee.strings[Int(a.name)], sax.pointee.strings[Int(a.namespace)], a.start, a.count)
        }
    }

    /// Concatenated text inside the current element, advancing past its end.
    public func elementText() throws -> String {
        guard kind == .element else { return "" }
        if isEmptyElement { return "" }
        let start = depth
        var text = ""
        while try next() {
            switch kind {
            case .text, .cdata, .whitespace: text += value
            case .endElement where depth == start: return text
            default: break
            }
            if text.utf8.count > limits.maximumTextSize {
                throw XMLError(
                    .tooLarge, file: file, line: line, "text larger than the limit of \(limits.maximumTextSize) bytes")
            }
        }
        return text
    }

    /// Skips to the end of the current element (its subtree is not read).
    public func skipElement() throws {
        guard kind == .element, !isEmptyElement else { return }
        let start = depth
        while try next() {
            if kind == .endElement && depth == start { return }
        }
    }
}

/// Text content of documents, for tests and checks.
package enum XMLTextContent {
    /// Every text and CDATA node of a document, in order, plus every attribute value.
    public static func allText(_ bytes: [UInt8]) throws -> [String] {
        let r = try XMLStreamReader(bytes: bytes, file: "document")
        var out: [String] = []
        while try r.next() {
            switch r.kind {
            case .text, .cdata: out.append(r.value)
            case .element: out += r.attributes.map(\.value)
            default: break
            }
        }
        return out
    }
}
