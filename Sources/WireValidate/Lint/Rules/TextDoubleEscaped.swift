import XMLCore

/// `text.double-escaped`: HTML escaped twice shows its tags as text (`&lt;p&gt;` on screen).
final class TextDoubleEscaped: LintRule {
    static let info = RuleInfo(
        id: "text.double-escaped", severity: .warning,
        summary: "HTML should be escaped once: escaped tags in it show as text (&lt;p&gt;).",
        spec: "https://www.rssboard.org/rss-profile#data-types-html", formats: .feeds)

    static let names = ["p", "b", "i", "a", "br", "img", "div", "span", "em", "strong"]

    /// Whether HTML source holds an escaped tag: `&lt;` (or `&#60;`), a tag name, then a space,
    /// `/` or `&gt;`. A scan of the UTF-8 bytes: most fields hold no `&lt;` at all.
    static func holdsEscapedTag(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { b in
            let amp = UInt8(ascii: "&")
            var i = 0
            while let k = b[i...].firstIndex(of: amp) {
                i = k + 1
                var j: Int
                if starts(b, at: k, with: "&lt;") {
                    j = k + 4
                } else if starts(b, at: k, with: "&#60;") {
                    j = k + 5
                } else {
                    continue
                }
                if j < b.count && b[j] == UInt8(ascii: "/") { j += 1 }
                for name in names where starts(b, at: j, with: name, caseInsensitive: true) {
                    let n = j + name.utf8.count
                    if n < b.count
                        && (b[n] == 0x20 || b[n] == UInt8(ascii: "/") || starts(b, at: n, with: "&gt;")
                            || starts(b, at: n, with: "&#62;"))
                    {
                        return true
                    }
                }
            }
            return false
        }
    }

    static func starts(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, with s: String, caseInsensitive: Bool = false
    ) -> Bool {
        var k = i
        for c in s.utf8 {
            guard k < b.count else { return false }
            let x = caseInsensitive ? b[k] | 0x20 : b[k]
            if x != c { return false }
            k += 1
        }
        return true
    }

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        HTMLFields.visit(
            e,
            html: { html, field in
                if Self.holdsEscapedTag(html) {
                    out.add(info, line: field.line, "\(field.name) holds HTML escaped twice (its tags show as text)")
                }
            }, xhtml: { _ in })
    }
}
