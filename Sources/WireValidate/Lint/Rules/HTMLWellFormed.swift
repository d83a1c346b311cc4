import XMLCore

/// `html.well-formed`: Escaped HTML should be well-formed (no unclosed or mismatched tags).
final class HTMLWellFormed: LintRule {
    static let info = RuleInfo(
        id: "html.well-formed", severity: .warning,
        summary: "Escaped HTML should be well-formed (no unclosed or mismatched tags).",
        spec: "https://www.rssboard.org/rss-profile#element-channel-item-description", formats: .feeds)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        HTMLFields.visit(e, html: { checkHTML($0, $1, &out) }, xhtml: { checkXHTML($0, &out) })
    }
    func checkHTML(_ html: String, _ e: XMLElement, _ out: inout FindingSink) {
        if let problem = Markup.wellFormednessProblem(
            html, tags: html.utf8.contains(UInt8(ascii: "<")) ? out.tags(of: html) : [])
        {
            out.add(info, line: e.line, "\(e.name): \(problem)")
        }
    }
    func checkXHTML(_ e: XMLElement, _ out: inout FindingSink) {}
}
