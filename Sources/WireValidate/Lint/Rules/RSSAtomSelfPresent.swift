import WireFormats
import XMLCore

/// `rss.atom-self.present`: A channel should say where it lives with atom:link rel="self".
final class RSSAtomSelfPresent: LintRule {
    static let info = RuleInfo(
        id: "rss.atom-self.present", severity: .warning,
        summary: "A channel should say where it lives with atom:link rel=\"self\".",
        spec: "https://www.rssboard.org/rss-profile#namespace-elements-atom-link", formats: .rss)

    var channelLine = 0
    var found = false
    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "channel" && e.namespace.isEmpty { channelLine = e.line }
        if e.namespace == Namespace.atom && e.name == "link" && e.attribute("rel") == "self" { found = true }
    }
    func finish(_ out: inout FindingSink) {
        if channelLine > 0 && !found { out.add(info, line: channelLine, "channel has no atom:link rel=\"self\"") }
    }
}
