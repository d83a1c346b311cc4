import WireFormats
import XMLCore

/// `atom.id.unique`: Each entry id must be unique in the feed.
final class AtomIDUnique: LintRule {
    static let info = RuleInfo(
        id: "atom.id.unique", severity: .error,
        summary: "Each entry id must be unique in the feed.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.6", formats: .atom)

    var seen: [String: Int] = [:]
    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let id = e.first("id", Namespace.atom) else { return }
        let v = Check.text(id)
        guard !v.isEmpty else { return }
        if let first = seen[v] {
            out.add(info, line: id.line, "id '\(v)' is already used by the entry on line \(first)")
        } else {
            seen[v] = id.line
        }
    }
}
