import TextKernel
import XMLCore

/// `newsml.guid.unique`: Each newsItem guid must be unique in a newsMessage.
final class NewsMLGuidUnique: LintRule {
    static let info = RuleInfo(
        id: "newsml.guid.unique", severity: .error,
        summary: "Each newsItem guid must be unique in a newsMessage.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#guid", formats: .newsml)

    var seen: [String: Int] = [:]
    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let g = e.attribute("guid")?.trimmingWhitespace(), !g.isEmpty else { return }
        if let first = seen[g] {
            out.add(info, line: e.line, "guid '\(g)' is already used by the item on line \(first)")
        } else {
            seen[g] = e.line
        }
    }
}
