internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// A compiled XML Schema (XSD) or RELAX NG schema, compiled once and used for
/// any number of documents (also from several threads: libxml2's compiled schemas
/// are read-only; each validation gets its own context).
package final class Schema: @unchecked Sendable {
    /// The schema language, from the file extension (`.rng` is RELAX NG, else XSD).
    public enum Kind: String, Sendable {
        case xsd
        case relaxNG
    }

    public let kind: Kind
    public let path: String
    private let xsd: xmlSchemaPtr?
    private let rng: xmlRelaxNGPtr?

    /// Compiles the schema at `path`. Its own imports/includes may load local files; never the network.
    public convenience init(path: String) throws {
        try self.init(path: path, builtIn: nil)
    }

    /// Compiles a schema held in the binary: `name` is one of `files`, whose other entries
    /// are what its imports and includes name (by last path component). Nothing is read
    /// from disk. The schema's ``path`` is `built-in:NAME`.
    public convenience init(builtIn name: String, files: [String: StaticString]) throws {
        try self.init(path: "built-in:" + name, builtIn: files)
    }

    private init(path: String, builtIn: [String: StaticString]?) throws {
        LibXML.ensureInitialized()
        self.path = path
        let collector = ErrorCollector(file: path)
        func loading<T>(_ body: () -> T) -> T {
            if let builtIn { return EntityLoader.servingBuiltIn(builtIn, body) }
            return EntityLoader.allowingLocalFiles(body)
        }
        if path.lowercased().hasSuffix(".rng") {
            kind = .relaxNG
            xsd = nil
            let compiled: xmlRelaxNGPtr? = loading {
                collector.capturing {
                    guard let ctxt = xmlRelaxNGNewParserCtxt(path) else { return nil }
                    defer { xmlRelaxNGFreeParserCtxt(ctxt) }
                    xmlRelaxNGSetParserStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
                    return xmlRelaxNGParse(ctxt)
                }
            }
            guard let compiled else { throw Self.failure(path, collector) }
            rng = compiled
        } else {
            kind = .xsd
            rng = nil
            let compiled: xmlSchemaPtr? = loading {
                collector.capturing {
                    guard let ctxt = xmlSchemaNewParserCtxt(path) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(ctxt) }
                    xmlSchemaSetParserStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
                    return xmlSchemaParse(ctxt)
                }
            }
            guard let compiled else { throw Self.failure(path, collector) }
            xsd = compiled
        }
    }

    private static func failure(_ path: String, _ collector: ErrorCollector) -> XMLError {
        let first = collector.diagnostics.first?.message ?? "cannot be read or is not a schema"
        return XMLError(.schema, file: path, "schema does not compile: \(first)", diagnostics: collector.diagnostics)
    }

    deinit {
        if let xsd { xmlSchemaFree(xsd) }
        if let rng { xmlRelaxNGFree(rng) }
    }

    /// Validates a document read from memory, streaming; returns every problem found
    /// (well-formedness and validity), empty when the document is valid.
    public func validate(_ bytes: [UInt8], file: String, limits: Limits = Limits()) -> [Diagnostic] {
        guard bytes.count <= limits.maximumDocumentSize else {
            return [Diagnostic(file: file, severity: .error, message: limits.documentTooLargeMessage, rule: "xml")]
        }
        return validate(.bytes(bytes), file: file)
    }

    /// Validates the document at `path`, streaming from disk.
    public func validate(fileAt path: String, displayName: String? = nil) -> [Diagnostic] {
        validate(.file(path), file: displayName ?? path)
    }

    /// Validates a document from any input, streaming.
    public func validate(_ input: XMLInput, file: String) -> [Diagnostic] {
        run(file: file) { OpenedReader.open(input, name: file, bounds: MarkupGuard.validation) }
    }

    /// Attaches this schema to a reader, so validation happens as it reads.
    func attach(to reader: xmlTextReaderPtr) -> Bool {
        let rc: Int32 =
            xsd.map { xmlTextReaderSetSchema(reader, $0) } ?? rng.map { xmlTextReaderRelaxNGSetSchema(reader, $0) }
            ?? -1
        return rc == 0
    }

    private func run(file: String, open: () -> OpenedReader?) -> [Diagnostic] {
        let collector = ErrorCollector(file: file)
        return collector.capturing {
            guard let opened = open() else {
                return [Diagnostic(file: file, severity: .error, message: "cannot be opened", rule: "xml")]
            }
            let reader = opened.reader
            xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.handler, collector.context)
            let rc: Int32 =
                xsd.map { xmlTextReaderSetSchema(reader, $0) } ?? rng.map { xmlTextReaderRelaxNGSetSchema(reader, $0) }
                ?? -1
            if rc != 0 {
                return [
                    Diagnostic(
                        file: file, severity: .error, message: "cannot attach the schema to the reader", rule: "schema")
                ]
            }
            var status: Int32 = 1
            while status == 1 {
                status = xmlTextReaderRead(reader)
                if status == 1 && xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue),
                    let problem = LibXML.doctypeProblem(reader)
                {
                    return [
                        Diagnostic(
                            file: file, line: Int(xmlTextReaderGetParserLineNumber(reader)), severity: .error,
                            message: problem, rule: "xml.hostile")
                    ]
                }
            }
            if status < 0, let refusal = opened.input.refusalDiagnostic(file: file) { return [refusal] }
            let valid = xmlTextReaderIsValid(reader)
            var out = Self.deduplicated(collector.diagnostics)
            if status < 0 && !out.contains(where: { $0.severity == .error }) {
                out.append(
                    Diagnostic(file: file, severity: .error, message: "document is not well-formed", rule: "xml"))
            } else if valid == 0 && !out.contains(where: { $0.severity == .error }) {
                out.append(
                    Diagnostic(
                        file: file, severity: .error, message: "document is not valid against \(path)", rule: "schema"))
            }
            return out
        }
    }

    /// Validates a document piece by piece, for grammars whose validators slow down
    /// on long documents (libxml2's RELAX NG on a whole Atom feed): every child of the
    /// root named `split` (e.g. each Atom `entry`) is validated as a document of its own,
    /// then the root with its other children (the feed's head). Memory stays flat.
    public func validate(_ input: XMLInput, file: String, splittingAt split: (namespace: String, localName: String))
        -> [Diagnostic]
    {
        let collector = ErrorCollector(file: file)
        return collector.capturing {
            guard let opened = OpenedReader.open(input, name: file, bounds: MarkupGuard.validation) else {
                return [Diagnostic(file: file, severity: .error, message: "cannot be opened", rule: "xml")]
            }
            let reader = opened.reader
            xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.handler, collector.context)
            var head: xmlDocPtr?
            defer { if let head { xmlFreeDoc(head) } }
            var headRoot: xmlNodePtr?
            var headLines: [UnsafeMutableRawPointer: Int] = [:]
            var seenSplit = false
            var status = xmlTextReaderRead(reader)
            while status == 1 {
                let type = xmlTextReaderNodeType(reader)
                let depth = xmlTextReaderDepth(reader)
                if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), let problem = LibXML.doctypeProblem(reader) {
                    return [
                        Diagnostic(
                            file: file, line: Int(xmlTextReaderGetParserLineNumber(reader)), severity: .error,
                            message: problem, rule: "xml.hostile")
                    ]
                }
                guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) else {
                    status = xmlTextReaderRead(reader)
                    continue
                }
                if depth == 0 {
                    guard let node = xmlTextReaderCurrentNode(reader), let doc = xmlNewDoc("1.0") else { break }
                    head = doc
                    headRoot = xmlDocCopyNode(node, doc, 2)
                    if let headRoot {
                        xmlDocSetRootElement(doc, headRoot)
                        headLines[UnsafeMutableRawPointer(headRoot)] = Int(xmlGetLineNo(node))
                    }
                    status = xmlTextReaderRead(reader)
                    continue
                }
                if depth == 1 {
                    guard let node = xmlTextReaderExpand(reader) else {
                        status = -1
                        break
                    }
                    let name = LibXML.copyString(xmlTextReaderConstLocalName(reader)) ?? ""
                    let ns = LibXML.copyString(xmlTextReaderConstNamespaceUri(reader)) ?? ""
                    if name == split.localName && ns == split.namespace {
                        if let doc = xmlNewDoc("1.0") {
                            if let copy = xmlDocCopyNode(node, doc, 1) {
                                xmlDocSetRootElement(doc, copy)
                                Self.mapLines(from: node, to: copy, into: &collector.lineOfNode)
                            }
                            collector.defaultLine = Int(xmlGetLineNo(node))
                            validateTree(doc, collector: collector)
                            xmlFreeDoc(doc)
                            collector.lineOfNode.removeAll(keepingCapacity: true)
                        }
                        seenSplit = true
                    } else if let headRoot, let head {
                        if seenSplit {
                            // The grammar (RFC 4287's atomFeed) puts every other child before the first entry.
                            collector.diagnostics.append(
                                Diagnostic(
                                    file: file, line: Int(xmlGetLineNo(node)), severity: .error,
                                    message:
                                        "Element \(name) comes after the first \(split.localName); it must come before it",
                                    rule: "schema"))
                        }
                        if let copy = xmlDocCopyNode(node, head, 1) {
                            Self.mapLines(from: node, to: copy, into: &headLines)
                            xmlAddChild(headRoot, copy)
                        }
                    }
                    status = xmlTextReaderNext(reader)
                    continue
                }
                status = xmlTextReaderRead(reader)
            }
            if status < 0, let refusal = opened.input.refusalDiagnostic(file: file) { return [refusal] }
            if status < 0 {
                var out = Self.deduplicated(collector.diagnostics)
                if !out.contains(where: { $0.severity == .error }) {
                    out.append(
                        Diagnostic(file: file, severity: .error, message: "document is not well-formed", rule: "xml"))
                }
                return out
            }
            if let head {
                collector.lineOfNode = headLines
                collector.defaultLine = headRoot.map { headLines[UnsafeMutableRawPointer($0)] ?? 0 } ?? 0
                validateTree(head, collector: collector)
            }
            return Self.deduplicated(collector.diagnostics)
        }
    }

    /// Records, for every element of `copy`, the line of its original in `source`.
    static func mapLines(from source: xmlNodePtr, to copy: xmlNodePtr, into map: inout [UnsafeMutableRawPointer: Int]) {
        var stack: [(xmlNodePtr, xmlNodePtr)] = [(source, copy)]
        while let (s, c) = stack.popLast() {
            map[UnsafeMutableRawPointer(c)] = Int(xmlGetLineNo(s))
            var sc = s.pointee.children
            var cc = c.pointee.children
            while let a = sc, let b = cc {
                if a.pointee.type == XML_ELEMENT_NODE { stack.append((a, b)) }
                sc = a.pointee.next
                cc = b.pointee.next
            }
        }
    }

    private func validateTree(_ doc: xmlDocPtr, collector: ErrorCollector) {
        if let rng {
            guard let ctxt = xmlRelaxNGNewValidCtxt(rng) else { return }
            defer { xmlRelaxNGFreeValidCtxt(ctxt) }
            xmlRelaxNGSetValidStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
            _ = xmlRelaxNGValidateDoc(ctxt, doc)
        } else if let xsd {
            guard let ctxt = xmlSchemaNewValidCtxt(xsd) else { return }
            defer { xmlSchemaFreeValidCtxt(ctxt) }
            xmlSchemaSetValidStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
            _ = xmlSchemaValidateDoc(ctxt, doc)
        }
    }

    public static func deduplicated(_ list: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return list.filter { seen.insert($0).inserted }
    }
}

/// Bounds on what wirefeed reads, to keep hostile or broken input from exhausting memory.
public struct Limits: Sendable {
    /// Largest document, in bytes.
    public var maximumDocumentSize: Int = 1 << 31 - 1
    /// Largest text in one element, in bytes (libxml2 refuses single text nodes over 10 MB anyway).
    public var maximumTextSize: Int = 16 << 20

    /// Elements, attributes and text nodes in one item (or channel head, or any element read whole):
    /// what memory holds at once. A long XHTML article has a few thousand.
    public var maximumItemNodes: Int = 100_000

    public init(
        maximumDocumentSize: Int = 1 << 31 - 1, maximumTextSize: Int = 16 << 20, maximumItemNodes: Int = 100_000
    ) {
        self.maximumDocumentSize = maximumDocumentSize
        self.maximumTextSize = maximumTextSize
        self.maximumItemNodes = maximumItemNodes
    }

    /// What is said of a document over `maximumDocumentSize`, however it was read.
    var documentTooLargeMessage: String { "document is larger than the limit of \(maximumDocumentSize) bytes" }

    func documentTooLarge(_ file: String) -> XMLError { XMLError(.tooLarge, file: file, "\(documentTooLargeMessage)") }
}
