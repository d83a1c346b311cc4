import WireFormats
import XMLCore

/// `atom.self.present`: A feed should say where it lives with link rel="self".
final class AtomSelfPresent: LintRule {
    static let info = RuleInfo(
        id: "atom.self.present", severity: .info,
        summary: "A feed should say where it lives with link rel=\"self\".",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7.2", formats: .atom)

    var isFeed = false
    var line = 0
    var found = false
    /// Advice (info) unless the user said where the feed lives (--self-url): then a warning.
    let reported: RuleInfo
    init(options: LintOptions) {
        var info = Self.info
        if options.selfURL != nil { info.severity = .warning }
        reported = info
    }
    func root(_ e: XMLElement, _ out: inout FindingSink) {
        isFeed = e.name == "feed"
        line = e.line
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.namespace == Namespace.atom && e.name == "link" && e.attribute("rel") == "self" { found = true }
    }
    func finish(_ out: inout FindingSink) {
        if isFeed && !found { out.add(reported, line: line, "feed has no link rel=\"self\"") }
    }
}
