import TextKernel
public import WireModel
public import XMLCore

/// Writes RSS 2.0 (with the content, Dublin Core, Atom and Media RSS extensions).
public final class RSSWriter: FeedWriter {
    let feed: Feed
    let context: WriteContext
    let sink: any ByteSink
    let xml: XMLWriter

    public init(feed: Feed, context: WriteContext, sink: any ByteSink) throws {
        self.feed = feed
        self.context = context
        self.sink = sink
        self.xml = try XMLWriter(indent: context.indent)
    }

    public func begin() throws {
        try xml.startDocument()
        try xml.startElement("rss")
        try xml.attribute("version", "2.0")
        try xml.attribute("xmlns:atom", Namespace.atom)
        try xml.attribute("xmlns:content", Namespace.content)
        try xml.attribute("xmlns:dc", Namespace.dc)
        try xml.attribute("xmlns:media", Namespace.media)
        try xml.startElement("channel")
        try xml.element("title", text: feed.title ?? "wirefeed")
        try xml.element("link", text: Self.channelLink(feed))
        try xml.element("description", text: feed.subtitle ?? feed.title ?? "News from wirefeed")
        if let language = feed.language { try xml.element("language", text: language) }
        if let notice = feed.rights?.displayNotice { try xml.element("copyright", text: notice) }
        if let editor = feed.authors.first(where: { $0.email != nil }) {
            try xml.element("managingEditor", text: Self.mailbox(editor))
        }
        try xml.element("lastBuildDate", text: context.updated.rfc822)
        try xml.element("generator", text: "\(Generator.name) \(Generator.version)")
        if let logo = feed.logo, let link = feed.url {
            try xml.startElement("image")
            try xml.element("url", text: logo)
            try xml.element("title", text: feed.title ?? "wirefeed")
            try xml.element("link", text: link)
            try xml.endElement()
        }
        if let selfURL = feed.selfURL {
            try xml.element("atom:link", attributes: ["href": selfURL, "rel": "self", "type": "application/rss+xml"])
        }
        try xml.drain(to: sink)
    }

    /// RSS requires a channel link: the feed's home page, else its location, else wirefeed's home.
    public static func channelLink(_ feed: Feed) -> String {
        feed.url ?? feed.selfURL ?? Generator.uri
    }

    static func mailbox(_ p: Person) -> String {
        guard let email = p.email else { return p.name }
        return p.name.isEmpty ? email : "\(email) (\(p.name))"
    }

    public func write(_ a: Article) throws {
        try xml.startElement("item")
        if let title = a.title { try xml.element("title", text: title) }
        if let url = a.url { try xml.element("link", text: url) }
        // RSS description is HTML: the plain text goes in as escaped <p> paragraphs, so "<b>"
        // in a summary stays text and readers can tell real markup from double escaping.
        if let teaser = a.teaser {
            let paragraphs = teaser.utf8.contains(0x0A) ? teaser.split(separator: "\n\n").map(String.init) : [teaser]
            try htmlElement("description", paragraphs)
        }
        for p in a.authors where p.email != nil { try xml.element("author", text: Self.mailbox(p)) }
        for c in a.categories {
            if let scheme = c.scheme {
                try xml.element("category", attributes: ["domain": scheme], text: c.term)
            } else {
                try xml.element("category", text: c.term)
            }
        }
        if let first = a.media.first {
            try xml.element(
                "enclosure",
                attributes: [
                    "url": first.url, "length": String(first.length ?? 0),
                    "type": first.type ?? MediaType.guess(fromURL: first.url) ?? "application/octet-stream",
                ])
        }
        try xml.element("guid", attributes: ["isPermaLink": a.id == a.url ? "true" : "false"], text: a.id)
        if let published = a.published { try xml.element("pubDate", text: published.rfc822) }
        if let source = a.source, source.hasPrefix("http://") || source.hasPrefix("https://") {
            try xml.element("source", attributes: ["url": source], text: source)
        }
        if !a.body.isEmpty { try htmlElement("content:encoded", a.body) }
        for p in a.authors where p.email == nil { try xml.element("dc:creator", text: p.name) }
        if let source = a.source { try xml.element("dc:source", text: source) }
        if let notice = a.rights?.displayNotice { try xml.element("dc:rights", text: notice) }
        if let language = a.language, language != feed.language { try xml.element("dc:language", text: language) }
        if let updated = a.updated { try xml.element("dc:date", text: updated.rfc3339) }
        for m in a.media {
            try xml.startElement("media:content")
            try xml.attribute("url", m.url)
            if let type = m.type { try xml.attribute("type", type) }
            if let length = m.length { try xml.attribute("fileSize", String(length)) }
            if let width = m.width { try xml.attribute("width", String(width)) }
            if let height = m.height { try xml.attribute("height", String(height)) }
            if let caption = m.caption { try xml.element("media:description", text: caption) }
            if let credit = m.credit { try xml.element("media:credit", text: credit) }
            try xml.endElement()
        }
        try xml.endElement()
        try xml.drain(to: sink)
    }

    /// An element holding paragraphs as escaped `<p>` HTML, escaped in one pass.
    private func htmlElement(_ name: String, _ paragraphs: [String]) throws {
        scratch.removeAll(keepingCapacity: true)
        HTMLText.xmlEscapedParagraphs(paragraphs, into: &scratch)
        try xml.startElement(name)
        try scratch.withUnsafeBufferPointer { try xml.escapedText($0) }
        try xml.endElement()
    }

    private var scratch: [UInt8] = []

    public func finish() throws {
        try xml.endDocument()
        try xml.drain(to: sink)
    }
}
