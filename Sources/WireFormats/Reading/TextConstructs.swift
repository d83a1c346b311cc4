import TextKernel
import WireModel
import XMLCore

/// Turning feed text (plain, escaped HTML, CDATA, XHTML) into the model's plain text.
package enum FeedText {
    /// One line of plain text (titles, names): markup removed, entities decoded, white space collapsed.
    package static func line(_ raw: String, html: Bool) -> String {
        let raw = Windows1252.mappingC1(raw)
        if html || MarkupSniff.looksLikeHTML(raw) { return HTMLReducer.reduce(raw).paragraphs.joined(separator: " ") }
        return Whitespace.collapse(raw)
    }

    /// Paragraphs of a text that may be HTML.
    static func paragraphs(_ raw: String, html: Bool, base: String?) -> [String] {
        let raw = Windows1252.mappingC1(raw)
        if html || MarkupSniff.looksLikeHTML(raw) { return HTMLReducer.reduce(raw, base: base).paragraphs }
        return HTMLReducer.plainParagraphs(raw)
    }

    /// Paragraphs of a text that may be HTML, with the pictures it shows (`<img>`).
    static func paragraphsAndImages(_ raw: String, html: Bool, base: String?) -> ([String], [HTMLReducer.Image]) {
        let raw = Windows1252.mappingC1(raw)
        if html || MarkupSniff.looksLikeHTML(raw) {
            let r = HTMLReducer.reduce(raw, base: base)
            return (r.paragraphs, r.images)
        }
        return (HTMLReducer.plainParagraphs(raw), [])
    }

    /// Feeds' text holds C1 controls only by mistake: they are read as windows-1252.
    static func c1(_ paragraphs: [String]) -> [String] { paragraphs.map(Windows1252.mappingC1) }

    /// Paragraphs of XML markup (XHTML content, NewsML mixed text): its text is literal.
    static func xhtml(_ children: [XMLContent], base: String?) -> [String] {
        c1(HTMLReducer.paragraphs(ofTree: children))
    }

    /// An XHTML subtree (Atom `type="xhtml"`, NewsML `inlineXML`) as HTML text for the reducer.
    static func serialize(_ children: [XMLContent]) -> String {
        var out = ""
        func esc(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\"": o += "&quot;"
                default: o.unicodeScalars.append(c)
                }
            }
            return o
        }
        func walk(_ list: [XMLContent]) {
            for c in list {
                switch c {
                case .text(let t): out += esc(t)
                case .element(let e):
                    out += "<" + e.name
                    for a in e.attributes where a.namespace.isEmpty { out += " \(a.name)=\"\(esc(a.value))\"" }
                    out += ">"
                    walk(e.children)
                    out += "</" + e.name + ">"
                }
            }
        }
        walk(children)
        return out
    }

    /// An Atom text construct (title, summary, rights, content) as paragraphs.
    static func atomParagraphs(_ e: XMLElement, atom03: Bool) -> [String] {
        c1(atomParagraphsAsRead(e, atom03: atom03))
    }

    private static func atomParagraphsAsRead(_ e: XMLElement, atom03: Bool) -> [String] {
        let type = (e.attribute("type") ?? "text").lowercased()
        let mode = e.attribute("mode")?.lowercased()
        if type == "xhtml" || mode == "xml" || (atom03 && type == "application/xhtml+xml" && mode == nil) {
            let div = e.elements.first { $0.name == "div" }
            if let reduced = div?.paragraphs { return reduced }
            return xhtml(div?.children ?? e.children, base: e.base)
        }
        if mode == "base64" {
            let decoded = Base64.decode(e.text).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return paragraphs(decoded, html: type.contains("html"), base: e.base)
        }
        if type == "html" || type == "text/html" || mode == "escaped" {
            return HTMLReducer.reduce(e.text, base: e.base).paragraphs
        }
        if e.hasElementChildren {
            // Markup where text was promised (common in the wild): treat as XHTML.
            return xhtml(e.children, base: e.base)
        }
        return HTMLReducer.plainParagraphs(e.text)
    }

    static func atomLine(_ e: XMLElement, atom03: Bool) -> String {
        atomParagraphs(e, atom03: atom03).joined(separator: " ")
    }
}

