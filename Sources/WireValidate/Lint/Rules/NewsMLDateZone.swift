import WireFormats
import WireModel
import XMLCore

/// `newsml.date.zone`: NewsML-G2 date-times need a time zone.
final class NewsMLDateZone: LintRule {
    static let info = RuleInfo(
        id: "newsml.date.zone", severity: .error,
        summary: "NewsML-G2 date-times need a time zone.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#dates", formats: .newsml)

    static let names: Set<String> = [
        "versionCreated", "firstCreated", "embargoed", "contentCreated", "contentModified", "sent",
    ]
    init(options: LintOptions) {}
    /// Dates live in the header and in itemMeta / contentMeta: only those are looked at.
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        let parts =
            e.name == "header"
            ? [e]
            : e.elements.filter { $0.namespace == Namespace.nar && ($0.name == "itemMeta" || $0.name == "contentMeta") }
        for part in parts {
            for x in part.elements where x.namespace == Namespace.nar && Self.names.contains(x.name) {
                let v = Check.text(x)
                if !v.isEmpty && Timestamp(rfc3339: v) == nil {
                    out.add(
                        info, line: x.line,
                        "\(x.name) '\(v)' is not a date-time with a time zone (e.g. 2025-03-01T10:15:00Z)")
                }
            }
        }
    }

    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
