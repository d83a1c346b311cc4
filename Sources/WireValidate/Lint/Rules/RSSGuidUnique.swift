import XMLCore

/// `rss.guid.unique`: Each item guid must be unique in the feed.
final class RSSGuidUnique: LintRule {
    static let info = RuleInfo(
        id: "rss.guid.unique", severity: .error,
        summary: "Each item guid must be unique in the feed.",
        spec: "https://www.rssboard.org/rss-specification#ltguidgtSubelementOfLtitemgt", formats: .rss)

    var seen: [String: Int] = [:]
    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let g = e.first("guid", "") else { return }
        let value = Check.text(g)
        guard !value.isEmpty else { return }
        if let first = seen[value] {
            out.add(info, line: g.line, "guid '\(value)' is already used by the item on line \(first)")
        } else {
            seen[value] = g.line
        }
    }
}
