public import WireModel

extension FieldCarriage {
    /// JSON Feed 1.1's field table: an item's keys.
    public static func jsonFeed(_ field: Article.Field) -> Self {
        switch field {
        case .id: .whole("items[].id")
        case .url: .whole("items[].url")
        case .title: .whole("items[].title")
        case .summary: .whole("items[].summary")
        case .body: .whole("items[].content_html")
        case .language: .whole("items[].language")
        case .published: .whole("items[].date_published")
        case .updated: .whole("items[].date_modified")
        // Authors only (their URI, else their e-mail address as a mailto: link).
        case .authors:
            .part("items[].authors (name, url)") { a in
                a.hasOtherRoles || a.authors.contains { $0.uri != nil && $0.email != nil }
            }
        // Tags are bare terms; keywords join them (and read back as categories).
        case .categories: .part("items[].tags") { a in a.categories.contains { $0.scheme != nil || $0.label != nil } }
        case .media:
            .part("items[].attachments (url, type, size, title)") { a in
                a.media.contains { $0.credit != nil || $0.width != nil || !$0.renditions.isEmpty }
            }
        case .status: .actedOn("only usable stories are published")
        case .version, .subtitle, .keywords, .dateline, .source, .publisher, .rights, .embargo, .urgency: .none
        }
    }
}
