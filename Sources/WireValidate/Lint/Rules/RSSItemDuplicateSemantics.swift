import WireFormats
import XMLCore

/// `rss.item.duplicate-semantics`: an item or channel says one thing once. RSS's own element
/// and its Dublin Core twin (`author` and `dc:creator`, `pubDate` and `dc:date`, `category`
/// and `dc:subject`, `copyright` and `dc:rights`...) mean the same, and readers pick one.
final class RSSItemDuplicateSemantics: LintRule {
    static let info = RuleInfo(
        id: "rss.item.duplicate-semantics", severity: .warning,
        summary: "An item or channel should not say one thing twice (author and dc:creator, pubDate and dc:date...).",
        spec: "https://www.rssboard.org/rss-profile#namespace-elements-dublin-creator", formats: .rss)

    /// RSS's element, its twin's namespace and name.
    static let itemPairs: [(String, String, String)] = [
        ("author", Namespace.dc, "creator"), ("pubDate", Namespace.dc, "date"), ("category", Namespace.dc, "subject"),
    ]
    static let channelPairs: [(String, String, String)] = [
        ("managingEditor", Namespace.dc, "creator"), ("pubDate", Namespace.dc, "date"),
        ("category", Namespace.dc, "subject"), ("webMaster", Namespace.dc, "publisher"),
        ("language", Namespace.dc, "language"), ("copyright", Namespace.dc, "rights"),
        ("lastBuildDate", Namespace.dcterms, "modified"),
    ]

    /// Lines of the channel's elements seen so far, by namespace and name.
    var channel: [String: Int] = [:]
    var reported: Set<String> = []
    init(options: LintOptions) {}

    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.namespace.isEmpty && e.name == "channel" && !e.hasElementChildren {
            channel = [:]
            reported = []
            return
        }
        channel[e.namespace + "|" + e.name] = channel[e.namespace + "|" + e.name] ?? e.line
        for (core, ns, name) in Self.channelPairs where !reported.contains(core) {
            if let a = channel["|" + core], let b = channel[ns + "|" + name] {
                reported.insert(core)
                out.add(info, line: max(a, b), "channel carries both \(core) and \(Self.prefix(ns)):\(name)")
            }
        }
    }

    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for (core, ns, name) in Self.itemPairs {
            if let a = e.first(core, ""), let b = e.first(name, ns) {
                out.add(info, line: max(a.line, b.line), "item carries both \(core) and \(Self.prefix(ns)):\(name)")
            }
        }
    }

    static func prefix(_ ns: String) -> String { ns == Namespace.dcterms ? "dcterms" : "dc" }
}
