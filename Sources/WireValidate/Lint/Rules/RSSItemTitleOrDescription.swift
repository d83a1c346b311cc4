import XMLCore

/// `rss.item.title-or-description`: An item needs a title or a description.
final class RSSItemTitleOrDescription: LintRule {
    static let info = RuleInfo(
        id: "rss.item.title-or-description", severity: .error,
        summary: "An item needs a title or a description.",
        spec: "https://www.rssboard.org/rss-specification#hrelementsOfLtitemgt", formats: .rss)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        // The specification asks for the element; an empty one is rss.title.plain's or the reader's matter.
        if e.first("title", "") == nil && e.first("description", "") == nil {
            out.add(info, line: e.line, "item has neither a title nor a description")
        }
    }
}
