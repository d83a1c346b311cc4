import TextKernel

/// A person in a by-line or a feed's authors.
public struct Person: Sendable, Hashable, Codable {
    /// The part a person played in an article.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case author, editor, photographer, contributor
    }

    public var name: String
    public var email: String?
    public var uri: String?
    public var role: Role?

    public init(name: String, email: String? = nil, uri: String? = nil, role: Role? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
        self.role = role
    }
}

/// A subject: a term, optionally from a scheme, with a human label.
public struct Category: Sendable, Hashable, Codable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }

    /// The IPTC Media Topics scheme URI.
    public static let iptcMediaTopics = "http://cv.iptc.org/newscodes/mediatopic/"
}

/// Copyright: who holds it, since when, and the notice as printed.
public struct Rights: Sendable, Hashable, Codable {
    public var holder: String?
    public var year: Int?
    public var notice: String?

    public init(holder: String? = nil, year: Int? = nil, notice: String? = nil) {
        self.holder = holder
        self.year = year
        self.notice = notice
    }

    /// The notice to print: the one given, else `© year holder`.
    public var displayNotice: String? {
        if let notice { return notice }
        switch (year, holder) {
        case (let y?, let h?): return "© \(y) \(h)"
        case (nil, let h?): return "© \(h)"
        case (let y?, nil): return "© \(y)"
        default: return nil
        }
    }

    package var isEmpty: Bool { holder == nil && year == nil && notice == nil }
}

/// One file of a picture, video or sound: the same content at one size or quality.
public struct Rendition: Sendable, Hashable, Codable {
    /// An IPTC rendition term where known (`thumbnail`, `preview`, `web`, `highRes`, `print`).
    public var name: String?
    public var url: String
    public var type: String?
    public var width: Int?
    public var height: Int?
    public var length: Int?

    public init(
        name: String? = nil, url: String, type: String? = nil, width: Int? = nil, height: Int? = nil,
        length: Int? = nil
    ) {
        self.name = name
        self.url = url
        self.type = type
        self.width = width
        self.height = height
        self.length = length
    }
}

/// A picture, sound or video that goes with an article.
public struct Media: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    /// `image`, `video`, `audio` or `document`.
    public var medium: String?
    public var length: Int?
    public var caption: String?
    public var credit: String?
    public var width: Int?
    public var height: Int?
    /// Every rendition of the same content, the main one (``url``) included; empty when
    /// there is only the one.
    public var renditions: [Rendition] = []

    public init(
        url: String, type: String? = nil, length: Int? = nil, caption: String? = nil, credit: String? = nil,
        width: Int? = nil, height: Int? = nil
    ) {
        self.url = url
        self.type = type
        self.length = length
        self.caption = caption
        self.credit = credit
        self.width = width
        self.height = height
    }

    private enum CodingKeys: String, CodingKey {
        case url, type, medium, length, caption, credit, width, height, renditions
    }

    /// Every key but `url` may be missing (front matter gives what it knows).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decode(String.self, forKey: .url)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        medium = try c.decodeIfPresent(String.self, forKey: .medium)
        length = try c.decodeIfPresent(Int.self, forKey: .length)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        credit = try c.decodeIfPresent(String.self, forKey: .credit)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
        renditions = try c.decodeIfPresent([Rendition].self, forKey: .renditions) ?? []
    }

    /// `image`, `video` or `audio`: the medium given, else what the MIME type (else the file
    /// extension) says; nil for anything else (a document).
    public var kind: String? {
        if let medium, ["image", "video", "audio"].contains(medium) { return medium }
        return MediaType.kind(ofType: type ?? MediaType.guess(fromURL: url))
    }

    /// Whether this is a picture (by MIME type, else by file extension).
    public var isPicture: Bool {
        if let type { return type.hasPrefix("image/") }
        return MediaType.guess(fromURL: url)?.hasPrefix("image/") == true
    }
}

/// Publication status, as NewsML-G2's `pubStatus`.
public enum PublicationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case usable, withheld, canceled
}

