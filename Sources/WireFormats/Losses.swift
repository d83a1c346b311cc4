public import WireModel

extension OutputFormat {
    /// The article's fields (as the JSON contract names them) that this format has no home
    /// for, or can carry only in part, for this article: what a newsroom should know a
    /// format drops before it ships. Only fields the article has are listed.
    public func losses(of a: Article) -> [String] {
        var lost: [String] = []
        func drop(_ field: String, _ present: Bool) { if present { lost.append(field) } }
        let others = a.authors.contains { !($0.role == nil || $0.role == .author) }
        switch self {
        case .json:
            return []
        case .rss:
            drop("version", a.version != nil)
            drop("subtitle", a.subtitle != nil)
            // One date: pubDate, the published time (else the updated one).
            drop("updated", a.published != nil && a.updated != nil && a.updated != a.published)
            drop("keywords", !a.keywords.isEmpty)
            drop("dateline", a.dateline != nil)
            drop("publisher", a.publisher != nil)
            drop("embargo", a.embargo != nil)
            drop("urgency", a.urgency != nil)
            // Editors and photographers: dc:contributor, names only.
            drop("authors", a.authors.contains { $0.uri != nil } || (others && a.authors.contains { $0.email != nil }))
            drop("categories", a.categories.contains { $0.label != nil })
            drop("media", a.media.contains { $0.renditions.contains { $0.name != nil && $0.name != "thumbnail" } })
        case .atom:
            drop("version", a.version != nil)
            drop("subtitle", a.subtitle != nil)
            drop("keywords", !a.keywords.isEmpty)
            drop("dateline", a.dateline != nil)
            drop("publisher", a.publisher != nil)
            drop("embargo", a.embargo != nil)
            drop("urgency", a.urgency != nil)
            // Roles other than author read back as contributor.
            drop("authors", a.authors.contains { $0.role == .editor || $0.role == .photographer })
            drop("media", a.media.contains { $0.renditions.contains { $0.name != nil && $0.name != "thumbnail" } })
        case .newsml:
            drop("media", a.media.contains { $0.kind == nil })  // documents: no item of their own
        case .jsonfeed:
            drop("version", a.version != nil)
            drop("subtitle", a.subtitle != nil)
            drop("dateline", a.dateline != nil)
            drop("source", a.source != nil)
            drop("publisher", a.publisher != nil)
            drop("rights", a.rights != nil)
            drop("embargo", a.embargo != nil)
            drop("urgency", a.urgency != nil)
            drop("authors", others || a.authors.contains { $0.uri != nil && $0.email != nil })
            drop("categories", a.categories.contains { $0.scheme != nil || $0.label != nil })
            drop("keywords", !a.keywords.isEmpty)  // merged into tags with the category terms
            drop("media", a.media.contains { $0.credit != nil || $0.width != nil || !$0.renditions.isEmpty })
        case .ninjs:
            drop("url", a.url != nil)
            drop("keywords", !a.keywords.isEmpty)
            drop("publisher", a.publisher != nil)
            drop("rights", a.rights?.year != nil && a.rights?.notice == nil)
        }
        return lost
    }
}
