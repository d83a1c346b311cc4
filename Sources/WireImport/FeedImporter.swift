import Foundation
import TextKernel
public import WireFormats
public import WireModel
import WireValidate
public import XMLCore

/// Reads RSS 0.90–2.0, Atom 0.3/1.0 and NewsML-G2 into the article model, streaming
/// (libxml2's `xmlTextReader`): memory is bounded by the largest item, not the feed.
public enum FeedImporter {
    /// Known public DTD identifiers that real feeds carry and that are tolerated (never loaded).
    static let toleratedDTDs: Set<String> = ["-//Netscape Communications//DTD RSS 0.91//EN"]

    /// Imports a document; returns the warnings (with lines). Throws `XMLError` when the
    /// document cannot be read at all (not XML, not a feed, hostile, truncated).
    ///
    /// A document that is not well-formed is read again, repaired (`XMLRepair`), unless
    /// `options.recovers` is false: every item the strict reading handed on is handed on once,
    /// and each kind of repair is one warning.
    @discardableResult
    public static func run(
        _ input: XMLInput, file: String, options: ImportOptions = ImportOptions(), handler: any ImportHandler
    ) throws -> [Diagnostic] {
        let relay = Relay(handler)
        if options.recovers, case .stream(let stream) = input { stream.keepReadBytes(upTo: Recovery.streamKept) }
        do {
            return try readOnce(input, file: file, options: options, handler: relay)
        } catch let error as XMLError where options.recovers && error.mayBeRepaired && !isJSON(input) {
            return try Recovery.read(input, file: file, options: options, relay: relay, failure: error)
        }
    }

