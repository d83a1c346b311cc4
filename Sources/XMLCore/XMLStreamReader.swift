#if canImport(Glibc)
    import Glibc
#endif

/// A forward-only XML reader: memory stays flat however long the document is. One of two
/// cursors does the reading, one per libxml2 engine (``TextReaderCursor``, ``EventCursor``);
/// this type holds what they share (limits, errors, reading a subtree) and never asks which.
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
    /// see ``SAXEventSource``). Each is a ``XMLCursor`` of its own.
    public enum Engine: Sendable {
        case textReader
        case events
    }

    /// The engine's cursor: everything that differs between the engines is in its type.
    private let cursor: any XMLCursor
    private let collector: ErrorCollector
    public let file: String
    let limits: Limits
    /// Repair UTF-8 read as Latin-1 in the text of elements read with `readElement`
    /// (set for documents that declare a Latin-1 encoding).
    public var repairsMojibake = false
    /// Problems that were tolerated (an allowed DOCTYPE), for the caller's warnings.
    public var notes: [Diagnostic] { cursor.notes }

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
        engine: Engine, chunkSize: Int, bounds: MarkupGuard.Bounds = MarkupGuard.Bounds(), schema: Schema? = nil
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
        let collector = ErrorCollector(file: file)
        self.collector = collector
        if engine == .events && encoding == nil && schema == nil {
            cursor = try EventCursor(
                SAXEventSource(
                    input, file: file, limits: limits, allowedPublicDTDs: allowedPublicDTDs, collector: collector,
                    chunkSize: chunkSize))
        } else {
            cursor = try TextReaderCursor(
                input, file: file, limits: limits, encoding: encoding, allowedPublicDTDs: allowedPublicDTDs,
                bounds: bounds, schema: schema, collector: collector)
        }
    }

    /// Reads a document while validating it against `schema` in the same pass (libxml2's text
    /// reader: the events engine has no schema).
    public convenience init(_ input: XMLInput, file: String, validatingAgainst schema: Schema) throws {
        try self.init(
            input, file: file, limits: Limits(), encoding: nil, allowedPublicDTDs: [], engine: .textReader,
            chunkSize: 1 << 16, bounds: MarkupGuard.validation, schema: schema)
    }

    /// After the whole document was read: whether it is valid against the attached schema.
    public var isValid: Bool { cursor.isValid }

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

    /// Runs `body` (which reads with ``next()`` many times) with this reader's error handler
    /// installed once, instead of once per node. `body` must not use another reader.
    func capturingErrors<T>(_ body: () throws -> T) rethrows -> T {
        try cursor.capturingErrors(body)
    }

    /// Problems libxml2 reported so far (warnings included).
    public var diagnostics: [Diagnostic] { collector.diagnostics }

    /// Advances to the next node; false at the end. Throws on a document that is not
    /// well-formed or breaks a limit, naming line and column.
    public func next() throws -> Bool { try cursor.next() }

    public var kind: NodeKind { cursor.kind }

    /// Local name of the current node (`link` for `atom:link`).
    public var localName: String { cursor.localName }

    /// Namespace URI of the current node, or "" when none.
    public var namespaceURI: String { cursor.namespaceURI }

    /// Qualified name as written (`atom:link`).
    public var qualifiedName: String { cursor.qualifiedName }

    /// Depth of the current node (the root is 0).
    public var depth: Int { cursor.depth }

    /// Whether the current element is written `<x/>` (no end element follows).
    public var isEmptyElement: Bool { cursor.isEmptyElement }

    /// Appends the UTF-8 bytes of the current node's text (libxml2's own, valid UTF-8) without
    /// making a string of them.
    func appendValue(to out: inout [UInt8]) { cursor.appendValue(to: &out) }

    /// Text of the current text, CDATA or whitespace node.
    public var value: String { cursor.value }

    /// The `xml:lang` in scope, if any.
    public var xmlLang: String? { cursor.xmlLang }

    /// 1-based line of the current node (where its start tag is).
    public var line: Int { cursor.line }

    /// 1-based column of the current node (approximate: libxml2 reports where parsing
    /// stands; 0 with the events engine).
    public var column: Int { cursor.column }

    /// An attribute of the current element by local name and namespace (nil namespace = none).
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        cursor.attribute(localName, namespace: namespace)
    }

    /// All attributes of the current element: local name, namespace URI, value (namespace declarations excluded).
    public var attributes: [(name: String, namespace: String, value: String)] {
        var out: [(String, String, String)] = []
        forEachAttribute { out.append(($0, $1, $2)) }
        return out
    }

    /// Whether the current element has attributes (with the text reader, namespace
    /// declarations count; with the events engine they do not).
    public var hasAttributes: Bool { cursor.hasAttributes }

    /// Calls `body` with each attribute of the current element (local name, namespace URI,
    /// value), namespace declarations left out, in document order.
    public func forEachAttribute(_ body: (String, String, String) -> Void) { cursor.forEachAttribute(body) }

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

/// One engine's forward-only walk over a document: what ``XMLStreamReader`` asks of it.
/// ``TextReaderCursor`` (libxml2's `xmlTextReader`) and ``EventCursor`` (its SAX2 parser,
/// events buffered) are the two; each answers every question (none traps under the other
/// engine's document).
protocol XMLCursor: AnyObject {
    func next() throws -> Bool
    var kind: XMLStreamReader.NodeKind { get }
    var localName: String { get }
    var namespaceURI: String { get }
    var qualifiedName: String { get }
    var depth: Int { get }
    var isEmptyElement: Bool { get }
    var value: String { get }
    func appendValue(to out: inout [UInt8])
    var xmlLang: String? { get }
    var line: Int { get }
    var column: Int { get }
    func attribute(_ localName: String, namespace: String?) -> String?
    var hasAttributes: Bool { get }
    func forEachAttribute(_ body: (String, String, String) -> Void)
    /// Tolerated problems (an allowed DOCTYPE).
    var notes: [Diagnostic] { get }
    /// Whether the document was valid against the schema read with it (false without one).
    var isValid: Bool { get }
    /// Runs `body` with libxml2's error handler installed once for all its reads.
    func capturingErrors<T>(_ body: () throws -> T) rethrows -> T
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
