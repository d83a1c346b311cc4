import WireModel
package import XMLCore

/// Reads NewsML-G2 `newsItem` and `newsMessage` documents. Text items become
/// articles; picture items linked from a text item (`irel:associatedWith`) become
/// that article's media; a lone picture, graphic, video or audio item becomes an article
/// with its media. Other items (packages, classes wirefeed does not map, media items in a
/// message that no text links to) are skipped with a warning.
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
        /// An item wirefeed does not read (a packageItem, a conceptItem...), and its line.
        case skipped(String, Int)
    }

    /// Maps pieces to articles and the feed (on the pipeline's second thread).
    struct Consumer: PieceConsumer {
        let reader: NewsMLReader
        var feed: Feed?
        var pending: Pending?
        /// Items not read, by kind: how many and the first line.
        var skipped: [(kind: String, count: Int, line: Int)] = []

        mutating func skip(_ kind: String, line: Int) {
            if let k = skipped.firstIndex(where: { $0.kind == kind }) {
                skipped[k].count += 1
            } else {
                skipped.append((kind, 1, line))
            }
        }

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
                if let (a, links) = reader.item(e, lone: true, ctx: &ctx) {
                    pending = Pending(article: a, pictures: links, line: e.line)
                } else {
                    skip("newsItem of class \(reader.itemClass(e))", line: e.line)
                }
            case .skipped(let kind, let line):
                skip(kind, line: line)
            case .message:
                feed = Feed()
            case .header(let e):
                feed = reader.header(e, ctx: &ctx)
            case .item(let e):
                let itemClass =
                    e.first("itemMeta", reader.nar)?.first("itemClass", reader.nar)?.attribute("qcode") ?? ""
                // Picture, graphic, video and audio items belong to the text item that links them.
                if NewsMLReader.medium(ofClass: itemClass) != nil {
                    let guid = e.attribute("guid") ?? ""
                    if pending?.pictures.contains(guid) == true, let m = reader.picture(e) {
                        pending?.found[guid] = m
                    } else {
                        skip("picture newsItem that no text item links to", line: e.line)
                    }
                    return true
                }
                guard try flush(&ctx) else { return false }
                if let (a, links) = reader.item(e, lone: false, ctx: &ctx) {
                    pending = Pending(article: a, pictures: links, line: e.line)
                } else {
                    skip("newsItem of class \(reader.itemClass(e))", line: e.line)
                }
            }
            return true
        }

        mutating func finish(_ ctx: inout ImportContext) throws {
            _ = try flush(&ctx)
            for s in skipped {
                ctx.warn(
                    s.line,
                    "\(s.count) \(s.kind)\(s.count == 1 ? "" : "s") not read (wirefeed maps text items, and media items on their own)",
                    rule: "newsml.skipped")
            }
            try ctx.handler.end(feed: feed)
        }
    }

    package func read(_ r: XMLStreamReader, _ ctx: inout ImportContext) throws {
        guard let layout = DocumentLayout(.newsml) else { return }
        try ImportPipeline.run(Consumer(reader: self), &ctx) { send in
            try layout.walk(r) { part, _ in
                switch part {
                case .root:
                    return send(.message)
                case .loneItem:
                    return send(.rootItem(try r.readElement(base: nil, reduceWhen: Self.isXHTMLBody)))
                case .head:
                    return send(.header(try r.readElement(base: nil)))
                case .item:
                    return send(.item(try r.readElement(base: nil, reduceWhen: Self.isXHTMLBody)))
                case .otherItem(let kind):
                    let line = r.line
                    try r.skipElement()
                    return send(.skipped(kind, line))
                case .container:
                    return true
                case .strayItem, .strayHead, .tombstone, .unread:
                    try r.skipElement()
                    return true
                }
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

    /// An item's class (`ninat:text` when it names none).
    func itemClass(_ e: XMLElement) -> String {
        let c = e.first("itemMeta", nar)?.first("itemClass", nar)
        return c?.attribute("qcode") ?? c?.attribute("uri") ?? "ninat:text"
    }

    /// The medium of a media item's class (`ninat:picture` is `image`), nil for other classes.
    static func medium(ofClass itemClass: String) -> String? {
        let last = itemClass.split(whereSeparator: { $0 == ":" || $0 == "/" }).last.map(String.init) ?? ""
        switch last {
        case "picture", "graphic": return "image"
        case "video": return "video"
        case "audio": return "audio"
        default: return nil
        }
    }

    /// A text item (or, `lone`, a media item) as an article, with the guids of the pictures
    /// it links to; nil for other item classes.
    func item(_ e: XMLElement, lone: Bool, ctx: inout ImportContext) -> (Article, [String])? {
        let meta = e.first("itemMeta", nar)
        let itemClass = self.itemClass(e)
        let medium = lone ? Self.medium(ofClass: itemClass) : nil
        guard itemClass.hasSuffix(":text") || itemClass.hasSuffix("/text") || medium != nil else { return nil }
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
                        a.language = LanguageTag.normalized(tag)
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
        if medium != nil {
            // A media item: its renditions are the article's medium (a caption is not a summary).
            if var m = picture(e) {
                m.medium = medium
                a.media = [m]
            }
        } else if let set = e.first("contentSet", nar), let inline = set.first("inlineXML", nar) {
            a.body = bodyParagraphs(inline)
        }
        if a.language == nil, let lang = e.lang.flatMap(nonEmpty), lang != "und" {
            a.language = LanguageTag.normalized(lang)
        }
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

    /// A media item's content: every `remoteContent` a rendition, the largest (never a
    /// thumbnail while there is another) the main one.
    func picture(_ e: XMLElement) -> Media? {
        let renditions: [Rendition] = (e.first("contentSet", nar)?.elements("remoteContent", nar) ?? []).compactMap {
            remote in
            guard let href = remote.attribute("href").flatMap(nonEmpty) else { return nil }
            let term = (remote.attribute("rendition") ?? remote.attribute("renditionuri")).flatMap { r in
                r.split(whereSeparator: { $0 == ":" || $0 == "/" }).last.map(String.init)
            }
            return Rendition(
                name: term, url: href, type: remote.attribute("contenttype").flatMap(nonEmpty),
                width: remote.attribute("width").flatMap { Int($0.trimmingCharacters()) },
                height: remote.attribute("height").flatMap { Int($0.trimmingCharacters()) },
                length: remote.attribute("size").flatMap { Int($0.trimmingCharacters()) })
        }
        func size(_ r: Rendition) -> (Int, Int, Int) {
            (r.name?.lowercased() == "thumbnail" ? 0 : 1, (r.width ?? 0) * (r.height ?? 0), r.length ?? 0)
        }
        guard let main = renditions.max(by: { size($0) < size($1) }) else { return nil }
        var m = Media(url: main.url)
        m.type = main.type
        m.width = main.width
        m.height = main.height
        m.length = main.length
        if renditions.count > 1 { m.renditions = renditions }
        // Video and audio say so (a picture is what a linked item is taken for).
        if let medium = Self.medium(ofClass: itemClass(e)), medium != "image" { m.medium = medium }
        let cm = e.first("contentMeta", nar)
        m.caption = cm?.elements("description", nar).first { ($0.attribute("role") ?? "").hasSuffix("caption") }.flatMap
        { nonEmpty($0.text) }
        m.credit = cm?.first("creditline", nar).flatMap { nonEmpty($0.text) }
        return m
    }
}
