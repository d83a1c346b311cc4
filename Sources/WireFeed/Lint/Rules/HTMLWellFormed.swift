import XMLCore

/// `html.well-formed`: Escaped HTML should be well-formed (no unclosed or mismatched tags).
final class HTMLWellFormed: LintRule {
    static let info = RuleInfo(
        id: "html.well-formed", severity: .warning,
        summary: "Escaped HTML should be well-formed (no unclosed or mismatched tags).",
        spec: "https://www.rssboard.org/rss-profile#element-channel-item-description", formats: .feeds)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for c in e.elements {
            switch (c.namespace, c.name) {
            case ("", "description"), (Namespace.content, "encoded"): checkHTML(c.text, c, &out)
            case (Namespace.atom, "summary"), (Namespace.atom, "content"):
                let type = c.attribute("type") ?? "text"
                if type == "html" { checkHTML(c.text, c, &out) } else if type == "xhtml" { checkXHTML(c, &out) }
            default: break
            }
        }
    }
    func checkHTML(_ html: String, _ e: XMLElement, _ out: inout FindingSink) {
        if let problem = Markup.wellFormednessProblem(html, tags: html.utf8.contains(UInt8(ascii: "<")) ? out.tags(of: html) : []) { out.add(info, line: e.line, "\(e.name): \(problem)") }
    }
    func checkXHTML(_ e: XMLElement, _ out: inout FindingSink) {}
}
