import TextKernel
import WireFormats
import XMLCore

/// `dc.date.w3cdtf`: Dublin Core dates are W3C-DTF (`2025-05-31`, `2025-05-31T09:30:00Z`).
final class DCDateW3CDTF: LintRule {
    static let info = RuleInfo(
        id: "dc.date.w3cdtf", severity: .error,
        summary: "dc:date and dcterms dates must be W3C-DTF (YYYY-MM-DD, or a date-time with a zone).",
        spec: "https://www.w3.org/TR/NOTE-datetime", formats: .feeds)

    static func isDCDate(_ e: XMLElement) -> Bool {
        (e.namespace == Namespace.dc && e.name == "date")
            || (e.namespace == Namespace.dcterms && ["created", "modified", "issued"].contains(e.name))
    }

    init(options: LintOptions) {}
    func visit(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            if Self.isDCDate(x) {
                let v = Check.text(x)
                if !v.isEmpty && Check.w3cdtf(v) == nil {
                    out.add(info, line: x.line, "\(x.name) '\(v.prefix(60))' is not a W3C-DTF date")
                }
            }
            stack += x.elements
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
}
