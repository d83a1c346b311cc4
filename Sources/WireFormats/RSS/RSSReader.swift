import NewsText
import TextKernel
import WireModel
package import XMLCore

/// Reads RSS 0.90, 0.91, 0.92, 1.0 (RDF) and 2.0, with the common extensions
/// (content, Dublin Core, Media RSS, `atom:link`), matching namespaces by URI.
package struct RSSReader {
    let format: DocumentFormat
    /// The namespace of the core elements: none for 0.91/0.92/2.0 (or the one its root is in,
    /// as some RSS 2.0 writers put it), RDF-based for 0.90 and 1.0.
    let core: String

    package init(format: DocumentFormat, rootNamespace: String = "") {
        self.format = format
        switch format {
        case .rss10: core = Namespace.rss10
        case .rss090: core = Namespace.rss090
        default: core = rootNamespace
        }
    }

    var isRDF: Bool { format == .rss10 || format == .rss090 }

    /// What the reading loop hands on: an element tree and where it was.
    enum Piece: Sendable {
        case item(XMLElement)
        case head(XMLElement)
        case rdfChannel(XMLElement)
        case rdfImage(XMLElement)
        /// The `xml:lang` of the root or the channel: the language of items that name none.
        case language(String)
        /// An element beside the channel that is not read (but may hold items).
        case unread(XMLElement)
    }

    /// Maps pieces to articles and the feed (on the pipeline's second thread).
    struct Consumer: PieceConsumer {
        let reader: RSSReader
        var feed = Feed()
        var language: String?

        mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool {
            switch piece {
            case .item(let e):
                return try ctx.emit(reader.item(e, feed: feed, language: language, ctx: &ctx), line: e.line)
            case .language(let l):
                language = l
            case .rdfChannel(let e):
                for child in e.elements { reader.head(child, into: &feed, ctx: &ctx) }
            case .rdfImage(let e):
                if let url = e.first("url", reader.core).map({ Whitespace.collapse($0.text) }), !url.isEmpty {
                    feed.logo = URIResolver.resolve(url, against: e.base)
                }
            case .head(let e):
                reader.head(e, into: &feed, ctx: &ctx)
                if e.namespace != reader.core || e.name != "image" { ctx.noteUnreadItems(in: e) }
            case .unread(let e):
                ctx.noteUnreadItems(in: e)
            }
            return true
        }

        mutating func finish(_ ctx: inout ImportContext) throws {
            ctx.warnIfNoArticles()
            try ctx.handler.end(feed: feed)
        }
    }

    package func read(_ r: XMLStreamReader, _ ctx: inout ImportContext) throws {
        guard let layout = DocumentLayout(format) else { return }
        try ImportPipeline.run(Consumer(reader: self), &ctx) { send in
            try layout.walk(r) { part, base in
                switch part {
                case .root, .container:
                    // The language of the root, then of the channel: that of items naming none.
                    guard let l = r.attribute("lang", namespace: Namespace.xml).flatMap(nonEmpty) else { return true }
                    return send(.language(l))
                case .item, .strayItem:
                    return send(.item(try r.readElement(base: base)))
                case .head, .strayHead:
                    let e = try r.readElement(base: base)
                    if isRDF && e.namespace == core && e.name == "channel" { return send(.rdfChannel(e)) }
                    if isRDF && e.namespace == core && e.name == "image" { return send(.rdfImage(e)) }
                    return send(.head(e))
                case .unread:
                    return send(.unread(try r.readElement(base: base)))
                case .loneItem, .tombstone, .otherItem:
                    try r.skipElement()
                    return true
                }
            }
        }
    }

    /// One channel-level element.
    func head(_ e: XMLElement, into feed: inout Feed, ctx: inout ImportContext) {
        switch (e.namespace, e.name) {
        case (core, "title"): feed.title = feed.title ?? nonEmpty(FeedText.line(e.text, html: false))
        case (core, "link"): feed.url = feed.url ?? nonEmpty(e.text).map { URIResolver.resolve($0, against: e.base) }
        case (core, "description"):
            feed.subtitle =
                feed.subtitle
                ?? nonEmpty(FeedText.paragraphs(e.text, html: false, base: e.base).joined(separator: "\n\n"))
        case (core, "language"), (Namespace.dc, "language"):
            feed.language = feed.language ?? nonEmpty(e.text).flatMap(LanguageTag.normalized)
        case (core, "copyright"), (Namespace.dc, "rights"):
            if feed.rights == nil { feed.rights = Rights.fromNotice(e.text) }
        case (core, "managingEditor"), (core, "webMaster"):
            if feed.authors.isEmpty, let p = People.parse(e.text) { feed.authors = [p] }
        case (Namespace.dc, "creator"):
            if feed.authors.isEmpty, let p = People.parse(e.text) {
                feed.authors = [Person(name: p.name, email: p.email)]
            }
        case (core, "lastBuildDate"): feed.updated = ctx.date(e, "lastBuildDate") ?? feed.updated
        case (core, "pubDate"), (Namespace.dc, "date"): if feed.updated == nil { feed.updated = ctx.date(e, e.name) }
        case (core, "generator"), ("http://webns.net/mvcb/", "generatorAgent"):
            feed.generator = feed.generator ?? nonEmpty(e.text) ?? e.attribute("resource", namespace: Namespace.rdf)
        case (core, "image"):
            if let url = e.first("url", core).flatMap({ nonEmpty($0.text) }) {
                feed.logo = URIResolver.resolve(url, against: e.base)
            }
        case (Namespace.atom, "link"):
            let rel = e.attribute("rel") ?? "alternate"
            if let href = e.attribute("href").flatMap(nonEmpty) {
                if rel == "self" { feed.selfURL = feed.selfURL ?? URIResolver.resolve(href, against: e.base) }
                if rel == "alternate" && feed.url == nil { feed.url = URIResolver.resolve(href, against: e.base) }
                _ = Paging.read(rel: rel, href: URIResolver.resolve(href, against: e.base), into: &feed)
            }
        case (Namespace.history, _):
            _ = Paging.read(element: e.name, namespace: e.namespace, into: &feed)
        default: break
        }
    }

    /// One item.
    func item(_ e: XMLElement, feed: Feed, language: String?, ctx: inout ImportContext) -> Article {
        var a = Article(id: "")
        var guid: String?
        var permalink = false
        var pubDate: Timestamp?
        var dcDate: Timestamp?
        var media = MediaList()
        var description: XMLElement?
        var content: XMLElement?
        var dcLanguage: String?
        var fallback = Fallbacks()
        let base = e.base ?? feed.url
        for c in e.elements {
            switch (c.namespace, c.name) {
            case (core, "title"):
                if a.title == nil { a.title = nonEmpty(FeedText.line(c.text, html: false)) }
            case (core, "link"):
                if a.url == nil, let link = nonEmpty(c.text) {
                    a.url = URIResolver.resolve(link, against: c.base ?? base)
                }
            case (core, "description"):
                description = description ?? c
            case (Namespace.content, "encoded"):
                content = content ?? c
            case (core, "guid"):
                if guid == nil, let g = nonEmpty(c.text) {
                    guid = g
                    permalink = (c.attribute("isPermaLink") ?? "true").lowercased() != "false"
                }
            case (core, "pubDate"):
                pubDate = pubDate ?? ctx.date(c, "pubDate")
            case (Namespace.dc, "date"):
                dcDate = dcDate ?? ctx.date(c, "dc:date")
            case (core, "author"):
                if let p = People.parse(c.text) { a.authors.append(p) }
            case (Namespace.dc, "creator"):
                if let n = nonEmpty(c.text) { a.authors.append(Person(name: n)) }
            case (core, "category"):
                if let term = nonEmpty(c.text) {
                    a.categories.append(Category(term: term, scheme: c.attribute("domain").flatMap(nonEmpty)))
                }
            case (Namespace.dc, "subject"):
                if let term = nonEmpty(c.text) { a.categories.append(Category(term: term)) }
            case (core, "enclosure"):
                if let url = c.attribute("url").flatMap(nonEmpty) {
                    var m = Media(url: URIResolver.resolve(url, against: c.base ?? base))
                    m.type = c.attribute("type").flatMap(nonEmpty)
                    m.medium = MediaList.medium(nil, type: m.type)
                    m.length = c.attribute("length").flatMap { Int($0.trimmingCharacters()) }.flatMap {
                        $0 > 0 ? $0 : nil
                    }
                    media.add(m)
                }
            case (Namespace.media, "content"), (Namespace.media, "thumbnail"):
                media.addMediaRSS(c, base: c.base ?? base)
            case (Namespace.media, "group"):
                media.addMediaRSSGroup(c, base: c.base ?? base)
            case (core, "source"):
                a.source = a.source ?? nonEmpty(c.text) ?? c.attribute("url").flatMap(nonEmpty)
            case (Namespace.dc, "source"):
                a.source = nonEmpty(c.text) ?? a.source
            case (Namespace.dc, "rights"):
                if a.rights == nil { a.rights = ctx.rights(c.text) }
            case (Namespace.dc, "language"):
                dcLanguage = dcLanguage ?? nonEmpty(c.text)
            default:
                fallback.take(c, base: c.base ?? base, core: core, ctx: &ctx)
            }
        }
        var images: [HTMLReducer.Image] = []
        if let content {
            (a.body, images) = FeedText.paragraphsAndImages(content.text, html: true, base: content.base ?? base)
        }
        if let description {
            let (paragraphs, shown) = FeedText.paragraphsAndImages(
                description.text, html: false, base: description.base ?? base)
            let joined = paragraphs.joined(separator: "\n\n")
            a.summary = joined.isEmpty ? nil : joined
            if content == nil { images = shown }
        }
        fallback.fill(&a, images: &images)
        a.dropSummaryRepeatingLead()
        if pubDate != nil {
            a.published = pubDate
            a.updated = dcDate ?? fallback.updated
        } else {
            a.published = dcDate ?? fallback.published
            a.updated = fallback.updated
        }
        for image in images { media.add(Media(url: image.url, caption: image.alt.flatMap(nonEmpty))) }
        if a.url == nil, let guid, permalink, URIResolver.isAbsolute(guid) { a.url = guid }
        if let about = e.attribute("about", namespace: Namespace.rdf).flatMap(nonEmpty), a.url == nil {
            a.url = URIResolver.resolve(about, against: base)
        }
        a.media = media.items
        // Its own language, else the channel's, else the root's or the channel's xml:lang.
        let ownLang = e.attribute("lang", namespace: Namespace.xml).flatMap(nonEmpty)
        a.language = (dcLanguage ?? ownLang ?? feed.language ?? language).flatMap(LanguageTag.normalized)
        a.id =
            guid ?? a.url ?? e.attribute("about", namespace: Namespace.rdf).flatMap(nonEmpty)
            ?? Article.derivedID([a.title, a.summary, a.body.first, a.published?.rfc3339])
        if a.title == nil && a.summary == nil && a.body.isEmpty {
            ctx.warn(e.line, "item has neither title nor description", rule: "rss.item.empty")
        }
        return a
    }
}

