import WireFormats
import XMLCore

/// `atom.author.required`: A feed needs an author unless every entry has one.
final class AtomAuthorRequired: LintRule {
    static let info = RuleInfo(
        id: "atom.author.required", severity: .error,
        summary: "A feed needs an author unless every entry has one.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1", formats: .atom)

    var feedHasAuthor = false
    var firstWithout: Int?
    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "author" && e.namespace == Namespace.atom { feedHasAuthor = true }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        let has =
            e.first("author", Namespace.atom) != nil
            || e.first("source", Namespace.atom)?.first("author", Namespace.atom) != nil
        if !has && firstWithout == nil { firstWithout = e.line }
    }
    func finish(_ out: inout FindingSink) {
        if !feedHasAuthor, let line = firstWithout {
            out.add(info, line: line, "entry has no author and the feed has none")
        }
    }
}