/// One news article: the unit every reader fills and every writer reads.
///
/// The JSON form is the contract of `article-model.md`: key names are fixed and
/// unknown values are omitted (never `null`, `""` or `[]`).
public struct Article: Sendable, Hashable, Codable {
    public var id: String
    public var version: Int?
    public var url: String?
    public var title: String?
    public var subtitle: String?
    public var summary: String?
    public var body: [String]
    public var language: String?
    public var published: Timestamp?
    public var updated: Timestamp?
    public var authors: [Person]
    public var categories: [Category]
    public var keywords: [String]
    public var dateline: String?
    public var source: String?
    public var publisher: String?
    public var rights: Rights?
    public var media: [Media]
    public var embargo: Timestamp?
    public var urgency: Int?
    public var status: PublicationStatus?

    public init(
        id: String, version: Int? = nil, url: String? = nil, title: String? = nil, subtitle: String? = nil,
        summary: String? = nil, body: [String] = [], language: String? = nil, published: Timestamp? = nil,
        updated: Timestamp? = nil, authors: [Person] = [], categories: [Category] = [], keywords: [String] = [],
        dateline: String? = nil, source: String? = nil, publisher: String? = nil, rights: Rights? = nil,
        media: [Media] = [], embargo: Timestamp? = nil, urgency: Int? = nil, status: PublicationStatus? = nil
    ) {
        self.id = id
        self.version = version
        self.url = url
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.body = body
        self.language = language
        self.published = published
        self.updated = updated
        self.authors = authors
        self.categories = categories
        self.keywords = keywords
        self.dateline = dateline
        self.source = source
        self.publisher = publisher
        self.rights = rights
        self.media = media
        self.embargo = embargo
        self.urgency = urgency
        self.status = status
    }

    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case id, version, url, title, subtitle, summary, body, language, published, updated, authors, categories,
            keywords, dateline, source, publisher, rights, media, embargo, urgency, status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        body = try c.decodeIfPresent([String].self, forKey: .body) ?? []
        language = try c.decodeIfPresent(String.self, forKey: .language)
        published = try c.decodeIfPresent(Timestamp.self, forKey: .published)
        updated = try c.decodeIfPresent(Timestamp.self, forKey: .updated)
        authors = try c.decodeIfPresent([Person].self, forKey: .authors) ?? []
        categories = try c.decodeIfPresent([Category].self, forKey: .categories) ?? []
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        dateline = try c.decodeIfPresent(String.self, forKey: .dateline)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        rights = try c.decodeIfPresent(Rights.self, forKey: .rights)
        media = try c.decodeIfPresent([Media].self, forKey: .media) ?? []
        embargo = try c.decodeIfPresent(Timestamp.self, forKey: .embargo)
        urgency = try c.decodeIfPresent(Int.self, forKey: .urgency)
        status = try c.decodeIfPresent(PublicationStatus.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(version, forKey: .version)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(summary, forKey: .summary)
        if !body.isEmpty { try c.encode(body, forKey: .body) }
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(published, forKey: .published)
        try c.encodeIfPresent(updated, forKey: .updated)
        if !authors.isEmpty { try c.encode(authors, forKey: .authors) }
        if !categories.isEmpty { try c.encode(categories, forKey: .categories) }
        if !keywords.isEmpty { try c.encode(keywords, forKey: .keywords) }
        try c.encodeIfPresent(dateline, forKey: .dateline)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        if let rights, !rights.isEmpty { try c.encode(rights, forKey: .rights) }
        if !media.isEmpty { try c.encode(media, forKey: .media) }
        try c.encodeIfPresent(embargo, forKey: .embargo)
        try c.encodeIfPresent(urgency, forKey: .urgency)
        try c.encodeIfPresent(status, forKey: .status)
    }

    /// The article's fields, as the JSON contract names them (`Article.Field.dateline.rawValue`
    /// is `"dateline"`).
    public typealias Field = CodingKeys

