internal import CLibXML2

/// A streaming XML writer on libxml2's `xmlTextWriter`.
///
/// The writer keeps a small in-memory buffer; ``drain(to:)`` moves what has been
/// written so far to a ``ByteSink`` and empties it, so memory stays flat however
/// many elements are written. Text and attribute values are escaped by libxml2;
/// characters that XML 1.0 forbids are removed before they reach it.
package final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// Creates a writer; `indent` pretty-prints with two spaces.
    public init(indent: Bool = true) throws {
        LibXML.ensureInitialized()
        guard let buffer = xmlBufferCreateSize(1 << 16) else {
            throw XMLError(.writer, "cannot allocate an XML buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLError(.writer, "cannot create an XML writer")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString {
                xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
            }
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    @inline(__always)
    private func check(_ rc: Int32, _ what: @autoclosure () -> String) throws {
        if rc < 0 { throw XMLError(.writer, "libxml2 writer failed: \(what())") }
    }

    @inline(__always)
    private func withXMLChar<T>(_ s: String, _ body: (UnsafePointer<xmlChar>) throws -> T) rethrows -> T {
        try s.withCString { try body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// Writes the XML declaration (version 1.0, UTF-8).
    public func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    /// Closes every open element and ends the document.
    public func endDocument() throws {
        try check(xmlTextWriterEndDocument(writer), "end document")
    }

    /// Opens an element with a qualified name (`item`, `atom:link`).
    public func startElement(_ name: String) throws {
        try check(withXMLChar(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    /// Writes an attribute on the element just opened (use `xmlns:p` for namespace declarations).
    public func attribute(_ name: String, _ value: String) throws {
        let clean = XMLText.sanitized(value)
        try check(
            withXMLChar(name) { n in withXMLChar(clean) { v in xmlTextWriterWriteAttribute(writer, n, v) } },
            "attribute \(name)")
    }

    /// Writes escaped character data: the same bytes as `xmlTextWriterWriteString`, escaped
    /// here in one pass (``XMLText/appendEscaped(_:to:)``) and handed to libxml2 raw.
    public func text(_ value: String) throws {
        scratch.removeAll(keepingCapacity: true)
        XMLText.appendEscaped(value, to: &scratch)
        if scratch.isEmpty {
            // Still text: the start tag is closed (`<a></a>`, not `<a/>`), as libxml2 does.
            try check(xmlTextWriterWriteString(writer, ""), "text")
        } else {
            try scratch.withUnsafeBufferPointer { try escapedText($0) }
        }
    }

    private var scratch: [UInt8] = []

    /// Writes character data the caller has already escaped for XML (as `xmlEncodeSpecialChars`
    /// would, with no character XML forbids). Used where text is built and escaped in one pass.
    public func escapedText(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count > 0, let base = bytes.baseAddress else { return }
        try check(xmlTextWriterWriteRawLen(writer, base, Int32(bytes.count)), "text")
    }

    /// Writes `<name>text</name>`.
    public func element(_ name: String, text value: String) throws {
        try startElement(name)
        try text(value)
        try endElement()
    }

    /// Writes `<name>text</name>` with attributes.
    public func element(_ name: String, attributes: KeyValuePairs<String, String>, text value: String? = nil) throws {
        try startElement(name)
        for (k, v) in attributes { try attribute(k, v) }
        if let value { try text(value) }
        try endElement()
    }

    /// Writes a comment.
    public func comment(_ value: String) throws {
        var clean = XMLText.sanitized(value)
        while let r = clean.firstRange(of: "--") { clean.replaceSubrange(r, with: "- -") }
        try check(withXMLChar(clean) { xmlTextWriterWriteComment(writer, $0) }, "comment")
    }

    /// Moves everything written so far to `sink` and empties the buffer.
    public func drain(to sink: any ByteSink) throws {
        try check(xmlTextWriterFlush(writer), "flush")
        let length = Int(xmlBufferLength(buffer))
        if length > 0, let content = xmlBufferContent(buffer) {
            try sink.write(UnsafeRawBufferPointer(start: content, count: length))
        }
        xmlBufferEmpty(buffer)
    }
}

/// Text rules of XML 1.0.
package enum XMLText {
    /// Whether a Unicode scalar may appear in an XML 1.0 document.
    @inline(__always)
    public static func isLegal(_ v: UInt32) -> Bool {
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
        if v < 0xD800 { return true }
        if v < 0xE000 { return false }
        if v < 0xFFFE { return true }
        return v >= 0x10000 && v <= 0x10FFFF
    }

    /// Appends `s` escaped as character data, byte for byte what libxml2's
    /// `xmlEncodeSpecialChars` gives (`&amp; &lt; &gt; &quot;`, CR as `&#13;`), with the
    /// characters XML 1.0 forbids left out. Runs that need nothing are copied whole.
    ///
    /// `htmlFirst`: `s` is text to be escaped for HTML and the result escaped again for
    /// XML (escaped HTML inside an XML element), both in this one pass: `&` becomes
    /// `&amp;amp;`, `<` `&amp;lt;`, `>` `&amp;gt;`.
    /// `hexMarkup`: `&` and `<` as `&#x26;` and `&#x3C;`, which says "this is plain text, not
    /// escaped HTML" to RSS readers and the W3C feed validator.
    public static func appendEscaped(
        _ s: String, to out: inout [UInt8], htmlFirst: Bool = false, hexMarkup: Bool = false
    ) {
        var copy = s
        copy.withUTF8 { b in
            escapeClass.withUnsafeBufferPointer { table in
                let n = b.count
                var i = 0
                var run = 0
                while i < n {
                    while i < n, table[Int(b[i])] == 0 { i += 1 }
                    guard i < n else { break }
                    let replacement: StaticString
                    var skip = 1
                    switch b[i] {
                    case UInt8(ascii: "&"): replacement = htmlFirst ? "&amp;amp;" : hexMarkup ? "&#x26;" : "&amp;"
                    case UInt8(ascii: "<"): replacement = htmlFirst ? "&amp;lt;" : hexMarkup ? "&#x3C;" : "&lt;"
                    case UInt8(ascii: ">"): replacement = htmlFirst ? "&amp;gt;" : "&gt;"
                    case UInt8(ascii: "\""): replacement = "&quot;"
                    case 0x0D: replacement = "&#13;"
                    case 0xEF:
                        // U+FFFE and U+FFFF are not XML characters; other EF sequences are.
                        guard i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF else {
                            i += 1
                            continue
                        }
                        replacement = ""
                        skip = 3
                    default: replacement = ""  // C0 controls other than tab and line feed
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                    out.append(
                        contentsOf: UnsafeBufferPointer(
                            start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                    i += skip
                    run = i
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n]))
            }
        }
    }

    /// 1 for the bytes ``appendEscaped(_:to:htmlFirst:)`` must look at: `& < > "`, C0 controls other
    /// than tab and line feed, and 0xEF (the lead byte of U+FFFE and U+FFFF).
    static let escapeClass: [UInt8] = (0...255).map { c in
        switch c {
        case 0x09, 0x0A: 0
        case 0..<0x20, 0x22, 0x26, 0x3C, 0x3E, 0xEF: 1
        default: 0
        }
    }

    /// The string without the characters XML 1.0 forbids (fast when there are none).
    public static func sanitized(_ s: String) -> String {
        var copy = s
        let needs = copy.withUTF8 { b -> Bool in
            for c in b where (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c == 0xEF {
                _ = c
                return true  // 0xEF: possibly U+FFFE / U+FFFF, checked properly below
            }
            return false
        }
        guard needs else { return s }
        if s.unicodeScalars.allSatisfy({ isLegal($0.value) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where isLegal(u.value) { out.append(u) }
        return String(out)
    }
}
