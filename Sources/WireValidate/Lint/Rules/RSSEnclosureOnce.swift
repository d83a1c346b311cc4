import XMLCore

/// `rss.enclosure.once`: an item carries one enclosure; many readers take only the first.
final class RSSEnclosureOnce: LintRule {
    static let info = RuleInfo(
        id: "rss.enclosure.once", severity: .warning,
        summary: "An item should carry one enclosure (readers take the first; use Media RSS for more).",
        spec: "https://www.rssboard.org/rss-profile#element-channel-item-enclosure", formats: .rss)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        let enclosures = e.elements("enclosure", "")
        if enclosures.count > 1 {
            out.add(info, line: enclosures[1].line, "item has \(enclosures.count) enclosures; readers take the first")
        }
    }
}
