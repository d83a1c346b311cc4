import TextKernel
package import XMLCore

/// The syndication formats wirefeed recognises, named as in the JSON document's `format`.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case rss090 = "rss0.90"
    case rss091 = "rss0.91"
    case rss092 = "rss0.92"
    case rss10 = "rss1.0"
    case rss20 = "rss2.0"
    case atom03 = "atom0.3"
    case atom10 = "atom1.0"
    case newsml = "newsml-g2"
    case jsonfeed10 = "jsonfeed1.0"
    case jsonfeed11 = "jsonfeed1.1"
    case ninjs

    /// RSS 0.90-0.92 and 1.0: formats wirefeed judges by its feed rules alone (no schema).
    public var isRuleJudged: Bool {
        switch self {
        case .rss090, .rss091, .rss092, .rss10: true
        default: false
        }
    }

    /// Whether this is JSON (JSON Feed), not XML.
    public var isJSON: Bool { self == .jsonfeed10 || self == .jsonfeed11 || self == .ninjs }

    /// Human name for messages.
    public var displayName: String {
        switch self {
        case .rss090: "RSS 0.90"
        case .rss091: "RSS 0.91"
        case .rss092: "RSS 0.92"
        case .rss10: "RSS 1.0 (RDF)"
        case .rss20: "RSS 2.0"
        case .atom03: "Atom 0.3"
        case .atom10: "Atom 1.0"
        case .newsml: "NewsML-G2"
        case .jsonfeed10: "JSON Feed 1.0"
        case .jsonfeed11: "JSON Feed 1.1"
        case .ninjs: "IPTC ninjs"
        }
    }

    /// The format of a plain UTF-8 document's bytes, found without a parser: only when the
    /// prolog is simple (an XML declaration, comments, processing instructions, white
    /// space; no DOCTYPE) and the root's namespace is declared on the root itself. Anything
    /// else (a DOCTYPE, other encodings, RDF, odd markup) gives nil: ask `detect(_:)`.
    /// For validating many small files, where a second parser per file showed in profiles.
    public static func sniff(_ b: [UInt8]) -> DocumentFormat? {
        b.withUnsafeBufferPointer { sniff(bytes: $0) }
    }

    static func sniff(bytes b: UnsafeBufferPointer<UInt8>) -> DocumentFormat? {
        let n = min(b.count, 4096)
        var i = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        let prologStart = i
        func find(_ a: UInt8, _ c: UInt8, from j: Int) -> Int? {
            var k = j
            while k + 1 < n {
                if b[k] == a && b[k + 1] == c { return k + 2 }
                k += 1
            }
            return nil
        }
        // Prolog.
        while true {
            while i < n && Whitespace.isXMLSpace(b[i]) { i += 1 }
            guard i + 1 < n, b[i] == UInt8(ascii: "<") else { return nil }
            if b[i + 1] == UInt8(ascii: "?") {
                // The declaration must name UTF-8 (or no encoding) for these bytes to be read as such.
                guard let end = find(UInt8(ascii: "?"), UInt8(ascii: ">"), from: i + 2) else { return nil }
                let pi = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self).lowercased()
                // An XML declaration anywhere but at the very start is an error: the parser's to report.
                if pi.hasPrefix("<?xml") && pi.count > 5
                    && (pi.dropFirst(5).first == " " || pi.dropFirst(5).first == "?") && i != prologStart
                {
                    return nil
                }
                if pi.contains("encoding")
                    && !(pi.contains("utf-8") || pi.contains("\"ascii\"") || pi.contains("'ascii'"))
                {
                    return nil
                }
                i = end
            } else if b[i + 1] == UInt8(ascii: "!") {
                // A comment; anything else ("<!DOCTYPE") is left to the parser.
                guard i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") else { return nil }
                guard let end = find(UInt8(ascii: "-"), UInt8(ascii: "-"), from: i + 4), end < n,
                    b[end] == UInt8(ascii: ">")
                else { return nil }
                i = end + 1
            } else {
                break
            }
        }
        // The root's start tag, up to '>' (quotes respected).
        i += 1
        var j = i
        var quote: UInt8 = 0
        while j < n {
            let c = b[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            } else if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") {
                return nil
            }
            j += 1
        }
        guard j < n else { return nil }
        var end = j
        if end > i && b[end - 1] == UInt8(ascii: "/") { end -= 1 }  // <root/>
        // The qualified name, then attributes name="value" (no spaces around '=', as writers
        // write them; anything else: the parser's business).
        var k = i
        while k < end && !Whitespace.isXMLSpace(b[k]) { k += 1 }
        guard k > i else { return nil }
        let qname = UnsafeBufferPointer(rebasing: b[i..<k])
        let colon = qname.firstIndex(of: UInt8(ascii: ":"))
        let local = String(
            decoding: colon.map { UnsafeBufferPointer(rebasing: qname[($0 + 1)...]) } ?? qname, as: UTF8.self)
        var wanted = Array("xmlns".utf8)
        if let colon { wanted += [UInt8(ascii: ":")] + qname[..<colon] }
        var namespace = ""
        var version: String?
        var seen: [UnsafeBufferPointer<UInt8>] = []
        while k < end {
            // Attributes are separated by white space.
            guard Whitespace.isXMLSpace(b[k]) else { return nil }
            while k < end && Whitespace.isXMLSpace(b[k]) { k += 1 }
            guard k < end else { break }
            let nameStart = k
            while k < end && b[k] != UInt8(ascii: "=") && !Whitespace.isXMLSpace(b[k]) { k += 1 }
            guard k + 1 < end, b[k] == UInt8(ascii: "="),
                b[k + 1] == UInt8(ascii: "\"") || b[k + 1] == UInt8(ascii: "'")
            else { return nil }
            let name = UnsafeBufferPointer(rebasing: b[nameStart..<k])
            let q = b[k + 1]
            let valueStart = k + 2
            k = valueStart
            while k < end && b[k] != q { k += 1 }
            guard k < end else { return nil }
            let value = UnsafeBufferPointer(rebasing: b[valueStart..<k])
            k += 1
            if value.contains(UInt8(ascii: "&")) || value.contains(UInt8(ascii: "<")) { return nil }
            // A repeated attribute is an error: the parser's to report.
            if seen.contains(where: { $0.elementsEqual(name) }) { return nil }
            seen.append(name)
            if name.elementsEqual(wanted) { namespace = String(decoding: value, as: UTF8.self) }
            if name.elementsEqual("version".utf8) {
                version = String(decoding: value, as: UTF8.self).trimmingWhitespace()
            }
        }
        // RDF, unknown roots and their messages: the parser's business.
        return fromRoot(local, namespace: namespace, version: version)
    }

    /// The format a root element names: the one table that sniffing and detection share,
    /// each format's part in its own folder. Nil for RDF (RSS 0.90 and 1.0 are told by
    /// their channel, see `rdf(channelNamespace:)`) and for roots that are no feed.
    static func fromRoot(_ local: String, namespace: String, version: String?) -> DocumentFormat? {
        rss(root: local, namespace: namespace, version: version) ?? atom(root: local, namespace: namespace)
            ?? newsML(root: local, namespace: namespace)
    }

    /// The format of a document, from its root element and namespace (and RSS's version).
    /// Throws on a document that is not well-formed before its root, or is no feed.
    package static func detect(_ reader: XMLStreamReader) throws -> (DocumentFormat, root: String, namespace: String) {
        while try reader.next() {
            guard reader.kind == .element else { continue }
            let name = reader.localName
            let ns = reader.namespaceURI
            if let format = fromRoot(name, namespace: ns, version: reader.attribute("version")?.trimmingWhitespace()) {
                return (format, name, ns)
            }
            switch (name, ns) {
            case ("RDF", Namespace.rdf):
                // The channel's namespace tells RSS 1.0 from 0.90.
                while try reader.next() {
                    guard reader.kind == .element else { continue }
                    if let format = rdf(channelNamespace: reader.namespaceURI) { return (format, name, ns) }
                    if reader.depth == 1 { try reader.skipElement() }
                }
                throw XMLError(
                    .notWellFormed,
                    file: reader.file, line: 1, "an RDF document without an RSS channel or items is not a feed")
            default:
                let shown = ns.isEmpty ? "<\(name)>" : "<\(name)> in namespace \(ns)"
                throw XMLError(
                    .notWellFormed,
                    file: reader.file, line: reader.line,
                    "root element \(shown) is not a feed (expected RSS, Atom or NewsML-G2)"
                )
            }
        }
        throw XMLError(.notWellFormed, file: reader.file, "the document has no root element")
    }
}

