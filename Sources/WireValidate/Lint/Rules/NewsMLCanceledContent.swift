import WireFormats
import XMLCore

/// `newsml.canceled.content`: A canceled item should not carry content.
final class NewsMLCanceledContent: LintRule {
    static let info = RuleInfo(
        id: "newsml.canceled.content", severity: .warning,
        summary: "A canceled item should not carry content.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#pubStatus", formats: .newsml)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard
            e.first("itemMeta", Namespace.nar)?.first("pubStatus", Namespace.nar)?.attribute("qcode")
                == "stat:canceled", let set = e.first("contentSet", Namespace.nar)
        else { return }
        out.add(info, line: set.line, "item has pubStatus stat:canceled but still carries content")
    }
}
