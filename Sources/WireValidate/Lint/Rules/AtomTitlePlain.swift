import TextKernel
import WireFormats
import XMLCore

/// `atom.title.plain`: Titles are not empty, and text titles hold no markup.
final class AtomTitlePlain: LintRule {
    static let info = RuleInfo(
        id: "atom.title.plain", severity: .warning,
        summary: "Titles are not empty, and text titles hold no markup.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-3.1.1.1", formats: .atom)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ place: String, _ out: inout FindingSink) {
        let type = e.attribute("type") ?? "text"
        if e.text.trimmingWhitespace().isEmpty {
            out.add(info, line: e.line, "\(place) title is empty")
        } else if type == "text" && MarkupSniff.hasCommonHTMLTag(e.text) {
            out.add(
                info, line: e.line,
                "\(place) title has type=\"text\" but contains markup (use type=\"html\" or plain text)")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "title" && e.namespace == Namespace.atom { check(e, "feed", &out) }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for t in e.elements("title", Namespace.atom) { check(t, "entry", &out) }
    }
}