extension DocumentFormat {
    /// The local names of the roots of the documents wirefeed validates, each format's from
    /// its folder (the names ``fromRoot(_:namespace:version:)`` looks at): RSS's, Atom's and
    /// NewsML-G2's.
    static let documentRoots: Set<String> = rssRoots.union(atomRoots).union(newsMLRoots)

    /// Whether the first bytes of a file look like a feed or a NewsML-G2 document: the first
    /// element (after the XML declaration, comments, processing instructions and a DOCTYPE)
    /// is one of their roots. Lenient on purpose: a broken feed is still found, and judged.
    /// UTF-16 heads are read by their low bytes, enough for the ASCII names looked at.
    public static func looksLikeDocument(_ head: [UInt8]) -> Bool {
        var b = head
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) || b.first == 0 || b.dropFirst().first == 0 {
            b = b.filter { $0 != 0 }
        }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        var i = 0
        let n = b.count
        func skip(past end: [UInt8]) -> Bool {
            var k = i
            while k + end.count <= n {
                if b[k] == end[0] && Array(b[k..<(k + end.count)]) == end {
                    i = k + end.count
                    return true
                }
                k += 1
            }
            return false
        }
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0xFF || c == 0xFE {
                i += 1
                continue
            }
            guard c == UInt8(ascii: "<"), i + 1 < n else { return false }
            let next = b[i + 1]
            if next == UInt8(ascii: "?") {
                guard skip(past: Array("?>".utf8)) else { return false }
            } else if next == UInt8(ascii: "!") {
                if b[i...].starts(with: Array("<!--".utf8)) {
                    guard skip(past: Array("-->".utf8)) else { return false }
                } else {
                    // A DOCTYPE: past its internal subset, if any.
                    var k = i + 2
                    var depth = 0
                    while k < n && !(b[k] == UInt8(ascii: ">") && depth == 0) {
                        if b[k] == UInt8(ascii: "[") { depth += 1 }
                        if b[k] == UInt8(ascii: "]") { depth -= 1 }
                        k += 1
                    }
                    guard k < n else { return false }
                    i = k + 1
                }
            } else {
                var k = i + 1
                while k < n, !Whitespace.isXMLSpace(b[k]), b[k] != UInt8(ascii: ">"), b[k] != UInt8(ascii: "/") {
                    k += 1
                }
                let qname = String(decoding: b[(i + 1)..<k], as: UTF8.self)
                let local = qname.split(separator: ":").last.map(String.init) ?? qname
                return documentRoots.contains(local)
            }
        }
        return false
    }
}
