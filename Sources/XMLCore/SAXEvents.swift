internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// libxml2's SAX2 parser, fed a chunk at a time, its events kept in flat arrays for
/// ``XMLStreamReader`` to step through: the same forward-only reading as `xmlTextReader`
/// without the node that the text reader builds and frees for every element, text and
/// attribute (about half of its time).
///
/// The input is untrusted, as everywhere: no network, no DTD loaded, no entity expanded
/// (a DOCTYPE that declares entities, names an external DTD or an entity reference
/// in the content stops the parse with the same errors the text reader path gives).
///
/// What differs from the text reader, by design: `<a></a>` in one chunk is reported like
/// `<a/>` (an empty element), and a text node may come as two consecutive text events
/// when a chunk ends inside it. Every reader of this project concatenates adjacent text.
final class SAXEventSource {
    struct Event {
        var kind: XMLStreamReader.NodeKind
        var isEmpty = false
        var depth: Int32
        var line: Int32
        /// Indexes into ``State/strings`` (0 = "").
        var name: Int32 = 0
        var namespace: Int32 = 0
        var prefix: Int32 = 0
        /// `xml:lang` in scope (-1: none).
        var lang: Int32 = -1
        /// Text: range in ``State/bytes``. Element: range in ``State/attributes``.
        var start: Int32
        var count: Int32
    }

    struct Attribute {
        var name: Int32
        var namespace: Int32
        /// Range of the value in ``State/bytes``.
        var start: Int32
        var count: Int32
    }

    /// Everything the callbacks change, behind one pointer: libxml2 calls back into it some
    /// forty times per item, and through a pointer Swift does not check each access for
    /// exclusivity at run time as it does for a class's stored properties.
    struct State {
        var events: [Event] = []
        var attributes: [Attribute] = []
        var bytes: [UInt8] = []
        /// Names, namespace URIs, prefixes and languages, each made a Swift string once.
        var strings: [String] = [""]
        var byPointer: [UnsafeRawPointer: Int32] = [:]
        /// A direct-mapped cache in front of `byPointer` (most names repeat on every item).
        var cachedPointers = [UnsafeRawPointer?](repeating: nil, count: 256)
        var cachedIndexes = [Int32](repeating: 0, count: 256)
        var byContent: [String: Int32] = ["": 0]
        var langs: [Int32] = []
        /// Name and line of each open element (to say where a cut-off document ends).
        var openNames: [Int32] = []
        var openPrefixes: [Int32] = []
        var openLines: [Int32] = []
        var depth: Int32 = 0
        /// Whether the last event is text that more characters extend.
        var textOpen = false
        /// Bytes of text since the last tag, comment or CDATA section, across chunks (one text
        /// node, as the text reader sees it; libxml2 bounds those, not CDATA sections).
        var textRun = 0
        var textRunIsCDATA = false
        /// The event the reader is on (-1: none yet in this chunk).
        var position = -1
        var xmlNamespace: Int32 = 0
        var langName: Int32 = 0
        var ctxt: xmlParserCtxtPtr?
        let file: String
        let limits: Limits
        let allowedPublicDTDs: Set<String>
        let collector: ErrorCollector
        /// A problem found in a callback (hostile DTD, entity reference, text too long).
        var stop: XMLError?
        var notes: [Diagnostic] = []

        init(file: String, limits: Limits, allowedPublicDTDs: Set<String>, collector: ErrorCollector) {
            self.file = file
            self.limits = limits
            self.allowedPublicDTDs = allowedPublicDTDs
            self.collector = collector
            xmlNamespace = intern("http://www.w3.org/XML/1998/namespace")
            langName = intern("lang")
        }

        var line: Int32 {
            guard let input = ctxt?.pointee.input else { return 0 }
            return input.pointee.line
        }

        /// Names, namespaces and languages are kept for the whole parse; a document that makes
        /// up new ones without end has them forgotten between chunks (those in use kept).
        mutating func forgetStringsIfMany() {
            guard strings.count > 10_000 else { return }
            let open = langs.map { $0 < 0 ? nil : strings[Int($0)] }
            let names = openNames.map { strings[Int($0)] }
            let prefixes = openPrefixes.map { strings[Int($0)] }
            strings = [""]
            byContent = ["": 0]
            byPointer = [:]
            cachedPointers = Array(repeating: nil, count: cachedPointers.count)
            xmlNamespace = intern("http://www.w3.org/XML/1998/namespace")
            langName = intern("lang")
            langs = open.map { $0.map { intern($0) } ?? -1 }
            openNames = names.map { intern($0) }
            openPrefixes = prefixes.map { intern($0) }
        }