    static func readOnce(
        _ input: XMLInput, file: String, options: ImportOptions, handler: any ImportHandler
    ) throws -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        // 0. JSON Feed: JSON, not XML, read whole (within the input limit).
        if isJSON(input) {
            let bytes: [UInt8]
            switch input {
            case .bytes(let b): bytes = b
            case .file(let path):
                guard case .success(let b) = Files.read(path, limit: options.limits.maximumDocumentSize) else {
                    throw XMLError(.tooLarge, file: file, "cannot be read, or is larger than the input limit")
                }
                bytes = b
            case .stream(let s):
                guard let b = s.readAll(limit: options.limits.maximumDocumentSize) else {
                    throw XMLError(.tooLarge, file: file, "is larger than the input limit")
                }
                bytes = b
            }
            if let wanted = options.format, !wanted.isJSON {
                throw XMLError(.notWellFormed, file: file, line: 1, "this is JSON, not \(wanted.displayName) (--from)")
            }
            var context = ImportContext(file: file, options: options, handler: handler)
            try JSONDocuments.read(bytes, &context)
            return context.warnings
        }
        // 1. Encoding: no declaration, no BOM and bytes that are not UTF-8 -> windows-1252.
        let encoding = try sniffEncoding(input, file: file, warnings: &warnings)
        // 2. Format.
        var detectInput: XMLInput
        if case .stream(let stream) = input { detectInput = .bytes(stream.peek(1 << 16)) } else { detectInput = input }
        if let problem = DocumentValidator.notXML(detectInput) {
            throw XMLError(.notWellFormed, file: file, line: 1, "\(problem)")
        }
        let detected: DocumentFormat
        let rootNamespace: String
        while true {
            do {
                (detected, _, rootNamespace) = try DocumentFormat.detect(
                    XMLStreamReader(
                        detectInput, file: file, limits: options.limits, encoding: encoding,
                        allowedPublicDTDs: toleratedDTDs))
                break
            } catch let error as XMLError where error.code == .notWellFormed {
                // From a stream the format is told from its head, which a long prolog (a
                // comment, white space, a large attribute) can fill: look at more of it (16
                // MB at most; it is kept to be replayed) before believing the error.
                guard case .stream(let stream) = input, case .bytes(let head) = detectInput, head.count < 16 << 20,
                    let at = error.diagnostics.first(where: { $0.severity == .error })?.line,
                    at >= head.reduce(1, { $1 == 0x0A ? $0 + 1 : $0 })  // where the head ends, not earlier
                else { throw error }
                let more = stream.peek(head.count * 16)
                guard more.count > head.count else { throw error }
                detectInput = .bytes(more)
            }
        }
        if let wanted = options.format, !compatible(wanted, detected) {
            throw XMLError(
                .notWellFormed, file: file, line: 1,
                "this is \(detected.displayName), not \(wanted.displayName) (--from)")
        }
        // 3. Read.
        // Documents declared Latin-1 go through the text reader: their text is repaired node by
        // node, and SAX events may cut a text node in two where a chunk ends.
        let latin1 = declaresLatin1(detectInput)
        let reader = try XMLStreamReader(
            input, file: file, limits: options.limits, encoding: encoding, allowedPublicDTDs: toleratedDTDs,
            engine: latin1 ? .textReader : options.engine)
        reader.repairsMojibake = latin1
        var context = ImportContext(file: file, options: options, handler: handler)
        context.warnings = warnings
        try handler.begin(format: detected)
        switch detected {
        case .rss090, .rss091, .rss092, .rss10, .rss20:
            try RSSReader(format: detected, rootNamespace: rootNamespace).read(reader, &context)
        case .atom03, .atom10:
            try AtomReader(format: detected, rootNamespace: rootNamespace).read(reader, &context)
        case .newsml:
            try NewsMLReader().read(reader, &context)
        case .jsonfeed10, .jsonfeed11, .ninjs:
            break  // JSON is read above, never as XML
        }
        return context.warnings + reader.notes
    }

    /// Whether the input is JSON (a JSON Feed or ninjs), which is read as such and never repaired as XML.
    static func isJSON(_ input: XMLInput) -> Bool { JSONFeedReader.looksLikeJSON(input.head(64)) }

    /// Whether the XML declaration names a Latin-1 family encoding (where UTF-8 mislabelled as such is common).
    static func declaresLatin1(_ input: XMLInput) -> Bool {
        let head: [UInt8]
        switch input {
        case .bytes(let b): head = Array(b.prefix(200))
        case .file(let path):
            guard let h = FileHandle(forReadingAtPath: path) else { return false }
            head = [UInt8](h.readData(ofLength: 200))
            try? h.close()
        case .stream(let s): head = Array(s.peek(200).prefix(200))
        }
        let prolog = String(decoding: head, as: UTF8.self).lowercased()
        guard prolog.hasPrefix("<?xml"), let end = prolog.firstRange(of: "?>") else { return false }
        let decl = prolog[..<end.lowerBound]
        return ["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "iso-8859-15"].contains {
            decl.contains($0)
        }
    }

    /// The value of `encoding="…"` in an XML declaration's text, if any.
    static func declaredEncoding(_ declaration: Substring) -> String? {
        guard let key = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    static func compatible(_ wanted: DocumentFormat, _ detected: DocumentFormat) -> Bool {
        switch (wanted, detected) {
        case (.rss20, .rss090), (.rss20, .rss091), (.rss20, .rss092), (.rss20, .rss10): true
        case (.atom10, .atom03): true
        default: wanted == detected
        }
    }

    /// Imports a whole document into memory (convenient for small feeds and tests).
    public static func document(_ input: XMLInput, file: String, options: ImportOptions = ImportOptions()) throws -> (
        FeedDocument, [Diagnostic]
    ) {
        let collector = Collector()
        let warnings = try run(input, file: file, options: options, handler: collector)
        return (
            FeedDocument(format: collector.format?.rawValue, feed: collector.feed, articles: collector.articles),
            warnings
        )
    }

    final class Collector: ImportHandler {
        var format: DocumentFormat?
        var articles: [Article] = []
        var feed: Feed?
        func begin(format: DocumentFormat) { self.format = format }
        func article(_ article: Article) { articles.append(article) }
        func end(feed: Feed?) { self.feed = feed }
    }

    /// The encoding to force, if any: only when the document declares none, has no BOM,
    /// and is not valid UTF-8 (then it is read as windows-1252, with a warning).
    static func sniffEncoding(_ input: XMLInput, file: String, warnings: inout [Diagnostic]) throws -> String? {
        let head: [UInt8]
        switch input {
        case .bytes(let b): head = Array(b.prefix(1024))
        case .file(let path):
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw XMLError(.io, file: file, "cannot be opened")
            }
            head = [UInt8](h.readData(ofLength: 1024))
            try? h.close()
        case .stream(let s): head = Array(s.peek(1024).prefix(1024))
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            // The byte order mark says UTF-8 and a declaration says otherwise: libxml2 believes
            // the declaration and reads every accented letter as two. When the bytes are UTF-8
            // (the first megabyte decides) the mark wins, as in every browser, and the user is
            // told; bytes that are not UTF-8 are read as declared, as before. ASCII declared
            // over ASCII bytes is no contradiction.
            let prolog = String(decoding: head.dropFirst(3).prefix(200), as: UTF8.self)
            guard prolog.hasPrefix("<?xml"), let end = prolog.firstRange(of: "?>"),
                let declared = declaredEncoding(prolog[..<end.lowerBound]),
                !["utf-8", "utf8"].contains(declared.lowercased())
            else { return nil }
            var bytes = try firstMegabyte(input, file: file)
            if bytes.count == 1 << 20 { dropCutSequence(&bytes) }
            guard UTF8Check.firstInvalid(bytes) == nil else { return nil }
            if ["us-ascii", "ascii"].contains(declared.lowercased())
                && !bytes.dropFirst(3).contains(where: { $0 >= 0x80 })
            {
                return nil
            }
            warnings.append(
                Diagnostic(
                    file: file, line: 1, severity: .warning,
                    message: "the byte order mark says UTF-8 but the declaration says \(declared): read as UTF-8",
                    rule: "xml.encoding"))
            return "UTF-8"
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return nil }
        let prolog = String(decoding: head.prefix(200), as: UTF8.self)
        if prolog.hasPrefix("<?xml"), let end = prolog.firstRange(of: "?>"),
            prolog[..<end.lowerBound].contains("encoding")
        {
            return nil
        }
        // Undeclared: UTF-8 by the XML rules. Check that it is. The first megabyte decides (a
        // feed is not half Latin-1, half UTF-8); a later invalid byte is a clear error from the
        // parser, naming its line. A stream's megabyte is kept to be replayed.
        let invalid: Int?
        if case .bytes(let b) = input {
            invalid = UTF8Check.firstInvalid(b.prefix(1 << 20))
        } else {
            var data = try firstMegabyte(input, file: file)
            if data.count == 1 << 20 { dropCutSequence(&data) }
            invalid = UTF8Check.firstInvalid(data)
        }
        guard let badOffset = invalid else { return nil }
        warnings.append(
            Diagnostic(
                file: file, line: 1, severity: .warning,
                message: "no encoding declared and not valid UTF-8 (byte \(badOffset)): read as windows-1252",
                rule: "encoding"))
        return "windows-1252"
    }

    /// The first megabyte of the input (a stream's is kept to be replayed).
    static func firstMegabyte(_ input: XMLInput, file: String) throws -> [UInt8] {
        switch input {
        case .bytes(let b): return Array(b.prefix(1 << 20))
        case .file(let path):
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw XMLError(.io, file: file, "cannot be opened")
            }
            defer { try? h.close() }
            return [UInt8](h.readData(ofLength: 1 << 20))
        case .stream(let s): return s.peek(1 << 20)
        }
    }

    /// Drops a multi-byte sequence the end of a megabyte cut in two.
    static func dropCutSequence(_ data: inout [UInt8]) {
        var k = data.count - 1
        while k > data.count - 4 && data[k] & 0xC0 == 0x80 { k -= 1 }
        if data[k] >= 0xC0 { data.removeSubrange(k...) }
    }

}
