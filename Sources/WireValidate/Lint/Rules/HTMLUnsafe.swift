import XMLCore

/// `html.unsafe`: HTML should not carry what aggregators strip: script, iframe, object,
/// embed, meta, style, form and the like, event handlers, javascript: and data: URLs, CSS
/// that loads or runs something. A warning: readers tolerate it (they strip it).
final class HTMLUnsafe: LintRule {
    static let info = RuleInfo(
        id: "html.unsafe", severity: .warning,
        summary:
            "HTML should not carry script, iframe, object, embed, meta, style, form, event handlers, javascript: or data: URLs.",
        spec: "https://www.rssboard.org/rss-profile#element-channel-item-description", formats: .feeds)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        HTMLFields.visit(e, html: { checkHTML($0, $1, &out) }, xhtml: { checkXHTML($0, &out) })
    }
    func checkHTML(_ html: String, _ e: XMLElement, _ out: inout FindingSink) {
        if let problem = Markup.unsafeHTML(html, tags: html.utf8.contains(UInt8(ascii: "<")) ? out.tags(of: html) : [])
        {
            out.add(info, line: e.line, "\(e.name) carries \(problem)")
        }
    }
    func checkXHTML(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = e.elements
        while let x = stack.popLast() {
            if let problem = Markup.unsafeElement(
                x.name.lowercased(), x.attributes.map { ($0.name.lowercased(), $0.value) })
            {
                out.add(info, line: x.line, "\(e.name) carries \(problem)")
                return
            }
            stack += x.elements
        }
    }
}
