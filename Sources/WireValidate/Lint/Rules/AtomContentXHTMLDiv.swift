import TextKernel
import WireFormats
import XMLCore

/// `atom.content.xhtml-div`: type="xhtml" text must be one xhtml:div.
final class AtomContentXHTMLDiv: LintRule {
    static let info = RuleInfo(
        id: "atom.content.xhtml-div", severity: .error,
        summary: "type=\"xhtml\" text must be one xhtml:div.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-3.1.1.3", formats: .atom)

    static let constructs: Set<String> = ["title", "subtitle", "summary", "content", "rights"]
    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.namespace == Namespace.atom, Self.constructs.contains(e.name), e.attribute("type") == "xhtml" else {
            return
        }
        let divs = e.elements
        let strayText = e.children.contains {
            if case .text(let t) = $0 { return !t.trimmingWhitespace().isEmpty } else { return false }
        }
        if divs.count != 1 || divs[0].name != "div" || divs[0].namespace != Namespace.xhtml || strayText {
            out.add(info, line: e.line, "\(e.name) type=\"xhtml\" must hold exactly one xhtml:div")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for c in e.elements { check(c, &out) } }
}
