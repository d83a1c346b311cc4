import WireModel
import XMLCore

/// `rss.date.zone`: Dates need a numeric offset or an RFC 822 zone name.
final class RSSDateZone: LintRule {
    static let info = RuleInfo(
        id: "rss.date.zone", severity: .warning,
        summary: "Dates need a numeric offset or an RFC 822 zone name.",
        spec: "https://www.rfc-editor.org/rfc/rfc822#section-5", formats: .rss)

    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for d in RSSDates.itemDates(e) { check(d, &out) } }
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard let text = RSSDates.text(e), let (_, notes) = RSSDates.parse(text) else { return }
        if notes.contains(.unknownZone) || notes.contains(.noOffset) {
            out.add(
                info, line: e.line, "\(e.name) '\(text)' has no numeric offset or RFC 822 zone (use e.g. +0700 or GMT)")
        }
    }
}
