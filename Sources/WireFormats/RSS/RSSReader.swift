import NewsText
import TextKernel
import WireModel
package import XMLCore

/// Reads RSS 0.90, 0.91, 0.92, 1.0 (RDF) and 2.0, with the common extensions
/// (content, Dublin Core, Media RSS, `atom:link`), matching namespaces by URI.
package struct RSSReader {
    let format: DocumentFormat

    package init(format: DocumentFormat) { self.format = format }

    /// The namespace of the core elements: none for 0.91/0.92/2.0, RDF-based for 0.90 and 1.0.
    var core: String {
        switch format {
        case .rss10: Namespace.rss10
        case .rss090: Namespace.rss090
        default: ""
        }
    }

    var isRDF: Bool { format == .rss10 || format == .rss090 }

    /// What the reading loop hands on: an element tree and where it was.
    enum Piece: Sendable {
        case item(XMLElement)
        case head(XMLElement)
        case rdfChannel(XMLElement)
        case rdfImage(XMLElement)
    }

    /// Maps pieces to articles and the feed (on the pipeline's second thread).
    struct Consumer: PieceConsumer {
        let reader: RSSReader
        var feed = Feed()

        mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool {
            switch piece {
            case .item(let e):
                return try ctx.emit(reader.item(e, feed: feed, ctx: &ctx), line: e.line)
            case .rdfChannel(let e):
                for child in e.elements { reader.head(child, into: &feed, ctx: &ctx) }
            case .rdfImage(let e):
                if let url = e.first("url", reader.core).map({ Whitespace.collapse($0.text) }), !url.isEmpty {
                    feed.logo = URIResolver.resolve(url, against: e.base)
                }
            case .head(let e):
                reader.head(e, into: &feed, ctx: &ctx)
            }
            return true
        }

        mutating func finish(_ ctx: inout ImportContext) throws {
            try ctx.handler.end(feed: feed)
        }
    }

    package func read(_ r: XMLStreamReader, _ ctx: inout ImportContext) throws {
        try ImportPipeline.run(Consumer(reader: self), &ctx) { send in
            var base: String?
            var inChannel = false
            while try r.next() {
                guard r.kind == .element else {
                    if r.kind == .endElement && r.depth == 1 && !isRDF { inChannel = false }
                    continue
                }
                let depth = r.depth
                let name = r.localName
                let ns = r.namespaceURI
                if depth == 0 {
                    base = r.attribute("base", namespace: Namespace.xml).map { URIResolver.resolve($0, against: nil) }
                    continue
                }
                if !isRDF && depth == 1 {
                    if name == "channel" && ns == core && !r.isEmptyElement {
                        inChannel = true
                        if let b = r.attribute("base", namespace: Namespace.xml) {
                            base = URIResolver.resolve(b, against: base)
                        }
                    } else {
                        try r.skipElement()
                    }
                    continue
                }
                let isItemLevel = isRDF ? depth == 1 : (inChannel && depth == 2)
                guard isItemLevel else {
                    try r.skipElement()
                    continue
                }
                let e = try r.readElement(base: base)
                let piece: Piece
                if name == "item" && ns == core {
                    piece = .item(e)
                } else if isRDF && name == "channel" && ns == core {
                    piece = .rdfChannel(e)
                } else if isRDF && name == "image" && ns == core {
                    piece = .rdfImage(e)
                } else {
                    piece = .head(e)
                }
                if !send(piece) { break }
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
        case (core, "language"), (Namespace.dc, "language"): feed.language = feed.language ?? nonEmpty(e.text)
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
            }
        default: break
        }
    }

    /// One item.
    func item(_ e: XMLElement, feed: Feed, ctx: inout ImportContext) -> Article {
        var a = Article(id: "")
        var guid: String?
        var permalink = false
        var pubDate: Timestamp?
        var dcDate: Timestamp?
        var media = MediaList()
        var description: XMLElement?
        var content: XMLElement?
        var dcLanguage: String?
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
                    m.length = c.attribute("length").flatMap { Int($0.trimmingCharacters()) }.flatMap {
                        $0 > 0 ? $0 : nil
                    }
                    media.add(m)
                }
            case (Namespace.media, "content"), (Namespace.media, "thumbnail"):
                media.addMediaRSS(c, base: c.base ?? base)
            case (Namespace.media, "group"):
                let caption = c.first("description", Namespace.media).flatMap { nonEmpty($0.text) }
                let credit = c.first("credit", Namespace.media).flatMap { nonEmpty($0.text) }
                for m in c.elements
                where m.namespace == Namespace.media && (m.name == "content" || m.name == "thumbnail") {
                    media.addMediaRSS(m, base: m.base ?? base, inherited: (caption, credit))
                }
            case (core, "source"):
                a.source = a.source ?? nonEmpty(c.text) ?? c.attribute("url").flatMap(nonEmpty)
            case (Namespace.dc, "source"):
                a.source = nonEmpty(c.text) ?? a.source
            case (Namespace.dc, "rights"):
                if a.rights == nil { a.rights = ctx.rights(c.text) }
            case (Namespace.dc, "language"):
                dcLanguage = dcLanguage ?? nonEmpty(c.text)
            default:
                break
            }
        }
        if let content {
            a.body = FeedText.paragraphs(content.text, html: true, base: content.base ?? base)
        }
        if let description {
            let joined = FeedText.paragraphs(description.text, html: false, base: description.base ?? base).joined(
                separator: "\n\n")
            a.summary = joined.isEmpty ? nil : joined
        }
        a.dropSummaryRepeatingLead()
        if pubDate != nil {
            a.published = pubDate
            a.updated = dcDate
        } else {
            a.published = dcDate
        }
        if a.url == nil, let guid, permalink, URIResolver.isAbsolute(guid) { a.url = guid }
        if let about = e.attribute("about", namespace: Namespace.rdf).flatMap(nonEmpty), a.url == nil {
            a.url = URIResolver.resolve(about, against: base)
        }
        a.media = media.items
        a.language = dcLanguage ?? feed.language
        a.id =
            guid ?? a.url ?? e.attribute("about", namespace: Namespace.rdf).flatMap(nonEmpty)
            ?? Article.derivedID([a.title, a.summary, a.body.first, a.published?.rfc3339])
        if a.title == nil && a.summary == nil && a.body.isEmpty {
            ctx.warn(e.line, "item has neither title nor description", rule: "rss.item.empty")
        }
        return a
    }
}
