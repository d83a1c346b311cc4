import TextKernel
import WireFormats
import XMLCore

/// `url.syntax`: every URL wirefeed's formats carry is a valid URI or IRI reference: no white
/// space, no control characters, none of `< > " { } | \ ^` and backtick, `%` only as an
/// escape, a well-formed scheme. Whether it is absolute is the `*.url.absolute` rules' finding.
final class URLSyntax: LintRule {
    static let info = RuleInfo(
        id: "url.syntax", severity: .error,
        summary: "URLs (links, guids, enclosures, media, icons, xml:base...) must be valid URI or IRI references.",
        spec: "https://www.rfc-editor.org/rfc/rfc3987#section-2.2", formats: .feeds)

    /// Atom's URLs are IRIs (RFC 4287); RSS's are URIs, non-ASCII percent-encoded.
    var allowsIRI = false
    /// RSS readers trim the text of `link`; Atom's URIs are taken as they are.
    var trimsText = true

    init(options: LintOptions) {}

    /// Elements whose text is a URL, by namespace and name.
    static let textURLs: Set<String> = [
        "|link", "|url", "|comments", "|docs", "\(Namespace.rss10)|link", "\(Namespace.rss10)|url",
        "\(Namespace.rss090)|link", "\(Namespace.rss090)|url", "\(Namespace.atom)|icon", "\(Namespace.atom)|logo",
        "\(Namespace.atom)|uri",
    ]

    /// Attributes that are URLs, by the element's namespace and name.
    static let attributeURLs: [String: [String]] = [
        "|enclosure": ["url"], "|source": ["url"], "\(Namespace.atom)|link": ["href"],
        "\(Namespace.atom)|content": ["src"], "\(Namespace.atom)|generator": ["uri"],
        "\(Namespace.atom)|category": ["scheme"], "\(Namespace.media)|content": ["url"],
        "\(Namespace.media)|thumbnail": ["url"], "\(Namespace.media)|player": ["url"],
    ]

    func check(_ value: String, _ what: String, line: Int, text: Bool = false, _ out: inout FindingSink) {
        if let problem = Check.uriSyntaxProblem(value, iri: allowsIRI, trimmed: text && trimsText) {
            out.add(
                info, line: line, "\(what) '\(value.trimmingWhitespace().prefix(120))' is not a valid URL: \(problem)")
        }
    }

    func visit(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            let key = x.namespace + "|" + x.name
            if Self.textURLs.contains(key) && !x.hasElementChildren {
                check(x.text, x.name, line: x.line, text: true, &out)
            }
            if key == "|guid", (x.attribute("isPermaLink")?.trimmingWhitespace().lowercased() ?? "true") != "false" {
                check(x.text, "permalink guid", line: x.line, text: true, &out)
            }
            for name in Self.attributeURLs[key] ?? [] {
                if let v = x.attribute(name) { check(v, "\(x.name) \(name)", line: x.line, &out) }
            }
            if let base = x.attribute("base", namespace: Namespace.xml) { check(base, "xml:base", line: x.line, &out) }
            for a in x.attributes where a.namespace == Namespace.rdf && (a.name == "about" || a.name == "resource") {
                check(a.value, "rdf:\(a.name)", line: x.line, &out)
            }
            stack += x.elements.reversed()
        }
    }

    func root(_ e: XMLElement, _ out: inout FindingSink) {
        allowsIRI = e.namespace == Namespace.atom
        trimsText = !allowsIRI
        visit(e, &out)
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
}
