import WireModel
package import XMLCore

/// Reads NewsML-G2 `newsItem` and `newsMessage` documents. Text items become
/// articles; picture items linked from a text item (`irel:associatedWith`) become
/// that article's media; other items are skipped.
package struct NewsMLReader {
    let nar = Namespace.nar

    package init() {}

    /// A text article waiting for the picture items it links to.
    struct Pending {
        var article: Article
        var pictures: [String]
        /// Line of the text item's start tag.
        var line: Int
        var found: [String: Media] = [:]
    }

    /// What the reading loop hands on.
    enum Piece: Sendable {
        /// A lone newsItem document.
        case rootItem(XMLElement)
        case message
        case header(XMLElement)
        /// A newsItem inside a newsMessage's itemSet.
        case item(XMLElement)
    }

    /// Maps pieces to articles and the feed (on the pipeline's second thread).
    struct Consumer: PieceConsumer {
        let reader: NewsMLReader
        var feed: Feed?
        var pending: Pending?

        /// Emits the pending article with the pictures found for it; false at the limit.
        mutating func flush(_ ctx: inout ImportContext) throws -> Bool {
            guard let p = pending else { return true }
            pending = nil
            var a = p.article
            var media = MediaList()
            for m in a.media { media.add(m) }
            for guid in p.pictures { if let m = p.found[guid] { media.add(m) } }
            a.media = media.items
            return try ctx.emit(a, line: p.line)
        }

        mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool {
            switch piece {
            case .rootItem(let e):
                if let (a, links) = reader.item(e, ctx: &ctx) {
                    pending = Pending(article: a, pictures: links, line: e.line)
                }
            case .message:
                feed = Feed()
            case .header(let e):
                feed = reader.header(e, ctx: &ctx)
            case .item(let e):
                let itemClass =
                    e.first("itemMeta", reader.nar)?.first("itemClass", reader.nar)?.attribute("qcode") ?? ""
                if itemClass.hasSuffix(":picture") || itemClass.hasSuffix("/picture") {
                    let guid = e.attribute("guid") ?? ""
                    if pending?.pictures.contains(guid) == true, let m = reader.picture(e) { pending?.found[guid] = m }
                    return true
                }
                guard try flush(&ctx) else { return false }
                if let (a, links) = reader.item(e, ctx: &ctx) {
                    pending = Pending(article: a, pictures: links, line: e.line)
                }
            }
            return true
        }

        mutating func finish(_ ctx: inout ImportContext) throws {
            _ = try flush(&ctx)
            try ctx.handler.end(feed: feed)
        }
    }

    package func read(_ r: XMLStreamReader, _ ctx: inout ImportContext) throws {
        try ImportPipeline.run(Consumer(reader: self), &ctx) { send in
            while try r.next() {
                guard r.kind == .element, r.namespaceURI == nar else { continue }
                var piece: Piece?
                switch (r.depth, r.localName) {
                case (0, "newsItem"):
                    piece = .rootItem(try r.readElement(base: nil, reduceWhen: Self.isXHTMLBody))
                case (0, "newsMessage"):
                    piece = .message
                case (1, "header"):
                    piece = .header(try r.readElement(base: nil))
                case (2, "newsItem"):
                    piece = .item(try r.readElement(base: nil, reduceWhen: Self.isXHTMLBody))
                case (0, _), (1, _), (2, _):
                    if r.depth > 0 && !(r.depth == 1 && r.localName == "itemSet") { try r.skipElement() }
                default:
                    try r.skipElement()
                }
                if let piece, !send(piece) { break }
            }
        }
    }

    func header(_ e: XMLElement, ctx: inout ImportContext) -> Feed {
        var f = Feed()
        f.updated = ctx.date(e.first("sent", nar), "sent")
        f.id = e.first("transmitId", nar).flatMap { nonEmpty($0.text) }
        if let origin = e.first("origin", nar).flatMap({ nonEmpty($0.text) }) { f.authors = [Person(name: origin)] }
        return f
    }

    func name(_ e: XMLElement?) -> String? {
        guard let e else { return nil }
        return e.first("name", nar).flatMap { nonEmpty($0.text) } ?? e.attribute("literal").flatMap(nonEmpty)
    }

    /// A text item as an article, with the guids of the pictures it links to; nil for other item classes.
    func item(_ e: XMLElement, ctx: inout ImportContext) -> (Article, [String])? {
        let meta = e.first("itemMeta", nar)
        let itemClass =
            meta?.first("itemClass", nar)?.attribute("qcode") ?? meta?.first("itemClass", nar)?.attribute("uri")
            ?? "ninat:text"
        guard itemClass.hasSuffix(":text") || itemClass.hasSuffix("/text") else { return nil }
        var a = Article(id: e.attribute("guid").flatMap(nonEmpty) ?? "")
        a.version = e.attribute("version").flatMap { Int($0.trimmingCharacters()) }
        var links: [String] = []
        if let rights = e.first("rightsInfo", nar) {
            let holder = name(rights.first("copyrightHolder", nar))
            let notice = rights.first("copyrightNotice", nar).flatMap { nonEmpty($0.text) }
            var r = notice.flatMap { ctx.rights($0) } ?? Rights()
            r.holder = holder ?? r.holder
            if !r.isEmpty { a.rights = r }
        }
        if let meta {
            a.publisher = name(meta.first("provider", nar))
            a.updated = ctx.date(meta.first("versionCreated", nar), "versionCreated")
            a.published = ctx.date(meta.first("firstCreated", nar), "firstCreated")
            a.embargo = ctx.date(meta.first("embargoed", nar), "embargoed")
            if let q = meta.first("pubStatus", nar)?.attribute("qcode") {
                let code = q.split(separator: ":").last.map(String.init) ?? q
                a.status = PublicationStatus(rawValue: code)
            }
            for link in meta.elements("link", nar) {
                let rel = link.attribute("rel") ?? ""
                if rel.hasSuffix("seeAlso"), a.url == nil, let href = link.attribute("href").flatMap(nonEmpty) {
                    a.url = href
                }
                if rel.hasSuffix("associatedWith"), let ref = link.attribute("residref").flatMap(nonEmpty) {
                    links.append(ref)
                }
            }
        }
        if let cm = e.first("contentMeta", nar) {
            a.urgency = cm.first("urgency", nar).flatMap { Int($0.text.trimmingCharacters()) }
            if a.published == nil { a.published = ctx.date(cm.first("contentCreated", nar), "contentCreated") }
            for c in cm.elements where c.namespace == nar {
                switch c.name {
                case "infoSource": a.source = a.source ?? name(c)
                case "creator":
                    if let n = name(c) { a.authors.append(Person(name: n, uri: c.attribute("uri"))) }
                case "contributor":
                    if let n = name(c) {
                        let roleURI = c.attribute("roleuri") ?? c.attribute("role") ?? ""
                        let last = roleURI.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? ""
                        a.authors.append(
                            Person(name: n, uri: c.attribute("uri"), role: Person.Role(rawValue: last) ?? .contributor))
                    }
                case "language":
                    if a.language == nil, let tag = c.attribute("tag").flatMap(nonEmpty), tag != "und" {
                        a.language = tag
                    }
                case "subject":
                    if let qcode = c.attribute("qcode").flatMap(nonEmpty) {
                        if qcode.hasPrefix("medtop:") {
                            a.categories.append(
                                Category(
                                    term: String(qcode.dropFirst(7)), scheme: Category.iptcMediaTopics, label: name(c)))
                        } else {
                            a.categories.append(Category(term: qcode, label: name(c)))
                        }
                    } else if let uri = c.attribute("uri").flatMap(nonEmpty) {
                        a.categories.append(
                            Category(term: uri, label: c.first("name", nar).flatMap { nonEmpty($0.text) }))
                    } else if let literal = c.attribute("literal").flatMap(nonEmpty) {
                        a.categories.append(
                            Category(term: literal, label: c.first("name", nar).flatMap { nonEmpty($0.text) }))
                    }
                case "keyword": if let k = nonEmpty(c.text) { a.keywords.append(k) }
                case "headline":
                    let text = nonEmpty(FeedText.xhtml(c.children, base: nil).joined(separator: " "))
                    if c.attribute("role") == nil && c.attribute("roleuri") == nil {
                        a.title = a.title ?? text
                    } else {
                        a.subtitle = a.subtitle ?? text
                    }
                case "dateline": a.dateline = a.dateline ?? nonEmpty(c.text)
                case "creditline": a.source = a.source ?? nonEmpty(c.text)
                case "description":
                    let role = c.attribute("role") ?? "drol:summary"
                    if role.hasSuffix("summary"), a.summary == nil {
                        let p = FeedText.xhtml(c.children, base: nil).joined(separator: "\n\n")
                        a.summary = p.isEmpty ? nil : p
                    }
                default: break
                }
            }
            if a.dateline == nil, let place = name(cm.first("located", nar)) { a.dateline = place }
        }
        if let set = e.first("contentSet", nar), let inline = set.first("inlineXML", nar) {
            a.body = bodyParagraphs(inline)
        }
        if a.language == nil, let lang = e.lang.flatMap(nonEmpty), lang != "und" { a.language = lang }
        a.dropSummaryRepeatingLead()
        if a.id.isEmpty {
            ctx.warn(e.line, "newsItem has no guid", rule: "newsml.guid")
            a.id = Article.derivedID([a.title, a.summary, a.body.first])
        }
        return (a, links)
    }

    /// An XHTML `body` (inside `inlineXML`): only ever read as paragraphs here, so it is
    /// reduced while reading instead of built as a tree.
    static func isXHTMLBody(_ e: XMLElement, _ parent: XMLElement) -> Bool {
        e.name == "body" && e.namespace == Namespace.xhtml && parent.name == "html"
            && parent.namespace == Namespace.xhtml
    }

    /// Paragraphs of the inline XHTML (or NITF) body: only the body, not the head's title.
    func bodyParagraphs(_ inline: XMLElement) -> [String] {
        func find(_ e: XMLElement, _ name: String) -> XMLElement? {
            if e.name == name { return e }
            for c in e.elements { if let f = find(c, name) { return f } }
            return nil
        }
        let root = inline.elements.first
        let body = root.flatMap { find($0, "body.content") ?? find($0, "body") } ?? root
        guard let body else { return FeedText.paragraphs(inline.text, html: false, base: nil) }
        if let reduced = body.paragraphs { return reduced }
        return FeedText.xhtml(body.children, base: nil)
    }

    func picture(_ e: XMLElement) -> Media? {
        guard let remote = e.first("contentSet", nar)?.first("remoteContent", nar),
            let href = remote.attribute("href").flatMap(nonEmpty)
        else { return nil }
        var m = Media(url: href)
        m.type = remote.attribute("contenttype").flatMap(nonEmpty)
        m.width = remote.attribute("width").flatMap { Int($0) }
        m.height = remote.attribute("height").flatMap { Int($0) }
        m.length = remote.attribute("size").flatMap { Int($0) }
        let cm = e.first("contentMeta", nar)
        m.caption = cm?.elements("description", nar).first { ($0.attribute("role") ?? "").hasSuffix("caption") }.flatMap
        { nonEmpty($0.text) }
        m.credit = cm?.first("creditline", nar).flatMap { nonEmpty($0.text) }
        return m
    }
}
