import TextKernel
import XMLCore

/// `rss.guid.permalink`: A permalink guid (isPermaLink true or absent) must be an absolute URL.
final class RSSGuidPermalink: LintRule {
    static let info = RuleInfo(
        id: "rss.guid.permalink", severity: .error,
        summary: "A permalink guid (isPermaLink true or absent) must be an absolute URL.",
        spec: "https://www.rssboard.org/rss-specification#ltguidgtSubelementOfLtitemgt", formats: .rss)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let g = e.first("guid", "") else { return }
        let value = Check.text(g)
        let permalink = (g.attribute("isPermaLink") ?? "true").trimmingWhitespace().lowercased() != "false"
        // A permalink that is malformed (a space...) is url.syntax's finding.
        if permalink && !value.isEmpty && !Check.isAbsoluteHTTP(value) && Check.uriSyntaxProblem(value) == nil {
            out.add(
                info, line: g.line,
                "guid '\(value)' is a permalink (isPermaLink defaults to true) but not a URL; add isPermaLink=\"false\""
            )
        }
    }
}
