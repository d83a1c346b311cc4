import WireFormats
import XMLCore

/// `rss.language.bcp47`: Language codes must be BCP 47 tags.
final class RSSLanguageBCP47: LintRule {
    static let info = RuleInfo(
        id: "rss.language.bcp47", severity: .error,
        summary: "Language codes must be BCP 47 tags.",
        spec: "https://www.rssboard.org/rss-specification#optionalChannelElements", formats: .rss)

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        let v = Check.text(e)
        if !v.isEmpty && !Check.isBCP47(v) {
            out.add(info, line: e.line, "language '\(v)' is not a BCP 47 tag (e.g. en, en-US, id)")
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) {
        if e.name == "language" && (e.namespace.isEmpty || e.namespace == Namespace.dc) { check(e, &out) }
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for c in e.elements("language", Namespace.dc) { check(c, &out) }
    }
}
