import TextKernel

#if canImport(Glibc)
    import Glibc
#endif

/// What HTML5 does with feed HTML before any parser sees it, where libxml2's HTML parser
/// (HTML 4) reads it otherwise:
/// - numeric references to nothing (`&#;`, `&#x;`) stay text; to 0, a surrogate or past
///   U+10FFFF read as U+FFFD; to 0x80–0x9F read as windows-1252 (`&#146;` is ’);
/// - an `<iframe>` or `<object>` never closed holds nothing (libxml2 would make the rest of
///   the text its content, which is dropped).
enum HTMLPrepare {
    static func prepare(_ html: String) -> String {
        // Most HTML has no reference HTML5 reads otherwise and no <iframe> or <object>: one
        // look (memchr to each '&' and '<'), no copy.
        var probe = html
        let mayChange = probe.withUTF8 { b -> Bool in
            guard let base = b.baseAddress, b.count > 1 else { return false }
            for byte in [UInt8(ascii: "&"), UInt8(ascii: "<")] {
                var k = 0
                while k < b.count - 1, let hit = memchr(base + k, Int32(byte), b.count - 1 - k) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    k = at + 1
                    if byte == UInt8(ascii: "&") {
                        if b[at + 1] == UInt8(ascii: "#") && referenceNeedsRewrite(b, at) { return true }
                    } else if at + 3 < b.count {
                        let n = (b[at + 1] | 0x20, b[at + 2] | 0x20, b[at + 3] | 0x20)
                        if n == (0x69, 0x66, 0x72) || n == (0x6F, 0x62, 0x6A) { return true }  // ifr, obj
                    }
                }
            }
            return false
        }
        guard mayChange else { return html }
        var bytes = Array(html.utf8)
        var changed = references(&bytes)
        changed = unclosed(&bytes, "iframe") || changed
        changed = unclosed(&bytes, "object") || changed
        return changed ? String(decoding: bytes, as: UTF8.self) : html
    }

    /// Whether the numeric reference at `at` (`&#`) is one HTML5 reads otherwise than libxml2.
    static func referenceNeedsRewrite(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var e = at + 2
        let hex = e < b.count && b[e] | 0x20 == UInt8(ascii: "x")
        if hex { e += 1 }
        let digitsAt = e
        var value: UInt32 = 0
        while e < b.count, let d = digit(b[e], hex: hex) {
            if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + d }
            e += 1
        }
        if e == digitsAt { return true }
        return value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) || (0x80...0x9F).contains(value)
    }

    /// Numeric references HTML5 reads otherwise than libxml2; true when any was rewritten.
    static func references(_ b: inout [UInt8]) -> Bool {
        var out: [UInt8] = []
        var changed = false
        var i = 0
        var copied = 0
        while i + 1 < b.count {
            guard b[i] == UInt8(ascii: "&") && b[i + 1] == UInt8(ascii: "#") else {
                i += 1
                continue
            }
            var e = i + 2
            let hex = e < b.count && b[e] | 0x20 == UInt8(ascii: "x")
            if hex { e += 1 }
            let digitsAt = e
            var value: UInt32 = 0
            var overflow = false
            while e < b.count, let d = digit(b[e], hex: hex) {
                if value > 0x10FFFF { overflow = true } else { value = value * (hex ? 16 : 10) + d }
                e += 1
            }
            let replacement: [UInt8]?
            if e == digitsAt {
                replacement = Array("&amp;".utf8) + b[(i + 1)..<e]
                e = e < b.count && b[e] == UInt8(ascii: ";") ? e + 1 : e
                if let r = replacement { out.append(contentsOf: b[copied..<i] + r) }
                if e > i + 2 + (hex ? 1 : 0), b[e - 1] == UInt8(ascii: ";") { out.append(UInt8(ascii: ";")) }
                copied = e
                changed = true
                i = e
                continue
            } else if overflow || value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                replacement = Array("&#xFFFD;".utf8)
            } else if let u = Windows1252.htmlReference(value) {
                replacement = Array("&#\(u.value);".utf8)
            } else {
                replacement = nil
            }
            if e < b.count && b[e] == UInt8(ascii: ";") { e += 1 }
            if let replacement {
                out.append(contentsOf: b[copied..<i])
                out.append(contentsOf: replacement)
                copied = e
                changed = true
            }
            i = e
        }
        guard changed else { return false }
        out.append(contentsOf: b[copied...])
        b = out
        return true
    }

    /// Drops each `<name …>` start tag that no `</name` follows.
    static func unclosed(_ b: inout [UInt8], _ name: String) -> Bool {
        let open = Array(("<" + name).utf8)
        let close = Array(("</" + name).utf8)
        guard let first = find(b, open, from: 0) else { return false }
        var changed = false
        var at: Int? = first
        while let start = at {
            let next = start + open.count
            guard next < b.count,
                b[next] == UInt8(ascii: ">") || b[next] == UInt8(ascii: "/") || Whitespace.isHTMLSpace(b[next])
            else {
                at = find(b, open, from: next)
                continue
            }
            if find(b, close, from: next) == nil, let end = b[next...].firstIndex(of: UInt8(ascii: ">")) {
                b.removeSubrange(start...end)
                changed = true
                at = find(b, open, from: start)
            } else {
                at = find(b, open, from: next)
            }
        }
        return changed
    }

    /// Where `pattern` (lower case) occurs in `b` from `from`, any case.
    static func find(_ b: [UInt8], _ pattern: [UInt8], from: Int) -> Int? {
        guard pattern.count <= b.count else { return nil }
        var k = from
        while k + pattern.count <= b.count {
            if b[k] == pattern[0] && (1..<pattern.count).allSatisfy({ b[k + $0] | 0x20 == pattern[$0] | 0x20 }) {
                return k
            }
            k += 1
        }
        return nil
    }

    /// The value of a decimal (or, `hex`, hexadecimal) digit; the repair pass reads references with it too.
    static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
