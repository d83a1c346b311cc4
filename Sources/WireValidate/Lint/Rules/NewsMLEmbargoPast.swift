import WireFormats
import WireModel
import XMLCore

/// `newsml.embargo.past`: An embargo that has already passed is probably stale.
final class NewsMLEmbargoPast: LintRule {
    static let info = RuleInfo(
        id: "newsml.embargo.past", severity: .warning,
        summary: "An embargo that has already passed is probably stale.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#embargoed", formats: .newsml)

    let now: Timestamp
    init(options: LintOptions) { now = options.now }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let em = e.first("itemMeta", Namespace.nar)?.first("embargoed", Namespace.nar),
            let t = Timestamp(rfc3339: Check.text(em))
        else { return }
        if t < now { out.add(info, line: em.line, "embargo \(t) has already passed") }
    }
}
