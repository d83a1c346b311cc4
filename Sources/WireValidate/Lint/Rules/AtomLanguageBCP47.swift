import WireFormats
import XMLCore

/// `atom.language.bcp47`: xml:lang and dc:language values must be BCP 47 tags.
final class AtomLanguageBCP47: LintRule {
    static let info = RuleInfo(
        id: "atom.language.bcp47", severity: .error,
        summary: "xml:lang and dc:language values must be BCP 47 tags.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-2", formats: .atom)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            if let lang = x.attribute("lang", namespace: Namespace.xml), !lang.isEmpty, !Check.isBCP47(lang) {
                out.add(info, line: x.line, "xml:lang '\(lang)' is not a BCP 47 tag (e.g. en, en-US)")
            }
            if x.namespace == Namespace.dc && x.name == "language" {
                let v = Check.text(x)
                if !v.isEmpty && !Check.isBCP47(v) {
                    out.add(info, line: x.line, "dc:language '\(v)' is not a BCP 47 tag (e.g. en, en-US)")
                }
            }
            stack += x.elements
        }
    }
    func root(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
