public import WireModel

extension FieldCarriage {
    /// NewsML-G2's field table: a `newsItem`'s item metadata, content metadata and content.
    public static func newsML(_ field: Article.Field) -> Self {
        switch field {
        case .id: .whole("newsItem/@guid")
        case .version: .whole("newsItem/@version")
        case .url: .whole("itemMeta/link[@rel=irel:seeAlso]")
        case .title: .whole("contentMeta/headline")
        case .subtitle: .whole("contentMeta/headline[@roleuri=…subheadline]")
        case .summary: .whole("contentMeta/description[@role=drol:summary]")
        case .body: .whole("contentSet/inlineXML (XHTML paragraphs)")
        case .language: .whole("contentMeta/language")
        case .published: .whole("itemMeta/firstCreated")
        case .updated: .whole("itemMeta/versionCreated")
        case .authors: .whole("contentMeta/creator, contentMeta/contributor (role)")
        case .categories: .whole("contentMeta/subject (qcode, name)")
        case .keywords: .whole("contentMeta/keyword")
        case .dateline: .whole("contentMeta/dateline, contentMeta/located")
        case .source: .whole("contentMeta/infoSource, contentMeta/creditline")
        case .publisher: .whole("itemMeta/provider")
        case .rights: .whole("rightsInfo (copyrightHolder, copyrightNotice)")
        // Pictures, video and audio are items of their own; documents have none.
        case .media: .part("newsItem per picture, video or audio") { a in a.media.contains { $0.kind == nil } }
        case .embargo: .whole("itemMeta/embargoed")
        case .urgency: .whole("contentMeta/urgency")
        case .status: .whole("itemMeta/pubStatus")
        }
    }
}
