import TextKernel
import WireFormats
import XMLCore

/// `atom.url.absolute`: Link hrefs should be absolute, or resolvable against xml:base.
final class AtomURLAbsolute: LintRule {
    static let info = RuleInfo(
        id: "atom.url.absolute", severity: .warning,
        summary: "Link hrefs should be absolute, or resolvable against xml:base.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7.1", formats: .atom)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.namespace == Namespace.atom, e.name == "link", let href = e.attribute("href")?.trimmingWhitespace()
        else { return }
        // A malformed href is url.syntax's finding.
        if Check.uriSyntaxProblem(href) != nil { return }
        if !Check.isAbsoluteURI(href) && !(e.base.map(Check.isAbsoluteURI) ?? false) {
            out.add(info, line: e.line, "link href '\(href)' is relative and no xml:base is in scope")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for c in e.elements { check(c, &out) } }
}
