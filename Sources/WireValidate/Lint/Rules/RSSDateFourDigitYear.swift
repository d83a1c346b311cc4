import WireModel
import XMLCore

/// `rss.date.four-digit-year`: Dates should have four-digit years.
final class RSSDateFourDigitYear: LintRule {
    static let info = RuleInfo(
        id: "rss.date.four-digit-year", severity: .warning,
        summary: "Dates should have four-digit years.",
        spec: "https://www.rssboard.org/rss-profile#data-types-datetime", formats: .rss)

    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for d in RSSDates.itemDates(e) { check(d, &out) } }
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard let text = RSSDates.text(e), let (_, notes) = RSSDates.parse(text), notes.contains(.twoDigitYear) else {
            return
        }
        out.add(info, line: e.line, "\(e.name) '\(text)' has a two-digit year")
    }
}
