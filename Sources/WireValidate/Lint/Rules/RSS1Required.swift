import TextKernel
import WireFormats
import XMLCore

/// `rss1.channel.required`: an RSS 1.0 channel has rdf:about, title, link, description and
/// items (RSS 0.90: title, link, description).
final class RSS1ChannelRequired: LintRule {
    static let info = RuleInfo(
        id: "rss1.channel.required", severity: .error,
        summary: "An RSS 1.0 channel needs rdf:about, title, link, description and items.",
        spec: "https://web.resource.org/rss/1.0/spec#s5.3", formats: .rdf)

    init(options: LintOptions) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        guard e.name == "channel", e.namespace == Namespace.rss10 || e.namespace == Namespace.rss090 else { return }
        let isRSS1 = e.namespace == Namespace.rss10
        var missing: [String] = []
        if isRSS1 && e.attribute("about", namespace: Namespace.rdf) == nil { missing.append("rdf:about") }
        for name in ["title", "link", "description"] + (isRSS1 ? ["items"] : [])
        where e.first(name, e.namespace).map({ Check.text($0).isEmpty && !$0.hasElementChildren }) ?? true {
            missing.append(name)
        }
        if !missing.isEmpty {
            out.add(info, line: e.line, "channel lacks \(missing.joined(separator: ", "))")
        }
    }
}

/// `rss1.item.required`: an RSS 1.0 item has rdf:about, title and link (RSS 0.90: title, link).
final class RSS1ItemRequired: LintRule {
    static let info = RuleInfo(
        id: "rss1.item.required", severity: .error,
        summary: "An RSS 1.0 item needs rdf:about, title and link.",
        spec: "https://web.resource.org/rss/1.0/spec#s5.5", formats: .rdf)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        let isRSS1 = e.namespace == Namespace.rss10
        var missing: [String] = []
        if isRSS1 && e.attribute("about", namespace: Namespace.rdf) == nil { missing.append("rdf:about") }
        for name in ["title", "link"] where e.first(name, e.namespace).map({ Check.text($0).isEmpty }) ?? true {
            missing.append(name)
        }
        if !missing.isEmpty { out.add(info, line: e.line, "item lacks \(missing.joined(separator: ", "))") }
    }
}