/// What an RSS item may carry in other vocabularies (Dublin Core terms, Atom, XHTML), used
/// where its own elements are missing.
struct Fallbacks {
    var title: String?
    var summary: String?
    var body: [String] = []
    var bodyImages: [HTMLReducer.Image] = []
    var url: String?
    var published: Timestamp?
    var updated: Timestamp?
    var publisher: String?
    var authors: [Person] = []
    var hasTitle = false

    mutating func take(_ c: XMLElement, base: String?, core: String, ctx: inout ImportContext) {
        switch (c.namespace, c.name) {
        case (Namespace.dc, "title"), (Namespace.dcterms, "title"):
            title = title ?? nonEmpty(FeedText.line(c.text, html: false))
        case (Namespace.dc, "description"), (Namespace.dcterms, "description"), (Namespace.dcterms, "abstract"):
            summary =
                summary ?? nonEmpty(FeedText.paragraphs(c.text, html: false, base: base).joined(separator: "\n\n"))
        case (Namespace.dc, "publisher"), (Namespace.dcterms, "publisher"):
            publisher = publisher ?? nonEmpty(Whitespace.collapse(c.text))
        case (Namespace.dc, "contributor"), (Namespace.dcterms, "contributor"):
            if var p = People.parse(c.text) {
                p.role = .contributor
                authors.append(p)
            }
        case (Namespace.dcterms, "created"), (Namespace.dcterms, "issued"), (Namespace.atom, "published"):
            published = published ?? ctx.date(c, c.name)
        case (Namespace.dcterms, "modified"), (Namespace.atom, "updated"):
            updated = updated ?? ctx.date(c, c.name)
        case (Namespace.atom, "author"), (Namespace.atom, "contributor"):
            let name = c.first("name", Namespace.atom).flatMap { nonEmpty(Whitespace.collapse($0.text)) }
            let email = c.first("email", Namespace.atom).flatMap { nonEmpty(Whitespace.collapse($0.text)) }
            let uri = c.first("uri", Namespace.atom).flatMap { nonEmpty(Whitespace.collapse($0.text)) }
            guard let shown = name ?? email ?? uri else { return }
            authors.append(
                Person(name: shown, email: email, uri: uri, role: c.name == "contributor" ? .contributor : nil))
        case (Namespace.atom, "title"):
            title = title ?? nonEmpty(FeedText.atomLine(c, atom03: false))
        case (Namespace.atom, "summary"):
            summary = summary ?? nonEmpty(FeedText.atomParagraphs(c, atom03: false).joined(separator: "\n\n"))
        case (Namespace.atom, "content"):
            if body.isEmpty && c.attribute("src") == nil { body = FeedText.atomParagraphs(c, atom03: false) }
        case (Namespace.atom, "link"):
            let rel = c.attribute("rel") ?? "alternate"
            let type = c.attribute("type")?.lowercased()
            if rel == "alternate", type == nil || type == "text/html" || type == "application/xhtml+xml",
                let href = c.attribute("href").flatMap(nonEmpty)
            {
                url = url ?? URIResolver.resolve(href, against: base)
            }
        case (Namespace.xhtml, "body"), (core, "body"):
            if body.isEmpty {
                body =
                    c.hasElementChildren ? FeedText.xhtml(c.children, base: base) : HTMLReducer.plainParagraphs(c.text)
            }
        default:
            break
        }
    }

    /// Fills what the item's own elements left empty.
    func fill(_ a: inout Article, images: inout [HTMLReducer.Image]) {
        a.title = a.title ?? title
        if a.summary == nil { a.summary = summary }
        if a.body.isEmpty { a.body = body }
        a.url = a.url ?? url
        a.publisher = a.publisher ?? publisher
        a.authors += authors
    }
}
