internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide libxml2 set-up, done exactly once before any libxml2 call.
enum LibXML {
    static let initialized: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        xmlRelaxNGInitTypes()
        xmlSetExternalEntityLoader(EntityLoader.loader)
        // Nothing from libxml2 goes to stderr on its own (some encoder paths report through the
        // generic handler, e.g. "Chunk: encoder error"): problems arrive through the structured
        // handlers or as return codes, and wirefeed reports them itself.
        wf_silenceGenericErrors()
        // Never call xmlCleanupParser(): other threads may still use libxml2.
        return true
    }()

    static func ensureInitialized() {
        precondition(initialized)
    }

    /// Parser options for untrusted input: no network, no DTD loading, no entity
    /// substitution, errors reported only through structured handlers. (Not NOCDATA:
    /// with a schema attached, libxml2 2.9's reader then drops CDATA text altogether.)
    static let safeOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue
    )

    /// What a document's DOCTYPE asks for, if it has one: external DTDs are never
    /// loaded and DTD entities never expanded, so wirefeed refuses both outright.
    static func doctypeProblem(_ reader: xmlTextReaderPtr) -> String? {
        // Not xmlTextReaderCurrentDoc: after it the reader no longer frees the document (a leak
        // the fuzzer found). The current (DOCTYPE) node knows its document.
        guard let doc = xmlTextReaderCurrentNode(reader)?.pointee.doc else { return nil }
        return doctypeProblem(doc)
    }

    static func doctypePublicID(_ reader: xmlTextReaderPtr) -> String? {
        guard let doc = xmlTextReaderCurrentNode(reader)?.pointee.doc, let dtd = doc.pointee.intSubset,
            let id = dtd.pointee.ExternalID
        else { return nil }
        return String(cString: id)
    }

    static func doctypeProblem(_ doc: xmlDocPtr) -> String? {
        guard let dtd = doc.pointee.intSubset else { return nil }
        if dtd.pointee.entities != nil || dtd.pointee.pentities != nil { return Refusal.entities }
        if let system = dtd.pointee.SystemID { return Refusal.externalDTD(String(cString: system)) }
        return nil
    }

    /// Why hostile input is refused, in the same words whichever engine reads it.
    enum Refusal {
        static let entities =
            "the document declares DTD entities; wirefeed never expands them (possible entity expansion or external entity attack)"
        static let entityReference = "entity references are not expanded (DTD entities are refused)"
        static func externalDTD(_ system: String) -> String {
            "the DOCTYPE refers to an external DTD (\(system)), which wirefeed never loads"
        }
    }

    /// Copies a libxml2-owned string that must then be freed.
    static func takeString(_ p: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        defer { wf_xmlFree(p) }
        return String(cString: p)
    }

    /// Copies a libxml2 string it keeps owning.
    static func copyString(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}

/// The process's external entity loader: refuses everything (files and network)
/// except local files while a schema is being compiled on the calling thread.
enum EntityLoader {
    nonisolated(unsafe) static var key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// While a built-in schema compiles on this thread: the files it may load, by name.
    nonisolated(unsafe) static var builtInKey: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static let loader: xmlExternalEntityLoader = { url, id, ctxt in
        guard let url else { return nil }
        if let table = pthread_getspecific(EntityLoader.builtInKey) {
            // A built-in schema loads only its own files (by last path component), never disk.
            let files = Unmanaged<BuiltInFiles>.fromOpaque(table).takeUnretainedValue().files
            let s = String(cString: url)
            let name = String(s.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "")
            guard let text = files[name] else { return nil }
            return text.withUTF8Buffer { b in
                b.withMemoryRebound(to: CChar.self) { wf_staticInput(ctxt, url, $0.baseAddress, Int32($0.count)) }
            }
        }
        guard pthread_getspecific(EntityLoader.key) != nil else { return nil }
        let s = String(cString: url)
        if s.contains("://") && !s.hasPrefix("file://") { return nil }
        return wf_noNetLoad(url, id, ctxt)
    }

