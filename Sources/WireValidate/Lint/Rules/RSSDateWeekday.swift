import WireModel
import XMLCore

/// `rss.date.weekday`: The weekday of a date must match the date.
final class RSSDateWeekday: LintRule {
    static let info = RuleInfo(
        id: "rss.date.weekday", severity: .error,
        summary: "The weekday of a date must match the date.",
        spec: "https://www.rfc-editor.org/rfc/rfc822#section-5", formats: .rss)

    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for d in RSSDates.itemDates(e) { check(d, &out) } }
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard let text = RSSDates.text(e), let (t, notes) = RSSDates.parse(text), notes.contains(.wrongWeekday) else {
            return
        }
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        out.add(info, line: e.line, "\(e.name) '\(text)': that date is a \(names[t.local.weekday])")
    }
}
