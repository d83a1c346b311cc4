import XMLCore

/// `rss.channel.items`: A channel with no items gives readers nothing.
final class RSSChannelItems: LintRule {
    static let info = RuleInfo(
        id: "rss.channel.items", severity: .info,
        summary: "A channel with no items gives readers nothing.",
        spec: "https://www.rssboard.org/rss-specification#hrelementsOfLtitemgt", formats: .rss)

    var channelLine = 0
    var items = 0
    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "channel" && e.namespace.isEmpty { channelLine = e.line }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) { items += 1 }
    func finish(_ out: inout FindingSink) {
        if channelLine > 0 && items == 0 { out.add(info, line: channelLine, "channel has no items") }
    }
}
