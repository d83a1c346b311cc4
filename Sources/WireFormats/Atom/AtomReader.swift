import NewsText
import TextKernel
import WireModel
package import XMLCore

/// Reads Atom 1.0 (RFC 4287) and Atom 0.3 feeds and entry documents.
package struct AtomReader {
    let format: DocumentFormat
    /// Atom's namespace (0.3's, 1.0's, or a draft's).
    let ns: String

    package init(format: DocumentFormat, rootNamespace: String = "") {
        self.format = format
        ns = Namespace.atomNamespace(format, rootNamespace: rootNamespace)
    }
    var atom03: Bool { format == .atom03 }

    /// What the reading loop hands on.
    enum Piece: Sendable {
        case rootLanguage(String?)
        case entryDocument(XMLElement)
        case entry(XMLElement)
        case tombstone(XMLElement)
        case head(XMLElement)
    }

    /// Maps pieces to articles and the feed (on the pipeline's second thread).
    struct Consumer: PieceConsumer {
        let reader: AtomReader
        var feed = Feed()
        var isEntryDocument = false

        mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool {
            switch piece {
            case .rootLanguage(let language):
                feed.language = language.flatMap(LanguageTag.normalized)
            case .entryDocument(let e):
                isEntryDocument = true
                _ = try ctx.emit(reader.entry(e, feed: feed, ctx: &ctx), line: e.line)
                return false
            case .entry(let e):
                return try ctx.emit(reader.entry(e, feed: feed, ctx: &ctx), line: e.line)
            case .tombstone(let e):
                guard let a = reader.tombstone(e, ctx: &ctx) else { return true }
                return try ctx.emit(a, line: e.line)
            case .head(let e):
                reader.head(e, into: &feed, ctx: &ctx)
                if e.namespace != reader.ns { ctx.noteUnreadItems(in: e) }
            }
            return true
        }

        mutating func finish(_ ctx: inout ImportContext) throws {
            if !isEntryDocument { ctx.warnIfNoArticles() }
            try ctx.handler.end(feed: isEntryDocument ? nil : feed)
        }
    }

    package func read(_ r: XMLStreamReader, _ ctx: inout ImportContext) throws {
        guard let layout = DocumentLayout(format) else { return }
        try ImportPipeline.run(Consumer(reader: self), &ctx) { send in
            try layout.walk(r) { part, base in
                switch part {
                case .root:
                    return send(.rootLanguage(r.xmlLang.flatMap(nonEmpty)))
                case .loneItem:
                    return send(.entryDocument(try r.readElement(base: nil, reduceWhen: Self.isXHTMLDiv)))
                case .item:
                    return send(.entry(try r.readElement(base: base, reduceWhen: Self.isXHTMLDiv)))
                case .tombstone:
                    return send(.tombstone(try r.readElement(base: base, reduceWhen: Self.isXHTMLDiv)))
                case .head:
                    return send(.head(try r.readElement(base: base, reduceWhen: Self.isXHTMLDiv)))
                case .container, .strayItem, .strayHead, .otherItem, .unread:
                    try r.skipElement()
                    return true
                }
            }
        }
    }

    /// The XHTML `div` of an Atom 1.0 `type="xhtml"` text construct: only ever read as
    /// paragraphs here, so it is reduced while reading instead of built as a tree.
    static func isXHTMLDiv(_ e: XMLElement, _ parent: XMLElement) -> Bool {
        e.name == "div" && e.namespace == Namespace.xhtml && parent.namespace == Namespace.atom
            && parent.attribute("type")?.lowercased() == "xhtml" && parent.attribute("mode") == nil
    }

    func person(_ e: XMLElement) -> Person? {
        let email = e.first("email", ns).flatMap { People.address(Whitespace.collapse($0.text)) }
        let uri = (e.first("uri", ns) ?? e.first("url", ns)).flatMap { nonEmpty(Whitespace.collapse($0.text)) }.map {
            URIResolver.resolve($0, against: e.base)
        }
        // A person is named; one with only an address or a URI is named by it.
        guard let name = e.first("name", ns).flatMap({ nonEmpty(Whitespace.collapse($0.text)) }) ?? email ?? uri
        else { return nil }
        var p = Person(name: name)
        p.email = email
        p.uri = uri
        return p
    }

    func head(_ e: XMLElement, into feed: inout Feed, ctx: inout ImportContext) {
        if Paging.read(element: e.name, namespace: e.namespace, into: &feed) { return }
        guard e.namespace == ns else { return }
        switch e.name {
        case "id": feed.id = feed.id ?? nonEmpty(e.text)
        case "title": feed.title = feed.title ?? nonEmpty(FeedText.atomLine(e, atom03: atom03))
        case "subtitle", "tagline":
            feed.subtitle =
                feed.subtitle ?? nonEmpty(FeedText.atomParagraphs(e, atom03: atom03).joined(separator: "\n\n"))
        case "updated", "modified": feed.updated = feed.updated ?? ctx.date(e, e.name)
        case "rights", "copyright":
            if feed.rights == nil { feed.rights = Rights.fromNotice(FeedText.atomLine(e, atom03: atom03)) }
        case "author": if let p = person(e) { feed.authors.append(p) }
        case "contributor":
            if var p = person(e) {
                p.role = .contributor
                feed.authors.append(p)
            }
        case "generator": feed.generator = feed.generator ?? nonEmpty(e.text)
        case "logo": feed.logo = feed.logo ?? nonEmpty(e.text).map { URIResolver.resolve($0, against: e.base) }
        case "link":
            guard let href = e.attribute("href").flatMap(nonEmpty) else { return }
            let rel = e.attribute("rel") ?? "alternate"
            let type = e.attribute("type")?.lowercased()
            if rel == "self" { feed.selfURL = feed.selfURL ?? URIResolver.resolve(href, against: e.base) }
            if rel == "alternate" && (type == nil || type == "text/html" || type == "application/xhtml+xml") {
                feed.url = feed.url ?? URIResolver.resolve(href, against: e.base)
            }
            _ = Paging.read(rel: rel, href: URIResolver.resolve(href, against: e.base), into: &feed)
        default: break
        }
    }

    /// An RFC 6721 tombstone: the article with its id (`ref`), `status` canceled, `updated`
    /// (`when`) and the page it was at (a `link`); nil without a `ref`.
    func tombstone(_ e: XMLElement, ctx: inout ImportContext) -> Article? {
        guard let ref = e.attribute("ref").map(Whitespace.collapse).flatMap(nonEmpty) else {
            ctx.warn(e.line, "a deleted-entry without ref names no entry; left out", rule: "atom.tombstone")
            return nil
        }
        var a = Article(id: ref)
        a.status = .canceled
        a.updated = e.attribute("when").flatMap { ctx.date($0, "deleted-entry when", line: e.line) }
        let link = e.elements.first { $0.name == "link" && ($0.attribute("rel") ?? "alternate") == "alternate" }
        a.url = link?.attribute("href").flatMap(nonEmpty).map { URIResolver.resolve($0, against: e.base) }
        return a
    }

    func entry(_ e: XMLElement, feed: Feed, ctx: inout ImportContext) -> Article {
        var a = Article(id: "")
        var media = MediaList()
        var alternate: String?
        var anyLink: String?
        for c in e.elements {
            if c.namespace == Namespace.dc {
                switch c.name {
                case "source": a.source = a.source ?? nonEmpty(c.text)
                case "subject": if let t = nonEmpty(c.text) { a.categories.append(Category(term: t)) }
                case "creator": if let n = nonEmpty(c.text) { a.authors.append(Person(name: n)) }
                case "rights": if a.rights == nil { a.rights = ctx.rights(c.text) }
                default: break
                }
                continue
            }
            if c.namespace == Namespace.media {
                if c.name == "content" || c.name == "thumbnail" { media.addMediaRSS(c, base: c.base) }
                if c.name == "group" { media.addMediaRSSGroup(c, base: c.base) }
                continue
            }
            guard c.namespace == ns else { continue }
            switch c.name {
            case "id": if a.id.isEmpty { a.id = nonEmpty(c.text) ?? "" }
            case "title": a.title = a.title ?? nonEmpty(FeedText.atomLine(c, atom03: atom03))
            case "updated", "modified": a.updated = a.updated ?? ctx.date(c, c.name)
            case "published", "issued": a.published = a.published ?? ctx.date(c, c.name)
            case "author": if let p = person(c) { a.authors.append(p) }
            case "contributor":
                if var p = person(c) {
                    p.role = .contributor
                    a.authors.append(p)
                }
            case "category":
                if let term = c.attribute("term").flatMap(nonEmpty) ?? (atom03 ? nonEmpty(c.text) : nil) {
                    a.categories.append(
                        Category(
                            term: term, scheme: c.attribute("scheme").flatMap(nonEmpty),
                            label: c.attribute("label").flatMap(nonEmpty)))
                }
            case "link":
                guard let href = c.attribute("href").flatMap(nonEmpty) else { continue }
                let url = URIResolver.resolve(href, against: c.base)
                let rel = c.attribute("rel") ?? "alternate"
                let type = c.attribute("type")?.lowercased()
                if rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate" {
                    if type == nil || type == "text/html" || type == "application/xhtml+xml" {
                        alternate = alternate ?? url
                    } else {
                        anyLink = anyLink ?? url
                    }
                } else if rel == "enclosure" {
                    var m = Media(url: url)
                    m.type = c.attribute("type").flatMap(nonEmpty)
                    m.length = c.attribute("length").flatMap { Int($0.trimmingCharacters()) }.flatMap {
                        $0 > 0 ? $0 : nil
                    }
                    m.caption = c.attribute("title").flatMap(nonEmpty)
                    media.add(m)
                }
            case "summary":
                if a.summary == nil {
                    let p = FeedText.atomParagraphs(c, atom03: atom03).joined(separator: "\n\n")
                    a.summary = p.isEmpty ? nil : p
                }
            case "content":
                if a.body.isEmpty && c.attribute("src") == nil { a.body = FeedText.atomParagraphs(c, atom03: atom03) }
            case "rights", "copyright":
                if a.rights == nil { a.rights = ctx.rights(FeedText.atomLine(c, atom03: atom03)) }
            case "source":
                a.source =
                    a.source ?? c.first("title", ns).map { FeedText.atomLine($0, atom03: atom03) }.flatMap(nonEmpty)
            default: break
            }
        }
        a.url = alternate ?? anyLink
        a.media = media.items
        a.language = e.lang.flatMap(LanguageTag.normalized)
        a.dropSummaryRepeatingLead()
        if a.id.isEmpty {
            ctx.warn(e.line, "entry has no atom:id", rule: "atom.entry.id")
            a.id = Article.derivedID([a.url, a.title, a.summary, a.body.first, a.updated?.rfc3339])
        }
        return a
    }
}
