import WireFormats
import XMLCore

/// `newsml.urgency.range`: urgency is 1 (most urgent) to 9.
final class NewsMLUrgencyRange: LintRule {
    static let info = RuleInfo(
        id: "newsml.urgency.range", severity: .error,
        summary: "urgency is 1 (most urgent) to 9.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#urgency", formats: .newsml)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let u = e.first("contentMeta", Namespace.nar)?.first("urgency", Namespace.nar) else { return }
        let v = Check.text(u)
        if let n = Int(v), (1...9).contains(n) { return }
        out.add(info, line: u.line, "urgency '\(v)' is not between 1 and 9")
    }
}
