import NewsText
import TextKernel
public import WireModel
public import XMLCore

/// Writes IPTC NewsML-G2 2.35: a `newsMessage` with one text `newsItem` per article,
/// followed by one picture `newsItem` per picture in the article's media.
///
/// Element order follows the schema's sequences exactly (see `docs/newsml-g2.md`).
public final class NewsMLWriter: FeedWriter {
    public static let standardVersion = "2.35"
    public static let catalog = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"
    public static let subheadlineRole = "https://wirefeed.dev/cv/headlinerole/subheadline"
    /// Base of the role URIs on `contributor` (editor, photographer, contributor).
    public static let roleBase = "https://wirefeed.dev/cv/role/"

    let feed: Feed
    let context: WriteContext
    let sink: any ByteSink
    let xml: XMLWriter
    /// When false, the document is a lone `newsItem` (one article, no pictures as items).
    let message: Bool

    public init(feed: Feed, context: WriteContext, sink: any ByteSink) throws {
        self.feed = feed
        self.context = context
        self.sink = sink
        self.message = true
        self.xml = try XMLWriter(indent: context.indent)
    }

    init(feed: Feed, context: WriteContext, sink: any ByteSink, message: Bool) throws {
        self.feed = feed
        self.context = context
        self.sink = sink
        self.message = message
        self.xml = try XMLWriter(indent: context.indent)
    }

    /// Writes one article as a standalone `newsItem` document to `sink`. With
    /// `linkingPictures`, the item links its pictures (written with `writePictureItem`).
    public static func writeItem(
        _ article: Article, feed: Feed, context: WriteContext, to sink: any ByteSink, linkingPictures: Bool = false
    ) throws {
        let w = try NewsMLWriter(feed: feed, context: context, sink: sink, message: false)
        try w.xml.startDocument()
        try w.item(article, pictures: linkingPictures ? Self.linked(article) : [], root: true)
        try w.finish()
    }

    /// Writes the picture item for one of an article's pictures as a standalone document.
    public static func writePictureItem(
        _ media: Media, of article: Article, feed: Feed, context: WriteContext, to sink: any ByteSink
    ) throws {
        let w = try NewsMLWriter(feed: feed, context: context, sink: sink, message: false)
        try w.xml.startDocument()
        try w.picture(media, of: article, root: true)
        try w.finish()
    }

    /// The guids of the picture, video and audio items made from an article's media.
    public static func pictureGUIDs(_ article: Article) -> [(Media, String)] {
        linked(article).map { ($0, pictureGUID(article, $0)) }
    }

    /// The media that become items of their own, linked from the text item: pictures, video
    /// and audio (a document stays a link of the text item's).
    static func linked(_ a: Article) -> [Media] { a.media.filter { $0.kind != nil } }

