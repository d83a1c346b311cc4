internal import CLibXML2

/// A compiled XML Schema (XSD) or RELAX NG schema, compiled once and used for
/// any number of documents (also from several threads: libxml2's compiled schemas
/// are read-only; each validation gets its own context).
public final class Schema: @unchecked Sendable {
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
    public init(path: String) throws {
        LibXML.ensureInitialized()
        self.path = path
        let collector = ErrorCollector(file: path)
        if path.lowercased().hasSuffix(".rng") {
            kind = .relaxNG
            xsd = nil
            let compiled: xmlRelaxNGPtr? = EntityLoader.allowingLocalFiles { collector.capturing {
                guard let ctxt = xmlRelaxNGNewParserCtxt(path) else { return nil }
                defer { xmlRelaxNGFreeParserCtxt(ctxt) }
                xmlRelaxNGSetParserStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
                return xmlRelaxNGParse(ctxt)
            } }
            guard let compiled else { throw Self.failure(path, collector) }
            rng = compiled
        } else {
            kind = .xsd
            rng = nil
            let compiled: xmlSchemaPtr? = EntityLoader.allowingLocalFiles { collector.capturing {
                guard let ctxt = xmlSchemaNewParserCtxt(path) else { return nil }
                defer { xmlSchemaFreeParserCtxt(ctxt) }
                xmlSchemaSetParserStructuredErrors(ctxt, ErrorCollector.handler, collector.context)
                return xmlSchemaParse(ctxt)
            } }
            guard let compiled else { throw Self.failure(path, collector) }
            xsd = compiled
        }
    }

    private static func failure(_ path: String, _ collector: ErrorCollector) -> XMLError {
        let first = collector.diagnostics.first?.message ?? "cannot be read or is not a schema"
        return XMLError(.schema, "\(path): schema does not compile: \(first)", diagnostics: collector.diagnostics)
    }

    deinit {
        if let xsd { xmlSchemaFree(xsd) }
        if let rng { xmlRelaxNGFree(rng) }
    }

    /// Validates a document read from memory, streaming; returns every problem found
    /// (well-formedness and validity), empty when the document is valid.
    public func validate(_ bytes: [UInt8], file: String, limits: Limits = Limits()) -> [Diagnostic] {
        guard bytes.count <= limits.maximumDocumentSize else {
            return [Diagnostic(file: file, severity: .error, message: "document is larger than the limit of \(limits.maximumDocumentSize) bytes", rule: "xml")]
        }
        return bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { p in
                run(file: file) { xmlReaderForMemory(p, Int32(buf.count), file, nil, LibXML.safeOptions) }
            }
        }
    }

    /// Validates the document at `path`, streaming from disk.
    public func validate(fileAt path: String, displayName: String? = nil) -> [Diagnostic] {
        run(file: displayName ?? path) { xmlReaderForFile(path, nil, LibXML.safeOptions) }
    }

    private func run(file: String, open: () -> xmlTextReaderPtr?) -> [Diagnostic] {
        let collector = ErrorCollector(file: file)
        return collector.capturing {
            guard let reader = open() else {
                return [Diagnostic(file: file, severity: .error, message: "cannot be opened", rule: "xml")]
            }
            defer { xmlFreeTextReader(reader) }
            xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.handler, collector.context)
            let rc: Int32 = xsd.map { xmlTextReaderSetSchema(reader, $0) } ?? rng.map { xmlTextReaderRelaxNGSetSchema(reader, $0) } ?? -1
            if rc != 0 {
                return [Diagnostic(file: file, severity: .error, message: "cannot attach the schema to the reader", rule: "schema")]
            }
            var status: Int32 = 1
            while status == 1 {
                status = xmlTextReaderRead(reader)
            }
            let valid = xmlTextReaderIsValid(reader)
            var out = Self.deduplicated(collector.diagnostics)
            if status < 0 && !out.contains(where: { $0.severity == .error }) {
                out.append(Diagnostic(file: file, severity: .error, message: "document is not well-formed", rule: "xml"))
            } else if valid == 0 && !out.contains(where: { $0.severity == .error }) {
                out.append(Diagnostic(file: file, severity: .error, message: "document is not valid against \(path)", rule: "schema"))
            }
            return out
        }
    }

    static func deduplicated(_ list: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return list.filter { seen.insert($0).inserted }
    }
}

/// Bounds on what wirefeed reads, to keep hostile or broken input from exhausting memory.
public struct Limits: Sendable {
    /// Largest document, in bytes.
    public var maximumDocumentSize: Int = 1 << 31 - 1
    /// Largest text node, in bytes.
    public var maximumTextSize: Int = 64 << 20

    public init() {}
}
