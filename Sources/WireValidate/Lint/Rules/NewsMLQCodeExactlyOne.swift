import WireFormats
import XMLCore

/// `newsml.qcode.exactly-one`: a provider carries exactly one of qcode/uri/literal, a subject
/// at most one (a name alone is allowed), a link exactly one of href/residref.
final class NewsMLQCodeExactlyOne: LintRule {
    static let info = RuleInfo(
        id: "newsml.qcode.exactly-one", severity: .error,
        summary: "provider carries exactly one of qcode/uri/literal, subject at most one; a link one of href/residref.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#qcodes", formats: .newsml)

    init(options: LintOptions) {}
    func count(_ e: XMLElement, _ names: [String]) -> Int { names.filter { e.attribute($0) != nil }.count }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        if let meta = e.first("itemMeta", Namespace.nar) {
            for p in meta.elements("provider", Namespace.nar) where count(p, ["qcode", "uri", "literal"]) != 1 {
                out.add(info, line: p.line, "provider must have exactly one of qcode, uri, literal")
            }
            for l in meta.elements("link", Namespace.nar) where count(l, ["href", "residref"]) != 1 {
                out.add(info, line: l.line, "link must have exactly one of href, residref")
            }
        }
        if let cm = e.first("contentMeta", Namespace.nar) {
            // A subject may be a name alone (IPTC's own examples have them); two identifiers conflict.
            for s in cm.elements("subject", Namespace.nar) where count(s, ["qcode", "uri", "literal"]) > 1 {
                out.add(info, line: s.line, "subject must have at most one of qcode, uri, literal")
            }
        }
    }
}
