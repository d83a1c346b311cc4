import WireFormats
import XMLCore

/// `newsml.embargo.status`: An embargoed item should have pubStatus stat:withheld.
final class NewsMLEmbargoStatus: LintRule {
    static let info = RuleInfo(
        id: "newsml.embargo.status", severity: .warning,
        summary: "An embargoed item should have pubStatus stat:withheld.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#embargoed", formats: .newsml)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let meta = e.first("itemMeta", Namespace.nar), let em = meta.first("embargoed", Namespace.nar),
            !Check.text(em).isEmpty
        else { return }
        let status = meta.first("pubStatus", Namespace.nar)?.attribute("qcode") ?? "stat:usable"
        if status != "stat:withheld" {
            out.add(info, line: em.line, "embargoed item has pubStatus \(status), not stat:withheld")
        }
    }
}