        /// Stops on hostile input.
        mutating func refuse(_ reason: String) {
            halt(XMLError(.hostile, file: file, line: Int(line), "\(reason)", diagnostics: collector.diagnostics))
        }

        mutating func halt(_ error: XMLError) {
            if stop == nil { stop = error }
            if let ctxt { xmlStopParser(ctxt) }
        }

        /// The text at `start..<start + count` of `bytes` (static: the accessors reach `bytes`
        /// through the state's pointer, and a method called on `pointee` copies the whole state).
        static func text(_ bytes: [UInt8], start: Int32, count: Int32) -> String {
            bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)]), as: UTF8.self)
            }
        }

        mutating func intern(_ s: String) -> Int32 {
            if let i = byContent[s] { return i }
            strings.append(s)
            let i = Int32(strings.count - 1)
            byContent[s] = i
            return i
        }

        /// Names from libxml2's dictionary keep their address for the whole parse, so they
        /// are looked up by address; anything else by content.
        mutating func intern(_ p: UnsafePointer<xmlChar>?) -> Int32 {
            guard let p else { return 0 }
            let key = UnsafeRawPointer(p)
            let slot = Int(truncatingIfNeeded: UInt(bitPattern: key) >> 3) & 255
            if cachedPointers[slot] == key { return cachedIndexes[slot] }
            let i: Int32
            if let known = byPointer[key] {
                i = known
            } else {
                i = intern(String(cString: p))
                guard let dict = ctxt?.pointee.dict, xmlDictOwns(dict, p) == 1 else { return i }
                if byPointer.count < 4096 { byPointer[key] = i }
            }
            cachedPointers[slot] = key
            cachedIndexes[slot] = i
            return i
        }

        /// libxml2's own bound on nesting, which its push parser does not check.
        static let maximumDepth: Int32 = 256
        /// libxml2's bound on one text node (XML_MAX_TEXT_LENGTH), which its SAX interface leaves to the handler.
        static let maximumTextNode = 10_000_000

        /// The local name, or for a prefix no declaration binds (a namespace error libxml2
        /// reports and reads on), the whole `prefix:name` without a namespace, as the text reader names it.
        mutating func name(
            _ localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
        ) -> Int32 {
            guard let prefix, uri == nil, let localName else { return intern(localName) }
            return intern(String(cString: prefix) + ":" + String(cString: localName))
        }

        /// `count`: the attributes written in the tag (libxml2 appends those an `<!ATTLIST>`
        /// defaults after them; the text reader leaves those out, and so does this).
        mutating func start(
            _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
            _ count: Int, _ values: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        ) {
            if depth > State.maximumDepth {
                halt(
                    XMLError(
                        .notWellFormed, file: file, line: Int(line),
                        "elements nested more than \(State.maximumDepth) deep",
                        diagnostics: collector.diagnostics))
                return
            }
            textOpen = false
            textRun = 0
            var lang = langs.last ?? -1
            let first = Int32(attributes.count)
            if let values, count > 0 {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                for k in 0..<count {
                    let name = name(values[5 * k], prefix: values[5 * k + 1], uri: values[5 * k + 2])
                    let namespace = intern(values[5 * k + 2])
                    guard let from = values[5 * k + 3], let to = values[5 * k + 4] else { continue }
                    let start = Int32(bytes.count)
                    appendAttributeValue(UnsafeBufferPointer(start: from, count: to - from))
                    attributes.append(
                        Attribute(name: name, namespace: namespace, start: start, count: Int32(bytes.count) - start))
                    if namespace == xmlNamespace && name == langName {
                        lang = intern(State.text(bytes, start: start, count: Int32(bytes.count) - start))
                    }
                }
            }
            langs.append(lang)
            let name = name(localName, prefix: prefix, uri: uri)
            let prefix = uri == nil ? 0 : intern(prefix)
            let line = line
            openNames.append(name)
            openPrefixes.append(prefix)
            openLines.append(line)
            events.append(
                Event(
                    kind: .element, depth: depth, line: line, name: name, namespace: intern(uri), prefix: prefix,
                    lang: lang, start: first, count: Int32(attributes.count) - first))
            depth += 1
        }

        /// An attribute value as libxml2 hands it over without entity substitution: a `&` of the
        /// document (`&amp;`, `&#38;`) arrives as the text `&#38;`, and only so. Turned back.
        mutating func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>) {
            guard let base = value.baseAddress, memchr(base, 0x26, value.count) != nil else {
                bytes.append(contentsOf: value)
                return
            }
            var i = 0
            while i < value.count {
                if value[i] == 0x26, i + 4 < value.count, value[i + 1] == 0x23, value[i + 2] == 0x33,
                    value[i + 3] == 0x38, value[i + 4] == 0x3B
                {
                    bytes.append(0x26)
                    i += 5
                } else {
                    bytes.append(value[i])
                    i += 1
                }
            }
        }

        mutating func end(
            _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
        ) {
            textOpen = false
            textRun = 0
            depth -= 1
            let lang = langs.removeLast()
            openNames.removeLast()
            let openPrefix = openPrefixes.removeLast()
            openLines.removeLast()
            // <a/> (and <a></a> within one chunk): one empty element, as xmlTextReader reports <a/>.
            let last = events.count - 1
            if last > position, events[last].kind == .element, events[last].depth == depth {
                events[last].isEmpty = true
                return
            }
            events.append(
                Event(
                    kind: .endElement, depth: depth, line: line, name: name(localName, prefix: prefix, uri: uri),
                    namespace: intern(uri), prefix: openPrefix, lang: lang, start: 0, count: 0))
        }

        /// White space as XML counts it (what libxml2 reports as a white-space node).
        static func isXMLBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in text where b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D { return false }
            return true
        }

        mutating func characters(_ p: UnsafePointer<xmlChar>, _ count: Int, cdata: Bool) {
            let text = UnsafeBufferPointer(start: p, count: count)
            if cdata != textRunIsCDATA {
                textRun = 0
                textRunIsCDATA = cdata
            }
            textRun += count
            // The element's whole text is bounded by readElement (--max-text-size), for the
            // elements that are read; this is libxml2's own bound on one text node.
            if !cdata && textRun > State.maximumTextNode {
                tooLarge()
                return
            }
            let last = events.count - 1
            if textOpen, last > position, (events[last].kind == .cdata) == cdata {
                bytes.append(contentsOf: text)
                events[last].count += Int32(count)
                if events[last].kind == .whitespace && !State.isXMLBlank(text) { events[last].kind = .text }
                return
            }
            let start = Int32(bytes.count)
            bytes.append(contentsOf: text)
            let kind: XMLStreamReader.NodeKind = cdata ? .cdata : (State.isXMLBlank(text) ? .whitespace : .text)
            events.append(
                Event(kind: kind, depth: depth, line: line, lang: langs.last ?? -1, start: start, count: Int32(count)))
            textOpen = true
        }

        mutating func endText() {
            textOpen = false
            textRun = 0
        }

        mutating func tooLarge() {
            halt(
                XMLError(
                    .tooLarge, file: file, line: Int(line), "a text node holds more than \(State.maximumTextNode) bytes"
                ))
        }

        mutating func doctype(publicID: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?) {
            guard let systemID else { return }
            if let publicID, allowedPublicDTDs.contains(String(cString: publicID)) {
                notes.append(
                    Diagnostic(
                        file: file, line: Int(line), severity: .warning,
                        message: "DOCTYPE \(String(cString: publicID)) ignored (never loaded)", rule: "xml.doctype"))
                return
            }
            refuse(LibXML.Refusal.externalDTD(String(cString: systemID)))
        }
    }

    /// Read directly by ``XMLStreamReader``'s accessors (no reference counting per access).
    let state: UnsafeMutablePointer<State>
    private let input: XMLInput
    private var fd: Int32 = -1
    private var offset = 0
    private var chunk: [CChar]
    private var finished = false
    private var pending: XMLError?
    /// Attributes counted before libxml2 parses a tag (it compares each with all before it).
    private var guardian = MarkupGuard(bounds: MarkupGuard.Bounds())

    init(
        _ input: XMLInput, file: String, limits: Limits, allowedPublicDTDs: Set<String>, collector: ErrorCollector,
        chunkSize: Int
    ) throws {
        self.input = input
        chunk = [CChar](repeating: 0, count: max(chunkSize, 1))
        LibXML.ensureInitialized()
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(file: file, limits: limits, allowedPublicDTDs: allowedPublicDTDs, collector: collector))
        if case .file(let path) = input {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw XMLError(.io, file: file, "cannot be opened") }
        }
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = SAXEventSource.onStart
        handler.endElementNs = SAXEventSource.onEnd
        handler.characters = SAXEventSource.onCharacters
        handler.ignorableWhitespace = SAXEventSource.onCharacters
        handler.cdataBlock = SAXEventSource.onCDATA
        handler.internalSubset = SAXEventSource.onDoctype
        handler.entityDecl = SAXEventSource.onEntityDeclaration
        handler.unparsedEntityDecl = SAXEventSource.onUnparsedEntityDeclaration
        handler.reference = SAXEventSource.onReference
        handler.comment = SAXEventSource.onComment
        handler.processingInstruction = SAXEventSource.onProcessingInstruction
        // libxml2 tells the encoding from the first four bytes (a BOM, `<?xm`): they are
        // gathered first, then the rest goes through xmlParseChunk.
        var head: [CChar] = []
        var status = 1
        while head.count < 4 {
            status = readChunk()
            if status <= 0 { break }
            head += chunk[0..<status]
        }
        let first = min(head.count, 4)
        if let violation = head.withUnsafeBufferPointer({
            $0.withMemoryRebound(to: UInt8.self) { guardian.scan(UnsafeBufferPointer(rebasing: $0[0..<first])) }
        }) {
            throw guardian.error(violation, file: file)
        }
        guard
            let ctxt = head.withUnsafeBufferPointer({
                xmlCreatePushParserCtxt(&handler, state, $0.baseAddress, Int32(first), file)
            })
        else {
            throw XMLError(.io, file: file, "cannot be opened")
        }
        state.pointee.ctxt = ctxt
        xmlCtxtUseOptions(ctxt, LibXML.safeOptions)
        if status < 0 {
            pending = readFailure()
            finished = true
        } else if head.count > first {
            head.withUnsafeBufferPointer { parse(UnsafeBufferPointer(rebasing: $0[first...])) }
        } else if status == 0 {
            parse(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    deinit {
        if let ctxt = state.pointee.ctxt {
            // libxml2 makes a document of its own to keep entity declarations in when the
            // handler keeps none ("SAX compatibility mode"); the context does not free it.
            if let doc = ctxt.pointee.myDoc {
                xmlFreeDoc(doc)
                ctxt.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(ctxt)
        }
        state.deinitialize(count: 1)
        state.deallocate()
        if fd >= 0 { close(fd) }
    }

    var notes: [Diagnostic] { state.pointee.notes }

    /// Moves to the next event; false at the end of the document. Events are delivered only
    /// after the chunk that made them was parsed whole, so an empty element is known as such.
    func advance() throws -> Bool {
        if state.pointee.position + 1 < state.pointee.events.count {
            state.pointee.position += 1
            return true
        }
        while true {
            if finished {
                state.pointee.position = state.pointee.events.count
                if let pending { throw pending }
                return false
            }
            state.pointee.events.removeAll(keepingCapacity: true)
            state.pointee.attributes.removeAll(keepingCapacity: true)
            state.pointee.bytes.removeAll(keepingCapacity: true)
            state.pointee.textOpen = false
            state.pointee.position = -1
            state.pointee.forgetStringsIfMany()
            let n = readChunk()
            if n < 0 {
                pending = readFailure()
                finished = true
            } else {
                chunk.withUnsafeBufferPointer { parse(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            }
            if !state.pointee.events.isEmpty {
                state.pointee.position = 0
                return true
            }
        }
    }

    // MARK: Feeding libxml2

    /// Reads the next chunk of input into `chunk`: its length, 0 at the end, -1 on failure.
    private func readChunk() -> Int {
        switch input {
        case .bytes(let all):
            let n = min(chunk.count, all.count - offset)
            guard n > 0 else { return 0 }
            chunk.withUnsafeMutableBytes { dst in
                all.withUnsafeBytes { src in dst.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                }
            }
            offset += n
            return n
        case .file:
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                return n
            }
        case .stream(let stream):
            return chunk.withUnsafeMutableBufferPointer { Int(stream.read(into: $0.baseAddress!, count: $0.count)) }
        }
    }

    private func readFailure() -> XMLError {
        if case .stream(let stream) = input, stream.exceededLimit {
            return state.pointee.limits.documentTooLarge(state.pointee.file)
        }
        return XMLError(.io, file: state.pointee.file, "cannot be read (\(String(cString: strerror(errno))))")
    }

    /// Hands bytes to libxml2 (none: the end of the input).
    private func parse(_ bytes: UnsafeBufferPointer<CChar>) {
        guard let ctxt = state.pointee.ctxt else { return }
        if let violation = bytes.withMemoryRebound(to: UInt8.self, { guardian.scan($0) }) {
            pending = guardian.error(violation, file: state.pointee.file)
            finished = true
            return
        }
        let terminate: Int32 = bytes.isEmpty ? 1 : 0
        let rc = state.pointee.collector.capturing {
            xmlParseChunk(ctxt, bytes.baseAddress, Int32(bytes.count), terminate)
        }
        if let stop = state.pointee.stop {
            pending = stop
            finished = true
        } else if ctxt.pointee.wellFormed == 0 || rc != 0 {
            // A failed conversion from the declared encoding halts libxml2 with a code but
            // no error (as the text reader does, any code is a failure).
            pending = failure(code: rc, atEnd: terminate == 1)
            finished = true
        } else if terminate == 1 {
            finished = true
        }
    }

    private func failure(code: Int32, atEnd: Bool) -> XMLError {
        let collector = state.pointee.collector
        let file = state.pointee.file
        let line = state.pointee.line
        // A document cut off inside an element: libxml2 says "Extra content at the end of
        // the document"; say what is open instead.
        if atEnd, state.pointee.ctxt?.pointee.errNo == Int32(XML_ERR_DOCUMENT_END.rawValue),
            let name = state.pointee.openNames.last,
            let prefix = state.pointee.openPrefixes.last, let opened = state.pointee.openLines.last
        {
            let element =
                (prefix == 0 ? "" : state.pointee.strings[Int(prefix)] + ":") + state.pointee.strings[Int(name)]
            return XMLError(
                .notWellFormed,
                file: file, line: Int(line),
                "the document ends inside <\(element)> (opened on line \(opened)): it is cut off",
                diagnostics: collector.diagnostics)
        }
        if let first = collector.firstError(lineWhereNone: Int(line)) { return first }
        return XMLError(
            .notWellFormed,
            file: file, line: Int(line),
            "document is not well-formed or not in its declared encoding (libxml2 error \(code))",
            diagnostics: collector.diagnostics)
    }

    // MARK: Callbacks

    private static func state(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<State> {
        ctx!.assumingMemoryBound(to: State.self)
    }

    private static let onStart: startElementNsSAX2Func = {
        ctx, localName, prefix, uri, _, _, count, defaulted, values in
        state(ctx).pointee.start(localName, prefix, uri, Int(count) - Int(defaulted), values)
    }

    private static let onEnd: endElementNsSAX2Func = { ctx, localName, prefix, uri in
        state(ctx).pointee.end(localName, prefix, uri)
    }

    private static let onCharacters: charactersSAXFunc = { ctx, p, count in
        guard let p, count > 0 else { return }
        state(ctx).pointee.characters(p, Int(count), cdata: false)
    }

    private static let onCDATA: cdataBlockSAXFunc = { ctx, p, count in
        guard let p, count > 0 else { return }
        state(ctx).pointee.characters(p, Int(count), cdata: true)
    }

    private static let onDoctype: internalSubsetSAXFunc = { ctx, _, publicID, systemID in
        state(ctx).pointee.doctype(publicID: publicID, systemID: systemID)
    }

    private static let onEntityDeclaration: entityDeclSAXFunc = { ctx, _, _, _, _, _ in
        state(ctx).pointee.refuse(LibXML.Refusal.entities)
    }

    /// A comment or processing instruction ends a text node (the text reader reports the
    /// text on either side as two nodes, each under libxml2's bound).
    private static let onComment: commentSAXFunc = { ctx, _ in
        state(ctx).pointee.endText()
    }

    private static let onProcessingInstruction: processingInstructionSAXFunc = { ctx, _, _ in
        state(ctx).pointee.endText()
    }

    private static let onUnparsedEntityDeclaration: unparsedEntityDeclSAXFunc = { ctx, _, _, _, _ in
        state(ctx).pointee.refuse(LibXML.Refusal.entities)
    }

    private static let onReference: referenceSAXFunc = { ctx, _ in
        state(ctx).pointee.refuse(LibXML.Refusal.entityReference)
    }
}
