internal import CLibXML2
import TextKernel

/// A small element tree: one feed item (or channel head) at a time, read from the
/// streaming reader, so memory is bounded by the largest item. Built once, then only read.
///
/// An element is built once (by ``XMLStreamReader`` or its initializer) and read after that,
/// which is why ``text`` and ``elements`` are computed once and kept.
package final class XMLElement: @unchecked Sendable {
    public let name: String
    public let namespace: String
    public let attributes: [XMLAttribute]
    public internal(set) var children: [XMLContent]
    /// The content as paragraphs, when it was reduced while reading (see
    /// ``XMLStreamReader/readElement(base:shallow:reduceWhen:)``); its children are then not kept.
    /// The reader keeps each paragraph's bytes as they came; white space is collapsed and the
    /// strings made here, by whoever asks (the importer's second thread, not the reader's).
    public var paragraphs: [String]? { rawParagraphs?.paragraphs() }

    var rawParagraphs: ParagraphBuilder?
    /// 1-based line of the start tag.
    public let line: Int
    /// The `xml:lang` in scope.
    public let lang: String?
    /// The base URI in scope (`xml:base` resolved against its ancestors'), if any.
    public let base: String?

    public init(
        name: String, namespace: String, attributes: [XMLAttribute] = [], children: [XMLContent] = [], line: Int = 0,
        lang: String? = nil, base: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
        self.lang = lang
        self.base = base
    }

    /// An attribute by local name (no namespace) or by namespace.
    public func attribute(_ name: String, namespace: String = "") -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// Child elements (computed once; several rules walk the same item).
    public var elements: [XMLElement] {
        if let cachedElements { return cachedElements }
        let list = children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
        cachedElements = list
        return list
    }

    private var cachedElements: [XMLElement]?

    /// Child elements with this name and namespace.
    public func elements(_ name: String, _ namespace: String) -> [XMLElement] {
        elements.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first child element with this name and namespace.
    public func first(_ name: String, _ namespace: String) -> XMLElement? {
        for c in children {
            if case .element(let e) = c, e.name == name, e.namespace == namespace { return e }
        }
        return nil
    }

    /// All text below this element, concatenated (computed once: the tree is not changed
    /// after it is read, and several rules read the same fields).
    public var text: String {
        if let cachedText { return cachedText }
        var out = ""
        appendText(to: &out)
        cachedText = out
        return out
    }

    private var cachedText: String?

    private func appendText(to out: inout String) {
        for c in children {
            switch c {
            case .text(let t): out += t
            case .element(let e): e.appendText(to: &out)
            }
        }
    }

    /// Whether the element has child elements (not only text).
    public var hasElementChildren: Bool {
        children.contains { if case .element = $0 { return true } else { return false } }
    }
}

/// Paragraphs as read, white space not yet collapsed: all their bytes in one array and where
/// each ends (two allocations for a whole body, not one per paragraph).
/// An attribute: local name, namespace URI ("" for none), value.
package struct XMLAttribute: Sendable, Equatable {
    public init(name: String, namespace: String, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }

    public var name: String
    public var namespace: String
    public var value: String
}

/// A child of an element: text (text, CDATA and white space alike) or an element.
package enum XMLContent: Sendable {
    case text(String)
    case element(XMLElement)
}

extension XMLStreamReader {
    /// Reads the element the reader is on, with everything inside it, and leaves the
    /// reader on its end. `base` is the base URI in scope at the parent. The children of
    /// elements named in `shallow` are skipped (the element and its attributes are kept).
    ///
    /// Elements for which `reduceWhen(element, parent)` is true get their content reduced to
    /// ``XMLElement/paragraphs`` while reading (as ``HTMLReducer/paragraphs(ofTree:)`` would
    /// reduce their children) and keep no children: for XHTML content that is only ever
    /// read as paragraphs (import), this skips building a tree of it.
    public func readElement(
        base parentBase: String?, shallow: Set<String> = [], reduceWhen: ((XMLElement, XMLElement) -> Bool)? = nil
    ) throws -> XMLElement {
        try capturingErrors { try readElementCapturing(base: parentBase, shallow: shallow, reduceWhen: reduceWhen) }
    }

    private func readElementCapturing(
        base parentBase: String?, shallow: Set<String>, reduceWhen: ((XMLElement, XMLElement) -> Bool)?
    ) throws -> XMLElement {
        precondition(kind == .element)
        let root = makeElement(parentBase: parentBase, parentLang: nil, lang: xmlLang)
        if isEmptyElement { return root }
        let skipsSome = !shallow.isEmpty
        if skipsSome && shallow.contains(root.name) {
            try skipElement()
            return root
        }
        // Children are gathered in plain arrays and handed to their element when it ends
        // (one assignment each, no appends through a class property).
        var open: [(element: XMLElement, children: [XMLContent])] = [(root, [])]
        var textBytes = 0
        // Every element, attribute and text node the tree keeps (an item of five million
        // empty children took a gigabyte).
        var nodes = 1 + root.attributes.count
        while try next() {
            switch kind {
            case .element:
                let parent = open[open.count - 1].element
                let e = makeElement(parentBase: parent.base, parentLang: parent.lang, lang: nil)
                // Attributes are kept too: they count like nodes.
                nodes += 1 + e.attributes.count
                if nodes > limits.maximumItemNodes { throw tooManyNodes(root) }
                open[open.count - 1].children.append(.element(e))
                if !isEmptyElement {
                    if skipsSome && shallow.contains(e.name) {
                        try skipElement()
                    } else if let reduceWhen, reduceWhen(e, parent) {
                        e.rawParagraphs = try reduceContentToParagraphs(textBytes: &textBytes)
                    } else {
                        open.append((e, []))
                    }
                }
            case .endElement:
                let done = open.removeLast()
                done.element.children = done.children
                if open.isEmpty { return root }
            case .text, .cdata, .whitespace:
                let v = repairsMojibake ? Mojibake.repair(value) : value
                textBytes += v.utf8.count
                if textBytes > limits.maximumTextSize {
                    throw XMLError(
                        .tooLarge,
                        file: file, line: line, "an element holds more than \(limits.maximumTextSize) bytes of text")
                }
                nodes += 1
                if nodes > limits.maximumItemNodes { throw tooManyNodes(root) }
                open[open.count - 1].children.append(.text(v))
            default:
                break
            }
        }
        throw XMLError(.notWellFormed, file: file, line: line, "the document ends inside <\(root.name)>")
    }

    private func tooManyNodes(_ root: XMLElement) -> XMLError {
        XMLError(
            .tooLarge,
            file: file, line: line,
            "<\(root.name)> (line \(root.line)) holds more than \(limits.maximumItemNodes) elements, attributes and text nodes"
        )
    }

    /// The element the reader is on, without children. `lang` is its `xml:lang` in scope
    /// when known (the reader's, for the top element); else it is its own `xml:lang`
    /// attribute or the parent's (what libxml2 would find walking up, without the walk).
    private func makeElement(parentBase: String?, parentLang: String?, lang known: String?) -> XMLElement {
        var attrs: [XMLAttribute] = []
        var base = parentBase
        var lang = known ?? parentLang
        if hasAttributes {
            forEachAttribute { name, namespace, value in
                let v = repairsMojibake ? Mojibake.repair(value) : value
                if namespace == "http://www.w3.org/XML/1998/namespace" {
                    if name == "base" { base = URIResolver.resolve(v, against: parentBase) }
                    if name == "lang" && known == nil { lang = value }
                }
                attrs.append(XMLAttribute(name: name, namespace: namespace, value: v))
            }
        }
        return XMLElement(
            name: localName, namespace: namespaceURI, attributes: attrs, children: [], line: line, lang: lang,
            base: base)
    }
}

/// RFC 3986 reference resolution, by libxml2.
package enum URIResolver {
    /// `ref` resolved against `base` (unchanged when there is no base or it cannot be resolved).
    public static func resolve(_ ref: String, against base: String?) -> String {
        let trimmed = ref.trimmingSpaces()
        guard let base, !base.isEmpty else { return trimmed }
        LibXML.ensureInitialized()
        guard let built = xmlBuildURI(trimmed, base) else { return trimmed }
        return LibXML.takeString(built) ?? trimmed
    }

    /// Whether `s` is an absolute URI (has a scheme).
    public static func isAbsolute(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        return scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

/// Text that was UTF-8 but decoded as Latin-1 / windows-1252 ("CafÃ©"), repaired when
/// that reading is unambiguous: every character maps back to one byte and the bytes
/// are valid UTF-8 with at least one multi-byte sequence.
package enum Mojibake {
    /// windows-1252's characters in 0x80–0x9F, back to their bytes.
    static let cp1252: [UInt32: UInt8] = Dictionary(
        uniqueKeysWithValues: Windows1252.high.enumerated().filter { $0.element.value != 0xFFFD }.map {
            ($0.element.value, UInt8(0x80 + $0.offset))
        })

    public static func repair(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { (0xC2...0xF4).contains($0.value) }) else { return s }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var multibyte = false
        for u in s.unicodeScalars {
            if u.value < 0x100 {
                bytes.append(UInt8(u.value))
            } else if let b = cp1252[u.value] {
                bytes.append(b)
            } else {
                return s
            }
        }
        // Well-formed UTF-8, with at least one multi-byte sequence?
        var i = 0
        while i < bytes.count {
            let len = UTF8Check.sequenceLength(bytes, at: i)
            if len == 0 { return s }
            if len > 1 { multibyte = true }
            i += len
        }
        return multibyte ? String(decoding: bytes, as: UTF8.self) : s
    }
}

extension XMLStreamReader {
    /// The content of the element the reader is on (a start tag, not empty) cut into
    /// paragraphs as ``HTMLReducer/paragraphs(ofTree:)`` would cut its children, read
    /// straight from the reader: no element objects and no string per text node, only the
    /// bytes of each paragraph (white space not yet collapsed). Leaves the reader on the
    /// element's end tag.
    /// `textBytes` counts the text of the whole item (the limit applies to it together).
    func reduceContentToParagraphs(textBytes: inout Int) throws -> ParagraphBuilder {
        var paragraphs = ParagraphBuilder()
        var open: [String] = []
        func close(_ name: String) {
            if HTMLReducer.blocks.contains(name) { paragraphs.endParagraph() }
            if name == "td" || name == "th" { paragraphs.space() }
        }
        while try next() {
            switch kind {
            case .element:
                let name = localName.lowercased()
                if HTMLReducer.dropped.contains(name) || name == "img" {
                    try skipElement()
                    continue
                }
                if name == "br" {
                    paragraphs.lineBreak()
                    try skipElement()
                    continue
                }
                if HTMLReducer.blocks.contains(name) { paragraphs.endParagraph() }
                if isEmptyElement { close(name) } else { open.append(name) }
            case .endElement:
                guard let name = open.popLast() else { return paragraphs }
                close(name)
            case .text, .cdata, .whitespace:
                let before = paragraphs.byteCount
                if repairsMojibake {
                    paragraphs.text(Mojibake.repair(value))
                } else {
                    paragraphs.appending { appendValue(to: &$0) }
                }
                textBytes += paragraphs.byteCount - before
                if textBytes > limits.maximumTextSize {
                    throw XMLError(
                        .tooLarge,
                        file: file, line: line, "an element holds more than \(limits.maximumTextSize) bytes of text")
                }
            default:
                break
            }
        }
        throw XMLError(.notWellFormed, file: file, line: line, "the document ends inside an element")
    }
}
