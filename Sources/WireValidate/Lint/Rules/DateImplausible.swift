import TextKernel
import WireFormats
import WireModel
import XMLCore

/// `date.implausible`: a date that parses but is before 1990 or more than a day after now:
/// a wrong clock or a software error, and readers sort by it.
final class DateImplausible: LintRule {
    static let info = RuleInfo(
        id: "date.implausible", severity: .warning,
        summary: "Dates should be plausible: not before 1990, not more than a day in the future.",
        spec: "https://www.rssboard.org/rss-profile#data-types-datetime", formats: .feeds)

    static let earliest = Timestamp(rfc3339: "1990-01-01T00:00:00Z")!
    let latest: Timestamp

    init(options: LintOptions) { latest = Timestamp(seconds: options.now.seconds + 86_400) }

    func parse(_ x: XMLElement) -> Timestamp? {
        let v = Check.text(x)
        guard !v.isEmpty else { return nil }
        switch (x.namespace, x.name) {
        case ("", "pubDate"), ("", "lastBuildDate"): return RSSDates.parse(v)?.0
        case (Namespace.dc, "date"): return Check.w3cdtf(v)
        case (Namespace.atom, "published"), (Namespace.atom, "updated"): return Timestamp(rfc3339: v)
        default: return nil
        }
    }

    func visit(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            stack += x.elements
            guard let t = parse(x) else { continue }
            if t < Self.earliest {
                out.add(info, line: x.line, "\(x.name) \(t.rfc3339) is before 1990")
            } else if t > latest {
                out.add(info, line: x.line, "\(x.name) \(t.rfc3339) is in the future")
            }
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
}
