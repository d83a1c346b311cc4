import TextKernel
import XMLCore

/// `rss.enclosure.attributes`: An enclosure needs url, length (bytes) and type.
final class RSSEnclosureAttributes: LintRule {
    static let info = RuleInfo(
        id: "rss.enclosure.attributes", severity: .error,
        summary: "An enclosure needs url, length (bytes) and type.",
        spec: "https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt", formats: .rss)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        for c in e.elements("enclosure", "") {
            var problems: [String] = []
            for a in ["url", "length", "type"] where (c.attribute(a) ?? "").trimmingWhitespace().isEmpty {
                problems.append("no \(a)")
            }
            if let length = c.attribute("length")?.trimmingWhitespace(), !length.isEmpty, (Int(length) ?? -1) < 0 {
                problems.append("length '\(length)' is not a number of bytes")
            }
            if !problems.isEmpty { out.add(info, line: c.line, "enclosure: \(problems.joined(separator: ", "))") }
        }
    }
}
