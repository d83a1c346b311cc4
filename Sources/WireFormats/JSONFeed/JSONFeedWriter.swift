import TextKernel
public import WireModel
public import XMLCore

/// Writes JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), streaming: the feed's
/// members, then one item per article as it comes.
///
/// Mapping: `id`, `url`, `title`, `summary`; the body as `content_html` (escaped `<p>`
/// paragraphs) and `content_text` (paragraphs separated by a blank line); `published` and
/// `updated` as `date_published` / `date_modified`; the authors with role author as
/// `authors` (`url`: their URI, else a `mailto:` link); category terms, then keywords, as
/// `tags`; `language`; media as `attachments` (`mime_type` from the type or the file name).
/// Editors, photographers, the dateline, urgency, rights and NewsML-only fields have no
/// home in JSON Feed and are left out.
public final class JSONFeedWriter: FeedWriter {
    let feed: Feed
    let context: WriteContext
    let sink: any ByteSink
    private var items = ArticleList()

    /// The version URL every JSON Feed 1.1 document starts with.
    public static let version = "https://jsonfeed.org/version/1.1"

    /// Throws when the feed has no title (JSON Feed requires one).
    public init(feed: Feed, context: WriteContext, sink: any ByteSink) throws {
        if let missing = OutputFormat.jsonfeed.missingIdentity(of: feed) { throw XMLError(.writer, missing) }
        self.feed = feed
        self.context = context
        self.sink = sink
    }

    public func begin() throws {
        var j = JSONBuilder()
        j.open("{")
        j.key("version")
        j.string(Self.version)
        j.opt("title", feed.title)
        j.opt("home_page_url", feed.url.flatMap { URIText.encoded($0) })
        j.opt("feed_url", feed.selfURL.flatMap { URIText.encoded($0) })
        j.opt("description", feed.subtitle)
        j.opt("icon", feed.logo.flatMap { URIText.encoded($0) })
        Self.authors(feed.authors, into: &j)
        j.opt("language", feed.language)
        j.opt("next_url", feed.paging?.next.flatMap { URIText.encoded($0) })
        j.objects("hubs", feed.hub.flatMap { URIText.encoded($0) }.map { [$0] } ?? []) { j, hub in
            j.opt("type", "WebSub")
            j.opt("url", hub)
        }
        j.key("items")
        j.raw("[")
        try sink.write(j.text)
    }

    public func write(_ a: Article) throws {
        try items.append(to: sink) { try Self.encode(a, into: &$0) }
    }

    static func encode(_ a: Article, into j: inout JSONBuilder) throws {
        j.open("{")
        j.key("id")
        j.string(a.id)
        if let url = a.url { j.opt("url", try URIText.link(url, what: "url", article: a)) }
        if let title = a.title, !title.trimmingWhitespace().isEmpty { j.opt("title", title) }
        if !a.body.isEmpty {
            var html: [UInt8] = []
            for (k, p) in a.body.enumerated() {
                if k > 0 { html.append(0x0A) }
                html.append(contentsOf: "<p>".utf8)
                XMLText.appendEscaped(p, to: &html, htmlFirst: false)
                html.append(contentsOf: "</p>".utf8)
            }
            j.opt("content_html", String(decoding: html, as: UTF8.self))
            j.opt("content_text", a.body.joined(separator: "\n\n"))
        } else {
            // JSON Feed requires content_html or content_text: an article without a body has
            // an empty one (its summary and title are written as such, not repeated here).
            j.opt("content_text", "")
        }
        j.opt("summary", a.summary)
        if let picture = a.media.first(where: \.isPicture) {
            j.opt("image", try URIText.link(picture.url, what: "picture url", article: a))
        }
        j.opt("date_published", a.published?.rfc3339)
        j.opt("date_modified", a.updated?.rfc3339)
        Self.authors(a.authors.filter { $0.role == nil || $0.role == .author }, into: &j)
        var tags: [String] = []
        for t in a.categories.map(\.term) + a.keywords where !t.isEmpty && !tags.contains(t) { tags.append(t) }
        j.strings("tags", tags)
        j.opt("language", a.language)
        try j.objects("attachments", a.media) { j, m in
            j.key("url")
            j.string(try URIText.link(m.url, what: "media url", article: a))
            j.key("mime_type")
            j.string(m.type ?? MediaType.guess(fromURL: m.url) ?? "application/octet-stream")
            j.opt("title", m.caption)
            j.opt("size_in_bytes", m.length.flatMap { $0 > 0 ? $0 : nil })
        }
        j.close("}")
    }

    public func finish() throws {
        var j = items.closing()
        j.raw("}\n")
        try sink.write(j.text)
    }

    /// People as JSON Feed authors: `name`, and `url` (their URI, else a `mailto:` link).
    static func authors(_ people: [Person], into j: inout JSONBuilder) {
        j.objects("authors", people) { j, p in
            if !p.name.isEmpty { j.opt("name", p.name) }
            j.opt("url", URIText.link(of: p))
        }
    }
}
