import WireFormats
import WireModel
import XMLCore

/// `atom.date.rfc3339`: Atom dates are RFC 3339 date-times with a time zone.
final class AtomDateRFC3339: LintRule {
    static let info = RuleInfo(
        id: "atom.date.rfc3339", severity: .error,
        summary: "Atom dates are RFC 3339 date-times with a time zone.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-3.3", formats: .atom)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.namespace == Namespace.atom, e.name == "updated" || e.name == "published" else { return }
        let v = Check.text(e)
        if Timestamp(rfc3339: v) == nil {
            out.add(
                info, line: e.line,
                "\(e.name) '\(v)' is not an RFC 3339 date-time with a time zone (e.g. 2024-03-01T10:00:00+07:00)")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for c in e.elements { check(c, &out) } }
}
