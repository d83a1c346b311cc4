import TextKernel
import WireFormats
import XMLCore

/// `feed.self.matches`: The self link must be where the feed is published (--self-url).
final class FeedSelfMatches: LintRule {
    static let info = RuleInfo(
        id: "feed.self.matches", severity: .error,
        summary: "The self link must be where the feed is published (--self-url).",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7.2", formats: .feeds)

    let expected: String?
    init(options: LintOptions) { expected = options.selfURL }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        guard let expected, e.namespace == Namespace.atom, e.name == "link", e.attribute("rel") == "self",
            let href = e.attribute("href")?.trimmingWhitespace()
        else { return }
        if href != expected {
            out.add(info, line: e.line, "self link '\(href)' is not where the feed is published ('\(expected)')")
        }
    }
}