    /// Runs `body` with only `files` loadable on this thread (a built-in schema's compilation).
    static func servingBuiltIn<T>(_ files: [String: StaticString], _ body: () throws -> T) rethrows -> T {
        let box = BuiltInFiles(files)
        let k = builtInKey
        pthread_setspecific(k, Unmanaged.passUnretained(box).toOpaque())
        defer {
            pthread_setspecific(k, nil)
            withExtendedLifetime(box) {}
        }
        return try body()
    }

    /// Runs `body` with local file loads allowed on this thread (schema compilation only).
    static func allowingLocalFiles<T>(_ body: () throws -> T) rethrows -> T {
        let k = key
        pthread_setspecific(k, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(k, nil) }
        return try body()
    }
}

/// The files a built-in schema may load (their text lives as long as the process).
final class BuiltInFiles {
    let files: [String: StaticString]
    init(_ files: [String: StaticString]) { self.files = files }
}

/// Collects libxml2's structured errors into diagnostics for one file.
final class ErrorCollector {
    let file: String
    var diagnostics: [Diagnostic] = []
    var maximum = 200
    /// Lines of copied nodes (validation of copies reports the original's line).
    var lineOfNode: [UnsafeMutableRawPointer: Int] = [:]
    /// Line to report when libxml2 gives none (0 = none).
    var defaultLine = 0

    init(file: String) { self.file = file }

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ ctx: UnsafeMutableRawPointer?) -> ErrorCollector? {
        guard let ctx else { return nil }
        return Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue()
    }

    func add(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        let severity: Severity
        switch e.level {
        case XML_ERR_WARNING: severity = .warning
        case XML_ERR_NONE: severity = .info
        default: severity = .error
        }
        var message = e.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last?.isWhitespace == true { message.removeLast() }
        // One line: libxml2 sometimes appends details ("Bytes: 0xE9 ...") on a second line.
        message = message.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.joined(separator: " ")
        let rule: String
        switch Int32(e.domain) {
        case Int32(XML_FROM_SCHEMASV.rawValue), Int32(XML_FROM_SCHEMASP.rawValue): rule = "schema"
        case Int32(XML_FROM_RELAXNGV.rawValue), Int32(XML_FROM_RELAXNGP.rawValue): rule = "schema"
        default: rule = "xml"
        }
        guard diagnostics.count < maximum else { return }
        var line = Int(e.line)
        if let node = e.node {
            if let mapped = lineOfNode[node] {
                line = mapped
            } else {
                // The element's own (start) line: libxml2 reports simple-type errors where the element ends.
                let n = node.assumingMemoryBound(to: xmlNode.self)
                if n.pointee.type == XML_ELEMENT_NODE {
                    let l = Int(xmlGetLineNo(n))
                    if l > 0 { line = l }
                }
            }
        }
        if line == 0 { line = defaultLine }
        diagnostics.append(
            Diagnostic(
                file: file, line: line, column: Int(e.int2), severity: severity,
                message: message, rule: rule))
    }

    /// The C callback handed to libxml2.
    static let handler: xmlStructuredErrorFunc = { ctx, error in
        guard let error, let collector = ErrorCollector.from(ctx) else { return }
        collector.add(UnsafePointer(error))
    }

    /// The first error collected, as the error that stops reading; `lineWhereNone` stands in
    /// where libxml2 gave no line (a failed conversion from the encoding gives none).
    func firstError(lineWhereNone line: Int) -> XMLError? {
        guard var first = diagnostics.first(where: { $0.severity == .error }) else { return nil }
        if first.line == 0 { first.line = line }
        return XMLError(
            .notWellFormed, file: first.file, line: first.line, column: first.column, first.message,
            diagnostics: diagnostics)
    }

    /// Runs `body` with this collector as the thread's structured error handler.
    func capturing<T>(_ body: () throws -> T) rethrows -> T {
        xmlSetStructuredErrorFunc(context, ErrorCollector.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try body()
    }
}