enum Base64 {
    static func decode(_ s: String) -> [UInt8]? {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        var out: [UInt8] = []
        var acc = 0
        var bits = 0
        for c in s.utf8 {
            if c == UInt8(ascii: "=") { break }
            let v = table[Int(c)]
            if v < 0 {
                if Whitespace.isXMLSpace(c) { continue }
                return nil
            }
            acc = (acc << 6) | Int(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> bits) & 0xFF))
            }
        }
        return out
    }
}

/// People as feeds write them.
enum People {
    /// `email (Name)`, `Name (email)`, `Name <email>`, `<email>`, a bare e-mail address
    /// (the name is the address), or a name; `mailto:` is dropped from addresses.
    static func parse(_ raw: String) -> Person? {
        let s = Whitespace.collapse(raw)
        guard !s.isEmpty else { return nil }
        if let open = s.lastIndex(of: "("), s.hasSuffix(")") {
            let before = s[..<open].trimmingCharacters().trimmingQuotes()
            let inside = s[s.index(after: open)..<s.index(before: s.endIndex)].trimmingCharacters()
            if let email = address(before) { return Person(name: inside.isEmpty ? email : inside, email: email) }
            if let email = address(inside), !before.isEmpty { return Person(name: before, email: email) }
        }
        if let lt = s.lastIndex(of: "<"), s.hasSuffix(">") {
            let name = s[..<lt].trimmingCharacters().trimmingQuotes()
            if let email = address(s[s.index(after: lt)..<s.index(before: s.endIndex)].trimmingCharacters()) {
                return Person(name: name.isEmpty ? email : name, email: email)
            }
        }
        if let email = address(s) { return Person(name: email, email: email) }
        return Person(name: s)
    }

    /// The e-mail address `s` is (`mailto:` dropped), or nil.
    static func address(_ s: String) -> String? {
        let e = s.lowercased().hasPrefix("mailto:") ? String(s.dropFirst(7)) : s
        guard let at = e.firstIndex(of: "@"), at != e.startIndex, e.index(after: at) != e.endIndex,
            !e.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" })
        else { return nil }
        return e
    }
}

/// Media entries, merged by URL in first-seen order.
struct MediaList {
    var items: [Media] = []

    mutating func add(_ m: Media) {
        guard !m.url.isEmpty else { return }
        if let i = items.firstIndex(where: { $0.url == m.url }) {
            var e = items[i]
            e.type = e.type ?? m.type
            e.length = e.length ?? m.length
            e.caption = e.caption ?? m.caption
            e.credit = e.credit ?? m.credit
            e.width = e.width ?? m.width
            e.height = e.height ?? m.height
            e.medium = e.medium ?? m.medium
            if e.renditions.isEmpty { e.renditions = m.renditions }
            items[i] = e
        } else {
            items.append(m)
        }
    }

    /// A Media RSS element (`media:content`, `media:thumbnail`), with its description and credit.
    mutating func addMediaRSS(
        _ e: XMLElement, base: String?, inherited: (caption: String?, credit: String?) = (nil, nil)
    ) {
        guard let url = e.attribute("url"), !url.trimmingCharacters().isEmpty else { return }
        var m = Media(url: URIResolver.resolve(url, against: base))
        m.type = e.attribute("type").flatMap(nonEmpty)
        m.length = e.attribute("fileSize").flatMap { Int($0.trimmingCharacters()) }.flatMap { $0 > 0 ? $0 : nil }
        m.width = e.attribute("width").flatMap { Int($0.trimmingCharacters()) }
        m.height = e.attribute("height").flatMap { Int($0.trimmingCharacters()) }
        // Media RSS: media:description is plain text unless type="html".
        m.caption =
            e.first("description", Namespace.media).map {
                $0.attribute("type") == "html" ? FeedText.line($0.text, html: true) : Whitespace.collapse($0.text)
            }.flatMap(nonEmpty) ?? inherited.caption
        m.credit =
            e.first("credit", Namespace.media).map { Whitespace.collapse($0.text) }.flatMap(nonEmpty)
            ?? inherited.credit
        m.medium = Self.medium(e.attribute("medium"), type: m.type)
        // A thumbnail inside a media:content is a rendition of it.
        if let thumb = e.first("thumbnail", Namespace.media), let t = Self.rendition(thumb, base: base) {
            m.renditions = [Rendition(url: m.url, type: m.type, width: m.width, height: m.height, length: m.length), t]
        }
        add(m)
    }

