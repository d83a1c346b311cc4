import TextKernel
package import WireModel
import XMLCore

/// URLs as feeds must carry them: RSS 2.0 and Atom want URIs (RFC 3986), so a space or a
/// non-ASCII character is percent-encoded (its UTF-8 bytes), and what can never be a link
/// (a script URL, no scheme at all) is refused.
package enum URIText {
    /// `s` as a URI, or nil when it cannot be a link.
    package static func encoded(_ s: String) -> String? {
        let t = s.trimmingWhitespace()
        var bytes = t
        return bytes.withUTF8 { b -> String? in
            // scheme ":" with the scheme a letter, then letters, digits, "+", "-", ".".
            guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(b[0]),
                b[..<colon].allSatisfy({
                    isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
                })
            else { return nil }
            let scheme = String(decoding: UnsafeBufferPointer(rebasing: b[..<colon]), as: UTF8.self).lowercased()
            guard !["javascript", "vbscript", "data"].contains(scheme) else { return nil }
            // Most links need nothing encoded: the text as it stands.
            var k = 0
            while k < b.count
                && (allowedTable[Int(b[k])] || (b[k] == 0x25 && k + 2 < b.count && isHex(b[k + 1]) && isHex(b[k + 2])))
            {
                k += 1
            }
            if k == b.count { return t }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[..<k]))
            let hex = Array("0123456789ABCDEF".utf8)
            while k < b.count {
                let c = b[k]
                if c == UInt8(ascii: "%"), k + 2 < b.count, isHex(b[k + 1]), isHex(b[k + 2]) {
                    out.append(c)
                } else if allowedTable[Int(c)] {
                    out.append(c)
                } else {
                    out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 0x0F)]])
                }
                k += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z") }

    /// RFC 3986's unreserved and reserved characters.
    static func allowed(_ c: UInt8) -> Bool { allowedTable[Int(c)] }

    static let allowedTable: [Bool] = (0..<256).map { i in
        let c = UInt8(i)
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=".utf8.contains(c)
        }
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }

    /// A person as one link, as JSON Feed and ninjs carry people: their URI, else a
    /// `mailto:` link of their e-mail address.
    package static func link(of p: Person) -> String? {
        p.uri.flatMap { encoded($0) } ?? p.email.map { "mailto:" + $0 }
    }

    /// A person read back from such a link: a `mailto:` link is an e-mail address, anything
    /// else a URI.
    package static func person(name: String?, link: String?, role: Person.Role? = nil) -> Person? {
        let email = link.flatMap { $0.lowercased().hasPrefix("mailto:") ? String($0.dropFirst(7)) : nil }
        guard let name = name ?? email ?? (link != nil ? "" : nil) else { return nil }
        return Person(name: name, email: email, uri: email == nil ? link : nil, role: role)
    }

    /// The URI of an article's `what` (its url, a medium's url), or an error naming the article.
    package static func link(_ s: String, what: String, article: Article) throws -> String {
        guard let u = encoded(s) else {
            throw XMLError(
                .writer,
                "article \(article.id): its \(what) '\(s.prefix(80))' is not a link a feed may carry (an absolute http(s) URL is expected)"
            )
        }
        return u
    }
}
