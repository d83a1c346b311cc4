public import WireModel

extension FieldCarriage {
    /// Atom's field table (RFC 4287), with Dublin Core and Media RSS.
    public static func atom(_ field: Article.Field) -> Self {
        switch field {
        case .id: .whole("entry/id")
        case .url: .whole("entry/link[@rel=alternate]")
        case .title: .whole("entry/title")
        case .summary: .whole("entry/summary")
        case .body: .whole("entry/content")
        case .language: .whole("entry/@xml:lang (where not the feed's)")
        case .published: .whole("entry/published")
        case .updated: .whole("entry/updated")
        // Roles other than author read back as contributor.
        case .authors:
            .part("entry/author, entry/contributor") { a in
                a.authors.contains { $0.role == .editor || $0.role == .photographer }
            }
        case .categories: .whole("entry/category (term, scheme, label)")
        case .source: .whole("entry/dc:source")
        case .rights: .whole("entry/rights (the notice)")
        case .media: .part("entry/link[@rel=enclosure], entry/media:content") { $0.hasNamedRenditions }
        case .status: .actedOn("only usable stories are published; a kill is a tombstone (RFC 6721)")
        case .version, .subtitle, .keywords, .dateline, .publisher, .embargo, .urgency: .none
        }
    }
}
