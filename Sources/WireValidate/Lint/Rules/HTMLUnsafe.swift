import XMLCore

/// `html.unsafe`: HTML must not carry script, iframe, object, embed, event handlers or javascript: URLs.
final class HTMLUnsafe: LintRule {
    static let info = RuleInfo(
        id: "html.unsafe", severity: .error,
        summary: "HTML must not carry script, iframe, object, embed, event handlers or javascript: URLs.",
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
