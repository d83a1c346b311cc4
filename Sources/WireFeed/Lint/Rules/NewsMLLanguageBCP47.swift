import XMLCore

/// `newsml.language.bcp47`: Language tags must be BCP 47.
final class NewsMLLanguageBCP47: LintRule {
    static let info = RuleInfo(
        id: "newsml.language.bcp47", severity: .warning,
        summary: "Language tags must be BCP 47.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#language", formats: .newsml)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            let tag = x.name == "language" && x.namespace == Namespace.nar ? x.attribute("tag") : nil
            for v in [x.attribute("lang", namespace: Namespace.xml), tag].compactMap({ $0 }) where !v.isEmpty && !Check.isBCP47(v) {
                out.add(info, line: x.line, "language '\(v)' is not a BCP 47 tag (e.g. en, en-GB)")
            }
            // Into contentSet too (inlineXML carries xml:lang), but not through the XHTML body.
            if x.namespace == Namespace.nar { stack += x.elements }
        }
    }
    func root(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
