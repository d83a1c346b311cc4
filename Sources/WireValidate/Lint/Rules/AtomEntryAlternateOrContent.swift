import WireFormats
import XMLCore

/// `atom.entry.alternate-or-content`: An entry without content needs a rel="alternate" link.
final class AtomEntryAlternateOrContent: LintRule {
    static let info = RuleInfo(
        id: "atom.entry.alternate-or-content", severity: .error,
        summary: "An entry without content needs a rel=\"alternate\" link.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.2", formats: .atom)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.name == "entry", e.first("content", Namespace.atom) == nil else { return }
        let alternate = e.elements("link", Namespace.atom).contains {
            ($0.attribute("rel") ?? "alternate") == "alternate"
        }
        if !alternate { out.add(info, line: e.line, "entry has no content and no alternate link") }
    }
}
