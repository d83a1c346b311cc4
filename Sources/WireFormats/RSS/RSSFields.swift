public import WireModel

extension FieldCarriage {
    /// RSS 2.0's field table: an item's elements, with Dublin Core and Media RSS.
    public static func rss(_ field: Article.Field) -> Self {
        switch field {
        case .id: .whole("item/guid")
        case .url: .whole("item/link")
        case .title: .whole("item/title")
        case .summary: .whole("item/description")
        case .body: .whole("item/content:encoded")
        case .language: .whole("item/dc:language (where not the channel's)")
        case .published: .whole("item/pubDate")
        // One date: pubDate, the published time (else the updated one).
        case .updated:
            .part("item/pubDate, when there is no published time") {
                $0.published != nil && $0.updated != nil && $0.updated != $0.published
            }
        // Authors are <author> (one, with an e-mail address) or dc:creator, names only; the
        // other roles are dc:contributor, names only.
        case .authors:
            .part("item/author, item/dc:creator, item/dc:contributor") { a in
                a.authors.contains { $0.uri != nil } || (a.hasOtherRoles && a.authors.contains { $0.email != nil })
            }
        case .categories:
            .part("item/category (term, scheme as domain)") { a in a.categories.contains { $0.label != nil } }
        case .source: .whole("item/dc:source (and item/source for a URL)")
        case .rights: .whole("item/dc:rights (the notice)")
        case .media: .part("item/enclosure, item/media:content, media:thumbnail") { $0.hasNamedRenditions }
        case .status: .actedOn("only usable stories are published")
        case .version, .subtitle, .keywords, .dateline, .publisher, .embargo, .urgency: .none
        }
    }
}
