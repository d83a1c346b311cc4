import WireFormats
import WireModel
import XMLCore

/// `newsml.version-created.order`: versionCreated cannot be before firstCreated.
final class NewsMLVersionCreatedOrder: LintRule {
    static let info = RuleInfo(
        id: "newsml.version-created.order", severity: .error,
        summary: "versionCreated cannot be before firstCreated.",
        spec: "https://iptc.org/std/NewsML-G2/guidelines/#versionCreated", formats: .newsml)

    init(options: LintOptions) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        guard let meta = e.first("itemMeta", Namespace.nar), let v = meta.first("versionCreated", Namespace.nar),
            let f = meta.first("firstCreated", Namespace.nar),
            let version = Timestamp(rfc3339: Check.text(v)), let first = Timestamp(rfc3339: Check.text(f))
        else { return }
        if version < first { out.add(info, line: v.line, "versionCreated \(version) is before firstCreated \(first)") }
    }
}
