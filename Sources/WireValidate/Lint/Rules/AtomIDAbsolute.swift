import WireFormats
import XMLCore

/// `atom.id.absolute`: atom:id must be an absolute IRI.
final class AtomIDAbsolute: LintRule {
    static let info = RuleInfo(
        id: "atom.id.absolute", severity: .error,
        summary: "atom:id must be an absolute IRI.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.6", formats: .atom)

    init(options: LintOptions) {}
    func check(_ e: XMLElement?, _ out: inout FindingSink) {
        guard let e else { return }
        let v = Check.text(e)
        if !Check.isAbsoluteURI(v) {
            out.add(
                info, line: e.line, "id '\(v)' is not an absolute IRI (e.g. tag:example.org,2024:1 or urn:uuid:...)")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "id" && e.namespace == Namespace.atom { check(e, &out) }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e.first("id", Namespace.atom), &out) }
}
