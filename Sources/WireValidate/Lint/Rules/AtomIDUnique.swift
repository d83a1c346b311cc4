import WireFormats
import XMLCore

/// `atom.id.unique`: Each entry id should be unique in the feed. A warning: RFC 4287 lets a
/// feed carry several versions of one entry (they should differ in `updated`), and readers
/// keep one.
final class AtomIDUnique: LintRule {
    static let info = RuleInfo(
        id: "atom.id.unique", severity: .warning,
        summary: "Each entry id should be unique in the feed (versions of one entry differ in updated).",
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
