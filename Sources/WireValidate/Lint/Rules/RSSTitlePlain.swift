import TextKernel
import XMLCore

/// `rss.title.plain`: Titles are plain text: not empty, no markup.
final class RSSTitlePlain: LintRule {
    static let info = RuleInfo(
        id: "rss.title.plain", severity: .warning,
        summary: "Titles are plain text: not empty, no markup.",
        spec: "https://www.rssboard.org/rss-profile#element-channel-item-title", formats: .rss)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ place: String, _ out: inout FindingSink) {
        let text = e.text
        if text.trimmingWhitespace().isEmpty {
            out.add(info, line: e.line, "\(place) title is empty")
        } else if MarkupSniff.hasCommonHTMLTag(text) {
            out.add(info, line: e.line, "\(place) title contains markup; titles are plain text")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "title" && e.namespace.isEmpty { check(e, "channel", &out) }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) { for t in e.elements("title", "") { check(t, "item", &out) } }
}
