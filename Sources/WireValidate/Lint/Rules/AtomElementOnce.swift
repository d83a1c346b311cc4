import TextKernel
import WireFormats
import XMLCore

/// `atom.element.once`: the feed and entry elements RFC 4287 allows once occur once, and no
/// two alternate links share a type and language.
final class AtomElementOnce: LintRule {
    static let info = RuleInfo(
        id: "atom.element.once", severity: .error,
        summary: "Feed and entry elements Atom allows once occur once; alternate links differ in type or hreflang.",
        spec: "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1", formats: .atom)

    static let feedOnce: Set<String> = ["id", "title", "subtitle", "updated", "rights", "icon", "logo", "generator"]
    static let entryOnce: Set<String> = [
        "id", "title", "summary", "content", "published", "updated", "rights", "source",
    ]

    /// What an alternate link is told apart by (nil: not an alternate link).
    static func alternateKey(_ e: XMLElement) -> String? {
        guard e.namespace == Namespace.atom, e.name == "link" else { return nil }
        let rel = e.attribute("rel")?.trimmingWhitespace() ?? "alternate"
        guard rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate" else { return nil }
        return (e.attribute("type") ?? "") + "|" + (e.attribute("hreflang") ?? "")
    }

    var feedSeen: Set<String> = []
    var feedAlternates: Set<String> = []
    init(options: LintOptions) {}

    func check(
        _ e: XMLElement, once: Set<String>, seen: inout Set<String>, alternates: inout Set<String>, in parent: String,
        _ out: inout FindingSink
    ) {
        guard e.namespace == Namespace.atom else { return }
        if once.contains(e.name), !seen.insert(e.name).inserted {
            out.add(info, line: e.line, "\(parent) has a second \(e.name) (Atom allows one)")
        }
        if let key = Self.alternateKey(e), !alternates.insert(key).inserted {
            out.add(info, line: e.line, "\(parent) has a second alternate link with the same type and hreflang")
        }
    }

    func head(_ e: XMLElement, _ out: inout FindingSink) {
        check(e, once: Self.feedOnce, seen: &feedSeen, alternates: &feedAlternates, in: "feed", &out)
    }
    func item(_ e: XMLElement, _ out: inout FindingSink) {
        var seen: Set<String> = []
        var alternates: Set<String> = []
        for c in e.elements { check(c, once: Self.entryOnce, seen: &seen, alternates: &alternates, in: "entry", &out) }
    }
}
