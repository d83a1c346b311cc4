import TextKernel
import WireFormats
import XMLCore

/// `text.html-in-plain`: plain-text fields other than titles (authors, categories, Atom
/// text constructs of type text) hold no HTML: readers show it as it is.
final class TextHTMLInPlain: LintRule {
    static let info = RuleInfo(
        id: "text.html-in-plain", severity: .warning,
        summary: "Plain-text fields (authors, categories, text summaries...) should not hold HTML.",
        spec: "https://www.rssboard.org/rss-profile#data-types-characterdata", formats: .feeds)

    static let rssPlain: Set<String> = ["author", "managingEditor", "webMaster", "category"]
    static let atomText: Set<String> = ["subtitle", "summary", "rights"]

    init(options: LintOptions) {}

    func isPlainField(_ x: XMLElement, parent: XMLElement?) -> Bool {
        switch x.namespace {
        case "": return Self.rssPlain.contains(x.name)
        case Namespace.dc: return x.name == "creator" || x.name == "subject"
        case Namespace.atom:
            if Self.atomText.contains(x.name) { return (x.attribute("type") ?? "text") == "text" }
            if x.name == "name", let parent, parent.namespace == Namespace.atom,
                parent.name == "author" || parent.name == "contributor"
            {
                return true
            }
            return false
        default: return false
        }
    }

    func visit(_ e: XMLElement, _ out: inout FindingSink) {
        var stack: [(XMLElement, XMLElement?)] = [(e, nil)]
        while let (x, parent) = stack.popLast() {
            if isPlainField(x, parent: parent), !x.hasElementChildren, MarkupSniff.hasCommonHTMLTag(x.text) {
                out.add(info, line: x.line, "\(x.name) is plain text but holds HTML markup")
            }
            stack += x.elements.map { ($0, x) }
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
}
