import WireFormats
import XMLCore

/// `newsml.language.bcp47`: Language tags must be BCP 47.
final class NewsMLLanguageBCP47: LintRule {
    static let info = RuleInfo(
        id: "newsml.language.bcp47", severity: .warning,
        summary: "Language tags must be BCP 47.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#language", formats: .newsml)

    init(options: LintOptions) {}
    func check(_ x: XMLElement, _ value: String?, _ out: inout FindingSink) {
        guard let v = value, !v.isEmpty, !Check.isBCP47(v) else { return }
        out.add(info, line: x.line, "language '\(v)' is not a BCP 47 tag (e.g. en, en-GB)")
    }

    /// Where NewsML-G2 carries languages: xml:lang on the item and on its metadata and
    /// content wrappers, language/@tag (not inside the XHTML body, which no rule reads).
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        check(e, e.attribute("lang", namespace: Namespace.xml), &out)
        for part in e.elements where part.namespace == Namespace.nar {
            check(part, part.attribute("lang", namespace: Namespace.xml), &out)
            for c in part.elements {
                check(c, c.attribute("lang", namespace: Namespace.xml), &out)
                if c.name == "language" && c.namespace == Namespace.nar { check(c, c.attribute("tag"), &out) }
            }
        }
    }

    func root(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
