import Foundation
import TextKernel
import WireFormats
import XMLCore

/// Light checks on escaped HTML, without parsing it into a tree.
enum Markup {
    static let void: Set<String> = [
        "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr",
    ]
    /// Elements whose end tag HTML lets one omit.
    static let optionalEnd: Set<String> = [
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "colgroup", "rt", "rp",
    ]

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [(String, String)]
    }

    /// The tags of an HTML fragment, in order (comments, doctypes and script/style bodies skipped).
    static func tags(_ s: String) -> [Tag] {
        var copy = s
        return copy.withUTF8 { tags(bytes: $0) }
    }

    static func tags(bytes b: UnsafeBufferPointer<UInt8>) -> [Tag] {
        var out: [Tag] = []
        var i = 0
        guard let base = b.baseAddress else { return out }
        while i < b.count {
            // Text between tags is skipped with memchr.
            guard let lt = memchr(base + i, Int32(UInt8(ascii: "<")), b.count - i) else { break }
            i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < b.count else { break }
            if b[i + 1] == UInt8(ascii: "!") {
                // Comment or doctype: skip to its end.
                if i + 3 < b.count && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < b.count
                        && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-")
                            && b[j + 2] == UInt8(ascii: ">"))
                    { j += 1 }
                    i = j + 3
                } else {
                    while i < b.count && b[i] != UInt8(ascii: ">") { i += 1 }
                }
                continue
            }
            var j = i + 1
            let closing = b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < b.count,
                (b[j] | 0x20 >= 0x61 && b[j] | 0x20 <= 0x7A) || (b[j] >= 0x30 && b[j] <= 0x39)
                    || b[j] == UInt8(ascii: "-")
            { j += 1 }
            guard j > nameStart else {
                i += 1
                continue
            }
            var nameBytes =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                as (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8
                )
            let nameLength = min(j - nameStart, 16)
            withUnsafeMutableBytes(of: &nameBytes) { p in
                for k in 0..<nameLength {
                    let c = b[nameStart + k]
                    p[k] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                }
            }
            let name = withUnsafeBytes(of: &nameBytes) { String(decoding: $0.prefix(nameLength), as: UTF8.self) }
            // Attributes up to '>' (quotes respected).
            var attrs: [(String, String)] = []
            var quote: UInt8 = 0
            let attrStart = j
            while j < b.count {
                if quote != 0 {
                    if b[j] == quote { quote = 0 }
                } else if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    quote = b[j]
                } else if b[j] == UInt8(ascii: ">") {
                    break
                }
                j += 1
            }
            let end = min(j, b.count)
            var selfClosing = false
            if end > attrStart {
                let inside = String(decoding: UnsafeBufferPointer(rebasing: b[attrStart..<end]), as: UTF8.self)
                selfClosing = inside.hasSuffix("/")
                attrs = parseAttributes(inside)
            }
            out.append(Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attrs))
            i = j + 1
            // Raw text elements: skip their content.
            if !closing && (name == "script" || name == "style") {
                let endTag = Array("</\(name)".utf8)
                var k = i
                while k + endTag.count <= b.count {
                    if b[k] == UInt8(ascii: "<")
                        && zip(b[k..<(k + endTag.count)], endTag).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
                    {
                        break
                    }
                    k += 1
                }
                i = k
            }
        }
        return out
    }

    static func parseAttributes(_ s: String) -> [(String, String)] {
        var out: [(String, String)] = []
        var rest = Substring(s)
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "/" })
            guard !rest.isEmpty else { break }
            let name = rest.prefix(while: {
                $0 != "=" && $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "/" && $0 != ">"
            })
            guard !name.isEmpty else { break }
            rest = rest.dropFirst(name.count).drop(while: { $0 == " " })
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop(while: { $0 == " " })
                if let q = rest.first, q == "\"" || q == "'" {
                    let body = rest.dropFirst().prefix(while: { $0 != q })
                    value = String(body)
                    rest = rest.dropFirst(body.count + 2)
                } else {
                    let body = rest.prefix(while: { $0 != " " && $0 != ">" })
                    value = String(body)
                    rest = rest.dropFirst(body.count)
                }
            }
            out.append((name.lowercased(), value))
        }
        return out
    }

    /// Why an HTML fragment is not well-formed (an unclosed or mismatched tag), or nil.
    static func wellFormednessProblem(_ html: String, tags: [Tag]? = nil) -> String? {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return nil }
        var stack: [String] = []
        for t in tags ?? Self.tags(html) {
            if void.contains(t.name) || t.selfClosing { continue }
            if !t.closing {
                stack.append(t.name)
                continue
            }
            guard let top = stack.last else { return "</\(t.name)> closes nothing" }
            if top == t.name {
                stack.removeLast()
                continue
            }
            // Implied end tags (</ul> closing an open <li>, a new </p>...).
            if let k = stack.lastIndex(of: t.name), stack[(k + 1)...].allSatisfy({ optionalEnd.contains($0) }) {
                stack.removeSubrange(k...)
                continue
            }
            return "</\(t.name)> does not match the open <\(top)>"
        }
        if let open = stack.first(where: { !optionalEnd.contains($0) }) { return "<\(open)> is never closed" }
        return nil
    }

    /// What makes an HTML fragment unsafe to show, or nil.
    static func unsafeHTML(_ html: String, tags: [Tag]? = nil) -> String? {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return nil }
        for t in tags ?? Self.tags(html) where !t.closing {
            if let p = unsafeElement(t.name, t.attributes) { return p }
        }
        return nil
    }

    /// Elements aggregators strip from feed HTML: they run code, load or restyle the page
    /// around the item, or post forms.
    static let unsafeElements: Set<String> = [
        "script", "iframe", "object", "embed", "applet", "frame", "frameset", "meta", "style", "form", "link",
        "base", "noscript", "xmp", "plaintext", "listing",
    ]

    static func unsafeElement(_ name: String, _ attributes: [(String, String)]) -> String? {
        if unsafeElements.contains(name) { return "<\(name)>" }
        for (a, v) in attributes {
            if a.hasPrefix("on") && a.count > 2 { return "an event handler (\(a)=)" }
            let value = v.trimmingWhitespace().lowercased().filter { !$0.isWhitespace }
            if ["href", "src", "action", "formaction", "xlink:href", "data"].contains(a) {
                if value.hasPrefix("javascript:") || value.hasPrefix("vbscript:") { return "a javascript: URL" }
                if value.hasPrefix("data:") { return "a data: URL (\(a)=)" }
            }
            if a == "style",
                ["url(", "expression(", "javascript:", "behavior:", "-moz-binding"].contains(where: value.contains)
            {
                return "CSS that loads or runs something (style=)"
            }
        }
        return nil
    }
}

/// The fields of an item that carry HTML: RSS description and content:encoded, Atom
/// summary and content (type="html" as escaped HTML, type="xhtml" as elements).
enum HTMLFields {
    static func visit(_ item: XMLElement, html: (String, XMLElement) -> Void, xhtml: (XMLElement) -> Void) {
        for c in item.elements {
            switch (c.namespace, c.name) {
            case ("", "description"), (Namespace.content, "encoded"), (Namespace.rss10, "description"),
                (Namespace.rss090, "description"):
                html(c.text, c)
            case (Namespace.atom, "summary"), (Namespace.atom, "content"):
                let type = c.attribute("type") ?? "text"
                if type == "html" { html(c.text, c) } else if type == "xhtml" { xhtml(c) }
            default:
                break
            }
        }
    }
}
