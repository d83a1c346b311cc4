public import WireModel

extension FieldCarriage {
    /// IPTC ninjs's field table (3.x keys; 2.x spells them in lower case).
    public static func ninjs(_ field: Article.Field) -> Self {
        switch field {
        case .id: .whole("uri")
        case .version: .whole("version")
        case .title: .whole("headlines[role=main]")
        case .subtitle: .whole("headlines[role=sub]")
        case .summary: .whole("descriptions[role=summary]")
        case .body: .whole("bodies[role=main]")
        case .language: .whole("language")
        case .published: .whole("firstCreated")
        case .updated: .whole("versionCreated")
        case .authors: .whole("people (name, rel, uri)")
        case .categories: .whole("subjects (literal, name, uri)")
        case .dateline: .whole("located")
        case .source: .whole("infoSources[role=source]")
        // A year alone (no notice) has no home.
        case .rights:
            .part("copyrightHolder, copyrightNotice") { a in a.rights?.year != nil && a.rights?.notice == nil }
        case .media: .whole("associations (renditions)")
        case .embargo: .whole("embargoedUntil")
        case .urgency: .whole("urgency")
        case .status: .whole("pubStatus")
        case .url, .keywords, .publisher: .none
        }
    }
}
