public import XMLCore

/// The syndication formats wirefeed recognises, named as in the JSON document's `format`.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case rss090 = "rss0.90"
    case rss091 = "rss0.91"
    case rss092 = "rss0.92"
    case rss10 = "rss1.0"
    case rss20 = "rss2.0"
    case atom03 = "atom0.3"
    case atom10 = "atom1.0"
    case newsml = "newsml-g2"

    /// Human name for messages.
    public var displayName: String {
        switch self {
        case .rss090: "RSS 0.90"
        case .rss091: "RSS 0.91"
        case .rss092: "RSS 0.92"
        case .rss10: "RSS 1.0 (RDF)"
        case .rss20: "RSS 2.0"
        case .atom03: "Atom 0.3"
        case .atom10: "Atom 1.0"
        case .newsml: "NewsML-G2"
        }
    }

    /// The format of a document, from its root element and namespace (and RSS's version).
    /// Throws on a document that is not well-formed before its root, or is no feed.
    public static func detect(_ reader: XMLStreamReader) throws -> (DocumentFormat, root: String) {
        while try reader.next() {
            guard reader.kind == .element else { continue }
            let name = reader.localName
            let ns = reader.namespaceURI
            switch (name, ns) {
            case ("rss", ""):
                let version = reader.attribute("version")?.trimmingWhitespace() ?? ""
                switch version {
                case "0.91": return (.rss091, name)
                case "0.92", "0.93", "0.94": return (.rss092, name)
                default: return (.rss20, name)
                }
            case ("RDF", Namespace.rdf):
                // The channel's namespace tells RSS 1.0 from 0.90.
                while try reader.next() {
                    guard reader.kind == .element else { continue }
                    if reader.namespaceURI == Namespace.rss090 { return (.rss090, name) }
                    if reader.namespaceURI == Namespace.rss10 { return (.rss10, name) }
                    if reader.depth == 1 { try reader.skipElement() }
                }
                throw XMLError(.notWellFormed, "\(reader.file):1: error: an RDF document without an RSS channel or items is not a feed")
            case ("feed", Namespace.atom), ("entry", Namespace.atom): return (.atom10, name)
            case ("feed", Namespace.atom03): return (.atom03, name)
            case ("newsItem", Namespace.nar), ("newsMessage", Namespace.nar), ("packageItem", Namespace.nar),
                ("conceptItem", Namespace.nar), ("knowledgeItem", Namespace.nar), ("planningItem", Namespace.nar):
                return (.newsml, name)
            default:
                let shown = ns.isEmpty ? "<\(name)>" : "<\(name)> in namespace \(ns)"
                throw XMLError(.notWellFormed, "\(reader.file):\(reader.line): error: root element \(shown) is not a feed (expected RSS, Atom or NewsML-G2)")
            }
        }
        throw XMLError(.notWellFormed, "\(reader.file): error: the document has no root element")
    }
}