    /// Whether the article has a value for `field`: what its JSON writes (an empty list, or
    /// rights with nothing in them, are none).
    public func has(_ field: Field) -> Bool {
        switch field {
        case .id: true
        case .version: version != nil
        case .url: url != nil
        case .title: title != nil
        case .subtitle: subtitle != nil
        case .summary: summary != nil
        case .body: !body.isEmpty
        case .language: language != nil
        case .published: published != nil
        case .updated: updated != nil
        case .authors: !authors.isEmpty
        case .categories: !categories.isEmpty
        case .keywords: !keywords.isEmpty
        case .dateline: dateline != nil
        case .source: source != nil
        case .publisher: publisher != nil
        case .rights: rights.map { !$0.isEmpty } ?? false
        case .media: !media.isEmpty
        case .embargo: embargo != nil
        case .urgency: urgency != nil
        case .status: status != nil
        }
    }

    /// Why `id` cannot be an article id (empty, or with white space or control characters:
    /// ids are IRIs, and every format trims or refuses white space in them), or nil.
    public static func problem(withID id: String) -> String? {
        if id.isEmpty { return "the id is empty" }
        // ASCII bytes are judged directly; only non-ASCII scalars need Unicode's white-space property.
        let bad =
            id.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F })
            || (!id.utf8.allSatisfy { $0 < 0x80 }
                && id.unicodeScalars.contains(where: {
                    $0.value >= 0x80 && ($0.properties.isWhitespace || $0.value <= 0x9F)
                }))
        if bad {
            return "the id '\(id.prefix(80))' contains white space or control characters (ids are IRIs)"
        }
        return nil
    }

    /// The paragraph a reader sees first: the summary, else the lead.
    public var teaser: String? { summary ?? body.first }
}

/// RFC 5005 feed paging and archiving: where the pages of a feed are, and what this one is.
public struct Paging: Sendable, Hashable, Codable {
    public var first: String?
    public var last: String?
    public var next: String?
    public var previous: String?
    public var current: String?
    public var prevArchive: String?
    public var nextArchive: String?
    /// `fh:complete`: this document holds the whole feed.
    public var complete: Bool?
    /// `fh:archive`: this document is an archive page, which does not change.
    public var archive: Bool?

    public init(
        first: String? = nil, last: String? = nil, next: String? = nil, previous: String? = nil,
        current: String? = nil, prevArchive: String? = nil, nextArchive: String? = nil, complete: Bool? = nil,
        archive: Bool? = nil
    ) {
        self.first = first
        self.last = last
        self.next = next
        self.previous = previous
        self.current = current
        self.prevArchive = prevArchive
        self.nextArchive = nextArchive
        self.complete = complete
        self.archive = archive
    }

    /// The links, as (link relation, URL), in a fixed order.
    public var links: [(rel: String, href: String)] {
        [
            ("first", first), ("last", last), ("next", next), ("previous", previous), ("current", current),
            ("prev-archive", prevArchive), ("next-archive", nextArchive),
        ].compactMap { rel, href in href.map { (rel, $0) } }
    }

    /// Sets the link of a relation (`prev-archive`...); false for a relation that is not paging.
    public mutating func set(_ rel: String, _ href: String) -> Bool {
        switch rel {
        case "first": first = first ?? href
        case "last": last = last ?? href
        case "next": next = next ?? href
        case "previous", "prev": previous = previous ?? href
        case "current": current = current ?? href
        case "prev-archive": prevArchive = prevArchive ?? href
        case "next-archive": nextArchive = nextArchive ?? href
        default: return false
        }
        return true
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { self == Paging() }
}

/// Feed-level metadata.
public struct Feed: Sendable, Hashable, Codable {
    public var id: String?
    public var title: String?
    public var subtitle: String?
    public var url: String?
    public var selfURL: String?
    public var language: String?
    public var updated: Timestamp?
    public var rights: Rights?
    public var authors: [Person]
    public var generator: String?
    public var logo: String?
    /// The WebSub hub that pushes updates of this feed.
    public var hub: String?
    /// RFC 5005 paging and archive links.
    public var paging: Paging?
    /// Prefix for the ids wirefeed derives (a `tag:` URI such as `tag:example.org,2024:`).
    /// Input only: it is not part of the JSON contract's output.
    public var idBase: String?
    /// The link of a cleaned article that gives none: `{name}` stands for its file's name
    /// without extension (`https://example.com/news/{name}`). Input only, like `idBase`.
    public var linkTemplate: String?
    /// Self URLs by output (`rss`, `atom`, ...), when a feed file gives `selfURL` as a
    /// mapping: one feed file serves outputs published at different places. Input only.
    public var selfURLs: [String: String]

