import WireFormats
import XMLCore

/// `text.control-chars`: Text should not contain C1 control characters, U+FFFD or non-characters.
final class TextControlChars: LintRule {
    static let info = RuleInfo(
        id: "text.control-chars", severity: .warning,
        summary: "Text should not contain C1 control characters, U+FFFD or non-characters.",
        spec: "https://www.w3.org/TR/xml/#charsets", formats: [.rss20, .atom10, .newsml])

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            for c in x.children {
                switch c {
                case .text(let t):
                    if let bad = Self.firstBadScalar(t) {
                        out.add(
                            info, line: x.line,
                            "\(x.name) contains U+\(String(bad, radix: 16, uppercase: true)), a character that should not appear in text"
                        )
                        return
                    }
                case .element(let child): stack.append(child)
                }
            }
        }
    }
    /// C1 controls (C2 80–C2 9F), U+FFFD (EF BF BD), U+FDD0–FDEF (EF B7 90–AF), found on the UTF-8 bytes.
    static func firstBadScalar(_ t: String) -> UInt32? {
        var copy = t
        return copy.withUTF8 { b -> UInt32? in
            var i = 0
            let n = b.count
            while i + 1 < n {
                // ASCII needs no look: eight bytes at a time while their high bits are clear.
                if i + 8 <= n,
                    UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                    continue
                }
                let c = b[i]
                if c == 0xC2, (0x80...0x9F).contains(b[i + 1]) { return UInt32(b[i + 1]) }
                if c == 0xEF, i + 2 < n {
                    if b[i + 1] == 0xBF && b[i + 2] == 0xBD { return 0xFFFD }
                    if b[i + 1] == 0xB7 && (0x90...0xAF).contains(b[i + 2]) { return 0xFDC0 + UInt32(b[i + 2] & 0x3F) }
                }
                i += 1
            }
            return nil
        }
    }

    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
