internal import CLibXML2
import TextKernel

#if canImport(Glibc)
    import Glibc
#endif

/// HTML found in feed text, reduced to plain paragraphs with libxml2's HTML parser.
///
/// Block elements end paragraphs, a pair of `<br>` splits one, a single `<br>` is a
/// space; script, style, iframe and the like are dropped with their content;
/// entities are decoded and white space collapsed. Images are collected (their
/// URLs resolved against `base`) so callers can keep them as media.
package enum HTMLReducer {
    public struct Result: Sendable, Equatable {
        public var paragraphs: [String]
        /// `(src, alt)` of `<img>` elements, in order, `src` resolved.
        public var images: [Image]
    }

    public struct Image: Sendable, Equatable {
        public var url: String
        public var alt: String?
    }

    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "tr", "table", "tbody",
        "thead", "tfoot", "section", "article", "header", "footer", "figure", "figcaption", "dl", "dt", "dd", "hr",
        "address", "aside", "nav", "main", "form", "fieldset", "details", "summary", "caption", "body", "html",
        "center",
    ]
    static let dropped: Set<String> = [
        "script", "style", "iframe", "noscript", "template", "head", "object", "applet", "frameset", "frame",
        "select", "textarea", "button", "svg", "math", "canvas", "audio", "video", "map",
    ]

    /// Reduces HTML to paragraphs. With `undoDoubleEscaping`, HTML that holds no element
    /// but only escaped markup (a common publishing bug) is reduced once more; pass false
    /// for markup that came from real XML elements, where escaped text is meant literally.
    public static func reduce(_ html: String, base: String? = nil, undoDoubleEscaping: Bool = true) -> Result {
        var (result, elements) = reduceOnce(HTMLPrepare.prepare(html), base: base)
        // Double-escaped HTML: the text held no element at all, only escaped markup,
        // which after one pass is itself markup. (Text inside real markup that merely
        // mentions "<b>" is left alone.)
        var rounds = 0
        while undoDoubleEscaping, rounds < 2, elements == 0,
            result.paragraphs.contains(where: MarkupSniff.hasCommonHTMLTag)
        {
            (result, elements) = reduceOnce(
                HTMLPrepare.prepare(result.paragraphs.joined(separator: "\n\n")), base: base)
            rounds += 1
        }
        return result
    }

    /// Whether the first 2 KB hold `<html`, `<body` or `<head` (any case): a whole document, not a fragment.
    static func hasDocumentTag(_ s: String) -> Bool {
        // The name must end there: `<header>` and `<heade>` are no document tags.
        var it = s.utf8.prefix(2048).makeIterator()
        var window: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        func isDocumentTag(_ w: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) -> Bool {
            guard w.0 == UInt8(ascii: "<"),
                w.5 == UInt8(ascii: ">") || w.5 == UInt8(ascii: "/") || w.5 == 0 || Whitespace.isHTMLSpace(w.5)
            else { return false }
            switch (w.1 | 0x20, w.2 | 0x20, w.3 | 0x20, w.4 | 0x20) {
            // html, body, head
            case (0x68, 0x74, 0x6D, 0x6C), (0x62, 0x6F, 0x64, 0x79), (0x68, 0x65, 0x61, 0x64): return true
            default: return false
            }
        }
        while let b = it.next() {
            window = (window.1, window.2, window.3, window.4, window.5, b)
            if isDocumentTag(window) { return true }
        }
        // A tag at the very end of the text.
        return isDocumentTag((window.1, window.2, window.3, window.4, window.5, 0))
    }

    package static func reduceOnce(_ html: String, base: String?, fast: Bool = true) -> (Result, elements: Int) {
        guard MarkupSniff.mayHoldMarkup(html) else {
            return (Result(paragraphs: plainParagraphs(html), images: []), 0)
        }
        var copy = html
        if fast, let reduced = copy.withUTF8({ HTMLFastReducer.reduce($0) }) {
            return (Result(paragraphs: reduced.paragraphs, images: []), reduced.elements)
        }
        LibXML.ensureInitialized()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        // A fragment is parsed inside a <div>: at the top level libxml2 would drop the
        // white space between inline elements ("<b>a</b> <i>b</i>").
        let whole = Self.hasDocumentTag(html)
        var bytes = whole ? Array(html.utf8) : Array("<div>\(html)</div>".utf8)
        if bytes.isEmpty { return (Result(paragraphs: [], images: []), 0) }
        // libxml2's HTML parser compares each attribute of a tag with all before it: a tag of
        // tens of thousands (bare names count) would take minutes. Such markup is read as text.
        if Self.hasTagWithMoreAttributes(than: MarkupGuard.maximumAttributes, bytes) {
            return (Result(paragraphs: plainParagraphs(html), images: []), 0)
        }
        let doc: htmlDocPtr? = bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                // Errors are dropped: HTML in feeds is broken more often than not.
                let collector = ErrorCollector(file: "html")
                return collector.capturing { htmlReadMemory(p, Int32(buf.count), nil, "UTF-8", options) }
            }
        }
        guard let doc else { return (Result(paragraphs: plainParagraphs(html), images: []), 0) }
        defer { xmlFreeDoc(doc) }
        var state = State(base: base)
        var node = doc.pointee.children
        while let n = node {
            state.walk(n)
            node = n.pointee.next
        }
        // The <div> wrapper is not the input's own.
        return (Result(paragraphs: state.text.paragraphs(), images: state.images), state.elements - (whole ? 0 : 1))
    }

    /// Whether a start tag in `bytes` holds more than `limit` attributes, counted as HTML
    /// writes them: names after the tag's own, with or without `=value`, values quoted or not.
    static func hasTagWithMoreAttributes(than limit: Int, _ bytes: [UInt8]) -> Bool {
        // Fewer bytes than two per attribute cannot hold that many.
        guard bytes.count > 2 * limit else { return false }
        return bytes.withUnsafeBufferPointer { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            var i = 0
            let n = buf.count
            while i < n, let lt = memchr(base + i, 0x3C, n - i) {
                i = UnsafeRawPointer(lt) - UnsafeRawPointer(base) + 1
                guard i < n, (buf[i] | 0x20) >= 0x61 && (buf[i] | 0x20) <= 0x7A else { continue }
                // Past the tag name, count the starts of names; skip values.
                while i < n && buf[i] != 0x3E && !Whitespace.isHTMLSpace(buf[i]) { i += 1 }
                var names = 0
                var afterEquals = false
                while i < n && buf[i] != 0x3E {
                    let c = buf[i]
                    if Whitespace.isHTMLSpace(c) {
                        i += 1
                    } else if c == 0x3D {
                        afterEquals = true
                        i += 1
                    } else if afterEquals {
                        // A value: quoted to its quote, else to white space or '>'.
                        if c == 0x22 || c == 0x27 {
                            i += 1
                            while i < n && buf[i] != c { i += 1 }
                            i += 1
                        } else {
                            while i < n && buf[i] != 0x3E && !Whitespace.isHTMLSpace(buf[i]) { i += 1 }
                        }
                        afterEquals = false
                    } else {
                        names += 1
                        if names > limit { return true }
                        while i < n && buf[i] != 0x3E && buf[i] != 0x3D && !Whitespace.isHTMLSpace(buf[i]) { i += 1 }
                    }
                }
            }
            return false
        }
    }

    /// Paragraphs of markup that came as XML elements (Atom xhtml, NewsML inlineXML),
    /// by the same rules as HTML, walking the tree directly: its text is literal.
    public static func paragraphs(ofTree children: [XMLContent]) -> [String] {
        var text = ParagraphBuilder()
        // (content, closing element name) pairs on an explicit stack, document order.
        var stack: [(XMLContent?, String?)] = children.reversed().map { ($0, nil) }
        while let (node, closing) = stack.popLast() {
            if let closing {
                if blocks.contains(closing) { text.endParagraph() }
                if closing == "td" || closing == "th" { text.space() }
                continue
            }
            switch node {
            case .text(let t):
                text.text(t)
            case .element(let e):
                let name = e.name.lowercased()
                if dropped.contains(name) || name == "img" { continue }
                if name == "br" {
                    text.lineBreak()
                    continue
                }
                if blocks.contains(name) { text.endParagraph() }
                stack.append((nil, name))
                for c in e.children.reversed() { stack.append((c, nil)) }
            case nil:
                continue
            }
        }
        return text.paragraphs()
    }

    /// Plain text: blank lines (of spaces, tabs and carriage returns, or nothing) separate
    /// paragraphs; the lines of one are joined with a space; white space collapses.
    public static func plainParagraphs(_ text: String) -> [String] {
        var out = ParagraphBuilder()
        var copy = text
        copy.withUTF8 { b in
            var start = 0
            while start <= b.count {
                var end = start
                while end < b.count && b[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    out.endParagraph()
                } else {
                    if out.pendingCount > 0 { out.space() }
                    out.text(line, blank: false)
                }
                start = end + 1
            }
        }
        return out.paragraphs()
    }

    struct State {
        var base: String?
        var text = ParagraphBuilder()
        var images: [Image] = []
        var elements = 0

        mutating func walk(_ root: xmlNodePtr) {
            // Iterative: HTML depth is bounded by libxml2, but recursion is avoided anyway.
            var stack: [(xmlNodePtr, Bool)] = [(root, false)]
            while let (node, closing) = stack.popLast() {
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let c = node.pointee.content {
                        text.text(UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c))))
                    }
                case XML_ELEMENT_NODE:
                    let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                    if closing {
                        if HTMLReducer.blocks.contains(name) { text.endParagraph() }
                        if name == "td" || name == "th" { text.space() }
                        continue
                    }
                    elements += 1
                    if HTMLReducer.dropped.contains(name) { continue }
                    if name == "br" {
                        text.lineBreak()
                        continue
                    }
                    if name == "img" {
                        if let src = attribute(node, "src"), !src.isEmpty {
                            images.append(
                                Image(
                                    url: URIResolver.resolve(src, against: base),
                                    alt: attribute(node, "alt").flatMap { $0.isEmpty ? nil : $0 }))
                        }
                        continue
                    }
                    if HTMLReducer.blocks.contains(name) { text.endParagraph() }
                    stack.append((node, true))
                    var children: [xmlNodePtr] = []
                    var c = node.pointee.children
                    while let child = c {
                        children.append(child)
                        c = child.pointee.next
                    }
                    for child in children.reversed() { stack.append((child, false)) }
                case XML_ENTITY_REF_NODE:
                    continue
                default:
                    continue
                }
            }
        }

        func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
            LibXML.takeString(xmlGetProp(node, name))
        }
    }
}