    /// A `media:group`: one medium in several renditions (contents and thumbnails); the
    /// largest that is not a thumbnail is the main one (article-model.md).
    mutating func addMediaRSSGroup(_ g: XMLElement, base: String?) {
        let members = g.elements.filter {
            $0.namespace == Namespace.media && ($0.name == "content" || $0.name == "thumbnail")
        }
        let renditions = members.compactMap { Self.rendition($0, base: $0.base ?? base) }
        guard !renditions.isEmpty else { return }
        func size(_ r: Rendition) -> (Int, Int, Int) {
            (r.name == "thumbnail" ? 0 : 1, (r.width ?? 0) * (r.height ?? 0), r.length ?? 0)
        }
        let k = renditions.indices.max { size(renditions[$0]) < size(renditions[$1]) }!
        let main = renditions[k]
        let element = members.filter { ($0.attribute("url") ?? "").trimmingCharacters() != "" }[k]
        var m = Media(url: main.url)
        m.type = main.type
        m.width = main.width
        m.height = main.height
        m.length = main.length
        func text(_ name: String, _ e: XMLElement) -> String? {
            e.first(name, Namespace.media).map {
                name == "description" && $0.attribute("type") == "html"
                    ? FeedText.line($0.text, html: true) : Whitespace.collapse($0.text)
            }.flatMap(nonEmpty)
        }
        m.caption =
            text("description", g) ?? text("description", element)
            ?? members.lazy.compactMap { text("description", $0) }.first
        m.credit = text("credit", g) ?? text("credit", element) ?? members.lazy.compactMap { text("credit", $0) }.first
        m.medium = Self.medium(element.attribute("medium"), type: m.type)
        if renditions.count > 1 { m.renditions = renditions }
        add(m)
    }

    static func rendition(_ e: XMLElement, base: String?) -> Rendition? {
        guard let url = e.attribute("url"), !url.trimmingCharacters().isEmpty else { return nil }
        return Rendition(
            name: e.name == "thumbnail" ? "thumbnail" : nil, url: URIResolver.resolve(url, against: base),
            type: e.attribute("type").flatMap(nonEmpty),
            width: e.attribute("width").flatMap { Int($0.trimmingCharacters()) },
            height: e.attribute("height").flatMap { Int($0.trimmingCharacters()) },
            length: e.attribute("fileSize").flatMap { Int($0.trimmingCharacters()) }.flatMap { $0 > 0 ? $0 : nil })
    }

    /// `image`, `video`, `audio` or `document`: Media RSS's `medium`, else the MIME type's kind.
    static func medium(_ given: String?, type: String?) -> String? {
        if let given = given?.trimmingCharacters().lowercased(),
            ["image", "video", "audio", "document"].contains(given)
        {
            return given
        }
        guard let type = type?.lowercased() else { return nil }
        for kind in ["image", "video", "audio"] where type.hasPrefix(kind + "/") { return kind }
        return nil
    }
}

func nonEmpty(_ s: String) -> String? {
    let t = Whitespace.collapse(s)
    return t.isEmpty ? nil : t
}

extension StringProtocol {
    func trimmingCharacters() -> String { Whitespace.collapse(String(self)) }
    func trimmingQuotes() -> String {
        var s = String(self)
        if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }
}

extension Article {
    /// The summary is dropped when it only repeats the lead.
    mutating func dropSummaryRepeatingLead() {
        if let s = summary, let lead = body.first, s == lead { summary = nil }
    }

    /// An id for an item that has none: a name-based UUID of what it says.
    static func derivedID(_ parts: [String?]) -> String {
        StableID.uuidURN(for: "item\n" + parts.map { $0 ?? "" }.joined(separator: "\n"))
    }
}
