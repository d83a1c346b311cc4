import XMLCore

/// `rss.element.once`: the channel and item elements RSS allows once occur once.
final class RSSElementOnce: LintRule {
    static let info = RuleInfo(
        id: "rss.element.once", severity: .error,
        summary: "Channel and item elements that RSS allows once (title, link, guid, pubDate...) occur once.",
        spec: "https://www.rssboard.org/rss-profile#element-channel", formats: .rss)

    static let channelOnce: Set<String> = [
        "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
        "lastBuildDate", "docs", "generator", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "cloud",
    ]
    static let itemOnce: Set<String> = [
        "title", "link", "description", "author", "comments", "guid", "pubDate", "source",
    ]

    var channelSeen: Set<String> = []
    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.namespace.isEmpty else { return }
        if e.name == "channel" && !e.hasElementChildren {
            channelSeen = []
            return
        }
        guard Self.channelOnce.contains(e.name) else { return }
        if !channelSeen.insert(e.name).inserted {
            out.add(info, line: e.line, "channel has a second \(e.name) (RSS allows one)")
        }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        var seen: Set<String> = []
        for c in e.elements where c.namespace.isEmpty && Self.itemOnce.contains(c.name) {
            if !seen.insert(c.name).inserted {
                out.add(info, line: c.line, "item has a second \(c.name) (RSS allows one)")
            }
        }
    }
}
