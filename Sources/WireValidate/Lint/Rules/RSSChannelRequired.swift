import XMLCore

/// `rss.channel.required`: A channel needs a non-empty title, link and description.
final class RSSChannelRequired: LintRule {
    static let info = RuleInfo(
        id: "rss.channel.required", severity: .error,
        summary: "A channel needs a non-empty title, link and description.",
        spec: "https://www.rssboard.org/rss-specification#requiredChannelElements", formats: .rss)

    var channelLine = 0
    var seen: Set<String> = []
    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "channel" && e.namespace.isEmpty {
            channelLine = e.line
            return
        }
        if e.namespace.isEmpty, ["title", "link", "description"].contains(e.name), !Check.text(e).isEmpty {
            seen.insert(e.name)
        }
    }
    func finish(_ out: inout FindingSink) {
        guard channelLine > 0 else { return }
        let missing = ["title", "link", "description"].filter { !seen.contains($0) }
        if !missing.isEmpty { out.add(info, line: channelLine, "channel has no \(missing.joined(separator: ", "))") }
    }
}
