import XMLCore

/// `rss.date.rfc822`: pubDate and lastBuildDate must be RFC 822 dates.
final class RSSDateRFC822: LintRule {
    static let info = RuleInfo(
        id: "rss.date.rfc822", severity: .error,
        summary: "pubDate and lastBuildDate must be RFC 822 dates.",
        spec: "https://www.rssboard.org/rss-specification#ltpubdategtSubelementOfLtitemgt", formats: .rss)

    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for d in RSSDates.itemDates(e) { check(d, &out) } }
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard let text = RSSDates.text(e) else { return }
        if RSSDates.parse(text) == nil {
            out.add(
                info, line: e.line, "\(e.name) '\(text)' is not an RFC 822 date (e.g. Tue, 07 Jul 2020 10:00:00 +0700)")
        }
    }
}
