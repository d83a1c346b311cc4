/// What makes a document RSS: its namespaces and its root.
extension Namespace {
    /// RSS 1.0's core namespace (RDF-based).
    package static let rss10 = "http://purl.org/rss/1.0/"
    /// RSS 0.90's core namespace (RDF-based).
    package static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    package static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// RSS 1.0's content module, also common in RSS 2.0 (`content:encoded`).
    package static let content = "http://purl.org/rss/1.0/modules/content/"
    /// Namespaces some RSS 2.0 writers put `<rss>` and its elements in (UserLand's, Harvard's).
    package static let rss2: Set<String> = [
        "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss",
    ]
}

extension DocumentFormat {
    /// The local names of RSS roots: `rss`, and RSS 0.90's and 1.0's `rdf:RDF`.
    static let rssRoots: Set<String> = ["rss", "RDF"]

    /// RSS 0.91–2.0: `<rss>` in no namespace; its `version` tells 0.91 and 0.92 (0.93 and
    /// 0.94 read as 0.92) from 2.0, which is also what any other version is read as.
    static func rss(root local: String, namespace: String, version: String?) -> DocumentFormat? {
        guard local == "rss", namespace.isEmpty || Namespace.rss2.contains(namespace) else { return nil }
        switch version ?? "" {
        case "0.91": return .rss091
        case "0.92", "0.93", "0.94": return .rss092
        default: return .rss20
        }
    }

    /// RSS 0.90 and 1.0 are `<rdf:RDF>` documents; the namespace of their channel or items
    /// tells which (nil for another namespace).
    static func rdf(channelNamespace namespace: String) -> DocumentFormat? {
        switch namespace {
        case Namespace.rss090: .rss090
        case Namespace.rss10: .rss10
        default: nil
        }
    }
}
