import TextKernel
import WireFormats
import XMLCore

/// `rss.item.duplicate-semantics`: an item (or channel) says one thing once: `author` and
/// `dc:creator`, or `pubDate` and `dc:date`, mean the same, and readers pick one of them.
final class RSSItemDuplicateSemantics: LintRule {
    static let info = RuleInfo(
        id: "rss.item.duplicate-semantics", severity: .warning,
        summary: "An item should not carry both author and dc:creator, or both pubDate and dc:date.",
        spec: "https://www.rssboard.org/rss-profile#namespace-elements-dublin-creator", formats: .rss)

    static let pairs: [(String, String, String)] = [("author", "creator", "author"), ("pubDate", "date", "pubDate")]

    var channel: [String: Int] = [:]
    init(options: LintOptions) {}

    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.namespace.isEmpty && e.name == "channel" && !e.hasElementChildren { channel = [:] }
        if e.namespace.isEmpty && e.name == "pubDate" { channel["|pubDate"] = e.line }
        if e.namespace == Namespace.dc && e.name == "date" { channel["dc|date"] = e.line }
        if let a = channel["|pubDate"], let b = channel["dc|date"], channel["reported"] == nil {
            channel["reported"] = 1
            out.add(info, line: max(a, b), "channel carries both pubDate and dc:date")
        }
    }

    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for (core, dc, name) in Self.pairs {
            if let a = e.first(core, ""), let b = e.first(dc, Namespace.dc) {
                out.add(info, line: max(a.line, b.line), "item carries both \(name) and dc:\(dc)")
            }
        }
    }
}