    public init(
        id: String? = nil, title: String? = nil, subtitle: String? = nil, url: String? = nil,
        selfURL: String? = nil, language: String? = nil, updated: Timestamp? = nil, rights: Rights? = nil,
        authors: [Person] = [], generator: String? = nil, logo: String? = nil, idBase: String? = nil,
        linkTemplate: String? = nil, selfURLs: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.url = url
        self.selfURL = selfURL
        self.language = language
        self.updated = updated
        self.rights = rights
        self.authors = authors
        self.generator = generator
        self.logo = logo
        self.idBase = idBase
        self.linkTemplate = linkTemplate
        self.selfURLs = selfURLs
    }

    /// The feed as published in `output` (`rss`, `atom`, ...): its self URL is the one the
    /// feed file gives for that output, else the single one.
    public func published(as output: String) -> Feed {
        var f = self
        f.selfURL = selfURLs[output] ?? selfURL
        f.selfURLs = [:]
        return f
    }

    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case id, title, subtitle, url, selfURL, language, updated, rights, authors, generator, logo, hub, paging,
            idBase, linkTemplate
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        // `selfURL` is a URL, or (in a feed file) a mapping from output to URL.
        if let urls = try? c.decodeIfPresent([String: String].self, forKey: .selfURL) {
            selfURLs = urls
            selfURL = nil
        } else {
            selfURLs = [:]
            selfURL = try c.decodeIfPresent(String.self, forKey: .selfURL)
        }
        language = try c.decodeIfPresent(String.self, forKey: .language)
        updated = try c.decodeIfPresent(Timestamp.self, forKey: .updated)
        rights = try c.decodeIfPresent(Rights.self, forKey: .rights)
        authors = try c.decodeIfPresent([Person].self, forKey: .authors) ?? []
        generator = try c.decodeIfPresent(String.self, forKey: .generator)
        logo = try c.decodeIfPresent(String.self, forKey: .logo)
        hub = try c.decodeIfPresent(String.self, forKey: .hub)
        paging = try c.decodeIfPresent(Paging.self, forKey: .paging)
        idBase = try c.decodeIfPresent(String.self, forKey: .idBase)
        linkTemplate = try c.decodeIfPresent(String.self, forKey: .linkTemplate)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(selfURL, forKey: .selfURL)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(updated, forKey: .updated)
        if let rights, !rights.isEmpty { try c.encode(rights, forKey: .rights) }
        if !authors.isEmpty { try c.encode(authors, forKey: .authors) }
        try c.encodeIfPresent(generator, forKey: .generator)
        try c.encodeIfPresent(logo, forKey: .logo)
        try c.encodeIfPresent(hub, forKey: .hub)
        if let paging, !paging.isEmpty { try c.encode(paging, forKey: .paging) }
    }

    /// Whether nothing at all is known about the feed.
    public var isEmpty: Bool { self == Feed() }
}

/// The JSON document `wirefeed import` and `wirefeed convert --to json` print.
public struct FeedDocument: Sendable, Hashable, Codable {
    /// What was read: `rss2.0`, `atom1.0`, `newsml-g2`, ...
    public var format: String?
    public var feed: Feed?
    public var articles: [Article]
    public var warnings: [String]?

    public init(format: String? = nil, feed: Feed? = nil, articles: [Article] = [], warnings: [String]? = nil) {
        self.format = format
        self.feed = feed
        self.articles = articles
        self.warnings = warnings
    }
}
