import Foundation
import XMLCore

/// `text.double-escaped`: HTML escaped twice shows its tags as text (`&lt;p&gt;` on screen).
final class TextDoubleEscaped: LintRule {
    static let info = RuleInfo(
        id: "text.double-escaped", severity: .warning,
        summary: "HTML should be escaped once: escaped tags in it show as text (&lt;p&gt;).",
        spec: "https://www.rssboard.org/rss-profile#data-types-html", formats: .feeds)

    static let names = ["p", "b", "i", "a", "br", "img", "div", "span", "em", "strong"]

    /// Whether HTML source holds an escaped tag: `&lt;` (or `&#60;`), a tag name, then a space,
    /// `/` or `&gt;`.
    static func holdsEscapedTag(_ html: String) -> Bool {
        guard html.contains("&lt;") || html.contains("&#60;") else { return false }
        let lower = html.lowercased()
        for lt in ["&lt;", "&#60;"] {
            var rest = lower[...]
            while let r = rest.range(of: lt) {
                var after = rest[r.upperBound...]
                if after.hasPrefix("/") { after = after.dropFirst() }
                for name in names where after.hasPrefix(name) {
                    let next = after.dropFirst(name.count)
                    if next.hasPrefix(" ") || next.hasPrefix("/") || next.hasPrefix("&gt;") || next.hasPrefix("&#62;") {
                        return true
                    }
                }
                rest = rest[r.upperBound...]
            }
        }
        return false
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