    /// A file name for an item: its guid made filesystem-safe, plus a short hash so
    /// that different guids never share a name.
    public static func fileName(forGUID guid: String) -> String {
        var safe = ""
        var lastUnderscore = false
        for u in guid.unicodeScalars {
            let ok = (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "." || u == "-"
            if ok {
                safe.unicodeScalars.append(u)
                lastUnderscore = false
            } else if !lastUnderscore {
                safe += "_"
                lastUnderscore = true
            }
        }
        // Never hidden ('.'), never taken for an option ('-'), never empty (an id of no ASCII letters).
        while safe.hasPrefix(".") || safe.hasPrefix("_") || safe.hasPrefix("-") { safe.removeFirst() }
        if safe.count > 100 { safe = String(safe.prefix(100)) }
        if safe.isEmpty { safe = "item" }
        return safe + "." + StableID.shortHash(guid, count: 8) + ".xml"
    }

    public func begin() throws {
        guard message else { return }
        try xml.startDocument()
        try xml.startElement("newsMessage")
        try xml.attribute("xmlns", Namespace.nar)
        try xml.startElement("header")
        try xml.element("sent", text: context.updated.rfc3339)
        try xml.element("catalogRef", attributes: ["href": Self.catalog])
        if let sender = feed.url.flatMap(Self.host) ?? feed.title { try xml.element("sender", text: sender) }
        if let id = feed.id { try xml.element("transmitId", text: id) }
        if let origin = feed.authors.first?.name { try xml.element("origin", text: origin) }
        try xml.endElement()
        try xml.startElement("itemSet")
        try xml.drain(to: sink)
    }

    static func host(_ url: String) -> String? {
        guard let r = url.firstRange(of: "://") else { return nil }
        let rest = url[r.upperBound...]
        let host = rest.prefix(while: { $0 != "/" && $0 != ":" && $0 != "?" })
        return host.isEmpty ? nil : String(host)
    }

    /// The guid of the picture item made from `media` of `article`.
    static func pictureGUID(_ article: Article, _ media: Media) -> String {
        StableID.uuidURN(for: "picture\n\(article.id)\n\(media.url)")
    }

    public func write(_ a: Article) throws {
        let pictures = message ? Self.linked(a) : []
        try item(a, pictures: pictures, root: false)
        for m in pictures { try picture(m, of: a) }
        try xml.drain(to: sink)
    }

    private func startItem(guid: String, version: Int?, language: String?, root: Bool) throws {
        try xml.startElement("newsItem")
        if root { try xml.attribute("xmlns", Namespace.nar) }
        try xml.attribute("guid", guid)
        try xml.attribute("version", String(version ?? 1))
        try xml.attribute("standard", "NewsML-G2")
        try xml.attribute("standardversion", Self.standardVersion)
        try xml.attribute("conformance", "power")
        try xml.attribute("xml:lang", language ?? "und")
        try xml.element("catalogRef", attributes: ["href": Self.catalog])
    }

    /// The provider: the article's publisher, else the feed's title, else the rights holder
    /// or the source; NewsML-G2 requires one and wirefeed does not invent it.
    private func provider(_ a: Article) throws {
        let given = [a.publisher, feed.title, a.rights?.holder, feed.rights?.holder, a.source].lazy
            .compactMap { $0 }.first { !$0.trimmingWhitespace().isEmpty }
        guard let given else {
            throw XMLError(
                .writer,
                "article \(a.id): NewsML-G2 needs a provider, and the article names none: give publisher (or a copyright line), or --feed FILE with a title"
            )
        }
        let name = Self.line(given)
        try xml.startElement("provider")
        if let url = feed.url { try xml.attribute("uri", url) } else { try xml.attribute("literal", name) }
        try xml.element("name", text: name)
        try xml.endElement()
    }

    /// The headline: the title, else one derived from the lead or summary (NewsML needs one).
    package static func headline(_ a: Article) -> String { a.displayTitle }

    /// `g2normalizedString`: one line, no tabs.
    static func line(_ s: String) -> String { s.collapsingWhitespace() }

    func item(_ a: Article, pictures: [Media], root: Bool) throws {
        try startItem(guid: a.id, version: a.version, language: a.language, root: root)
        if let r = a.rights, r.holder != nil || r.displayNotice != nil {
            try xml.startElement("rightsInfo")
            if let holder = r.holder {
                try xml.startElement("copyrightHolder")
                try xml.element("name", text: Self.line(holder))
                try xml.endElement()
            }
            if let notice = r.displayNotice { try xml.element("copyrightNotice", text: notice) }
            try xml.endElement()
        }
        try xml.startElement("itemMeta")
        try xml.element("itemClass", attributes: ["qcode": "ninat:text"])
        try provider(a)
        try xml.element("versionCreated", text: (a.updated ?? a.published ?? context.updated).rfc3339)
        if let published = a.published { try xml.element("firstCreated", text: published.rfc3339) }
        if let embargo = a.embargo { try xml.element("embargoed", text: embargo.rfc3339) }
        if let status = a.status { try xml.element("pubStatus", attributes: ["qcode": "stat:\(status.rawValue)"]) }
        if let url = a.url {
            try xml.element("link", attributes: ["rel": "irel:seeAlso", "contenttype": "text/html", "href": url])
        }
        for m in pictures {
            try xml.element(
                "link",
                attributes: [
                    "rel": "irel:associatedWith", "residref": Self.pictureGUID(a, m),
                    "contenttype": "application/vnd.iptc.g2.newsitem+xml",
                ])
        }
        try xml.endElement()

        try xml.startElement("contentMeta")
        if let urgency = a.urgency { try xml.element("urgency", text: String(urgency)) }
        if let published = a.published { try xml.element("contentCreated", text: published.rfc3339) }
        if let updated = a.updated { try xml.element("contentModified", text: updated.rfc3339) }
        if let dateline = a.dateline {
            try xml.startElement("located")
            try xml.element("name", text: Self.line(dateline))
            try xml.endElement()
        }
        if let source = a.source {
            try xml.startElement("infoSource")
            try xml.element("name", text: Self.line(source))
            try xml.endElement()
        }
        for p in a.authors {
            let isCreator = p.role == nil || p.role == .author
            try xml.startElement(isCreator ? "creator" : "contributor")
            if let uri = p.uri { try xml.attribute("uri", uri) }
            if let role = p.role, !isCreator { try xml.attribute("roleuri", Self.roleBase + role.rawValue) }
            try xml.element("name", text: Self.line(p.name))
            try xml.endElement()
        }
        // The language is required by wirefeed's profile: `und` (BCP 47 "undetermined") when unknown.
        try xml.element("language", attributes: ["tag": a.language ?? "und"])
        for c in a.categories { try subject(c) }
        for k in a.keywords { try xml.element("keyword", text: Self.line(k)) }
        try xml.element("headline", text: Self.headline(a))
        if let subtitle = a.subtitle {
            try xml.element("headline", attributes: ["roleuri": Self.subheadlineRole], text: subtitle)
        }
        if let dateline = a.dateline { try xml.element("dateline", text: dateline) }
        if let source = a.source { try xml.element("creditline", text: Self.line(source)) }
        if let summary = a.summary {
            try xml.element("description", attributes: ["role": "drol:summary"], text: summary)
        }
        try xml.endElement()

        if !a.body.isEmpty {
            try xml.startElement("contentSet")
            try xml.startElement("inlineXML")
            try xml.attribute("contenttype", "application/xhtml+xml")
            try xml.startElement("html")
            try xml.attribute("xmlns", Namespace.xhtml)
            try xml.startElement("head")
            try xml.element("title", text: Self.headline(a))
            try xml.endElement()
            try xml.startElement("body")
            for p in a.body { try xml.element("p", text: p) }
            try xml.endElement()
            try xml.endElement()
            try xml.endElement()
            try xml.endElement()
        }
        try xml.endElement()
    }

    private func subject(_ c: Category) throws {
        try xml.startElement("subject")
        if c.scheme == Category.iptcMediaTopics {
            try xml.attribute("qcode", "medtop:\(c.term)")
        } else if let scheme = c.scheme {
            try xml.attribute("uri", scheme + c.term)
        } else {
            try xml.attribute("literal", Self.line(c.term))
        }
        if let label = c.label { try xml.element("name", text: Self.line(label)) }
        try xml.endElement()
    }

    private func picture(_ m: Media, of a: Article, root: Bool = false) throws {
        try startItem(guid: Self.pictureGUID(a, m), version: a.version, language: a.language, root: root)
        if let r = a.rights, let notice = r.displayNotice {
            try xml.startElement("rightsInfo")
            try xml.element("copyrightNotice", text: notice)
            try xml.endElement()
        }
        try xml.startElement("itemMeta")
        let itemClass = ["video": "ninat:video", "audio": "ninat:audio"][m.kind ?? ""] ?? "ninat:picture"
        try xml.element("itemClass", attributes: ["qcode": itemClass])
        try provider(a)
        try xml.element("versionCreated", text: (a.updated ?? a.published ?? context.updated).rfc3339)
        if let published = a.published { try xml.element("firstCreated", text: published.rfc3339) }
        if let status = a.status { try xml.element("pubStatus", attributes: ["qcode": "stat:\(status.rawValue)"]) }
        try xml.endElement()
        try xml.startElement("contentMeta")
        try xml.element("language", attributes: ["tag": a.language ?? "und"])
        try xml.element("headline", text: m.caption ?? Self.headline(a))
        if let credit = m.credit { try xml.element("creditline", text: Self.line(credit)) }
        if let caption = m.caption {
            try xml.element("description", attributes: ["role": "drol:caption"], text: caption)
        }
        try xml.endElement()
        try xml.startElement("contentSet")
        // One remoteContent per rendition (rendition="rnd:NAME"), else the medium itself.
        let renditions =
            m.renditions.count > 1
            ? m.renditions : [Rendition(url: m.url, type: m.type, width: m.width, height: m.height, length: m.length)]
        for r in renditions {
            try xml.startElement("remoteContent")
            if renditions.count > 1 { try xml.attribute("rendition", "rnd:" + Self.renditionCode(r.name)) }
            try xml.attribute("href", r.url)
            try xml.attribute("contenttype", r.type ?? MediaType.guess(fromURL: r.url) ?? "application/octet-stream")
            if let w = r.width, w > 0 { try xml.attribute("width", String(w)) }
            if let h = r.height, h > 0 { try xml.attribute("height", String(h)) }
            if let size = r.length { try xml.attribute("size", String(size)) }
            try xml.endElement()
        }
        try xml.endElement()
        try xml.endElement()
    }

    /// A rendition's name as the code of a QCode (`rnd:thumbnail`): letters, digits, `-`, `_`
    /// and `.` kept, anything else `_`; `main` when it has none.
    static func renditionCode(_ name: String?) -> String {
        let code = String(
            (name ?? "main").unicodeScalars.map { u -> Character in
                (u.properties.isAlphabetic && u.isASCII) || ("0"..."9").contains(u) || u == "-" || u == "_" || u == "."
                    ? Character(u) : "_"
            })
        return code.isEmpty ? "main" : code
    }

    public func finish() throws {
        try xml.endDocument()
        try xml.drain(to: sink)
    }
}
