import TextKernel
import WireFormats
import XMLCore

/// `rss.url.absolute`: Links, enclosure, image, source and comments URLs must be absolute.
final class RSSURLAbsolute: LintRule {
    static let info = RuleInfo(
        id: "rss.url.absolute", severity: .error,
        summary: "Links, enclosure, image, source and comments URLs must be absolute.",
        spec: "https://www.rssboard.org/rss-specification#requiredChannelElements", formats: .rss)

    init(options: LintOptions) {}
    func check(_ value: String?, _ what: String, line: Int, _ out: inout FindingSink) {
        guard let value else { return }
        let v = value.trimmingWhitespace()
        // A malformed URL (a space...) is url.syntax's finding.
        if !v.isEmpty && !Check.isAbsoluteURI(v) && Check.uriSyntaxProblem(v) == nil {
            out.add(info, line: line, "\(what) '\(v)' is not an absolute URL")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        switch (e.namespace, e.name) {
        case ("", "link"): check(e.text, "link", line: e.line, &out)
        case ("", "image"):
            for c in e.elements where c.namespace.isEmpty && (c.name == "url" || c.name == "link") {
                check(c.text, "image \(c.name)", line: c.line, &out)
            }
        default: break  // atom:link hrefs may be relative (resolved against the feed's address)
        }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for c in e.elements {
            switch (c.namespace, c.name) {
            case ("", "link"), ("", "comments"): check(c.text, c.name, line: c.line, &out)
            case ("", "enclosure"): check(c.attribute("url"), "enclosure url", line: c.line, &out)
            case ("", "source"): check(c.attribute("url"), "source url", line: c.line, &out)
            default: break
            }
        }
    }
}
