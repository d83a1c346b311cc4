import WireFormats
import XMLCore

/// `rss.atom-self.present`: A channel should say where it lives with atom:link rel="self".
final class RSSAtomSelfPresent: LintRule {
    static let info = RuleInfo(
        id: "rss.atom-self.present", severity: .info,
        summary: "A channel should say where it lives with atom:link rel=\"self\".",
        spec: "https://www.rssboard.org/rss-profile#namespace-elements-atom-link", formats: [.rss20])

    var channelLine = 0
    var found = false
    /// Advice (info) unless the user said where the feed lives (--self-url): then a warning.
    let reported: RuleInfo
    init(options: LintOptions) {
        var info = Self.info
        if options.selfURL != nil { info.severity = .warning }
        reported = info
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "channel" && e.namespace.isEmpty { channelLine = e.line }
        if e.namespace == Namespace.atom && e.name == "link" && e.attribute("rel") == "self" { found = true }
    }
    func finish(_ out: inout FindingSink) {
        if channelLine > 0 && !found { out.add(reported, line: channelLine, "channel has no atom:link rel=\"self\"") }
    }
}
