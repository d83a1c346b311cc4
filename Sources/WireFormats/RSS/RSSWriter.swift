import TextKernel
public import WireModel
public import XMLCore

/// Writes RSS 2.0 (with the content, Dublin Core, Atom and Media RSS extensions).
public final class RSSWriter: FeedWriter {
    let feed: Feed
    let context: WriteContext
    let sink: any ByteSink
    let xml: XMLWriter

    /// Throws when the feed has no title or link (see ``OutputFormat/missingIdentity(of:)``).
    public init(feed: Feed, context: WriteContext, sink: any ByteSink) throws {
        if let missing = OutputFormat.rss.missingIdentity(of: feed) { throw XMLError(.writer, missing) }
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
        try plainElement("title", feed.title ?? "")
        try xml.element("link", text: Self.channelLink(feed))
        // RSS requires a description: the subtitle, else the title (both the user's).
        try xml.element("description", text: feed.subtitle ?? feed.title ?? "")
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
            try xml.element("title", text: feed.title ?? "")
            try xml.element("link", text: link)
            try xml.endElement()
        }
        if let selfURL = feed.selfURL {
            try xml.element("atom:link", attributes: ["href": selfURL, "rel": "self", "type": "application/rss+xml"])
        }
        // WebSub (the hub pushes updates) and RFC 5005 paging, as Atom links.
        if let hub = feed.hub { try xml.element("atom:link", attributes: ["href": hub, "rel": "hub"]) }
        try Paging.write(feed.paging, with: xml, link: "atom:link", history: "fh")
        try xml.drain(to: sink)
    }

    /// RSS requires a channel link: the feed's home page, else its location.
    public static func channelLink(_ feed: Feed) -> String {
        feed.url ?? feed.selfURL ?? ""
    }

    static func mailbox(_ p: Person) -> String {
        guard let email = p.email else { return p.name }
        return p.name.isEmpty ? email : "\(email) (\(p.name))"
    }

    public func write(_ a: Article) throws {
        let url = try a.url.map { try URIText.link($0, what: "url", article: a) }
        try xml.startElement("item")
        if let title = a.title, !title.trimmingWhitespace().isEmpty { try plainElement("title", title) }
        if let url { try xml.element("link", text: url) }
        // RSS description is HTML: the plain text goes in as escaped <p> paragraphs, so "<b>"
        // in a summary stays text and readers can tell real markup from double escaping.
        if let teaser = a.teaser {
            let paragraphs = teaser.utf8.contains(0x0A) ? teaser.split(separator: "\n\n").map(String.init) : [teaser]
            try htmlElement("description", paragraphs)
        }
        // Bylines: only authors are creators. One author with an e-mail address is RSS's own
        // <author>; otherwise each author is a dc:creator (never both in one item). Editors,
        // photographers and contributors are dc:contributor.
        let creators = a.authors.filter { $0.role == nil || $0.role == .author }
        let asAuthor = creators.count == 1 && creators[0].email != nil
        if asAuthor { try xml.element("author", text: Self.mailbox(creators[0])) }
        for c in a.categories {
            if let scheme = c.scheme {
                try xml.element("category", attributes: ["domain": scheme], text: c.term)
            } else {
                try xml.element("category", text: c.term)
            }
        }
        let mediaURLs = try a.media.map { try URIText.link($0.url, what: "media url", article: a) }
        if let first = a.media.first {
            // RSS requires the length; 0 is what the specification's readers take for unknown.
            try xml.element(
                "enclosure",
                attributes: [
                    "url": mediaURLs[0], "length": String(first.length ?? 0),
                    "type": first.type ?? MediaType.guess(fromURL: first.url) ?? "application/octet-stream",
                ])
        }
        let permalink = a.id == a.url
        try xml.element(
            "guid", attributes: ["isPermaLink": permalink ? "true" : "false"], text: permalink ? url ?? a.id : a.id)
        // One date: pubDate, which every reader reads (the published time, else the updated one).
        if let date = a.published ?? a.updated { try xml.element("pubDate", text: date.rfc822) }
        if let source = a.source, source.hasPrefix("http://") || source.hasPrefix("https://"),
            let sourceURL = URIText.encoded(source)
        {
            try xml.element("source", attributes: ["url": sourceURL], text: source)
        }
        if !a.body.isEmpty { try htmlElement("content:encoded", a.body) }
        if !asAuthor { for p in creators { try xml.element("dc:creator", text: p.name) } }
        for p in a.authors where !(p.role == nil || p.role == .author) {
            try xml.element("dc:contributor", text: p.name)
        }
        if let source = a.source { try xml.element("dc:source", text: source) }
        if let notice = a.rights?.displayNotice { try xml.element("dc:rights", text: notice) }
        if let language = a.language, language != feed.language { try xml.element("dc:language", text: language) }
        for (m, mediaURL) in zip(a.media, mediaURLs) {
            try MediaRSS.write(m, url: mediaURL, with: xml, declare: false)
        }
        try xml.endElement()
        try xml.drain(to: sink)
    }

    /// An element of plain text (RSS titles): `&` and `<` as hexadecimal references, which
    /// tell readers (and the W3C validator) that they are text, not escaped HTML.
    private func plainElement(_ name: String, _ text: String) throws {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else {
            try xml.element(name, text: text)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        XMLText.appendEscaped(text, to: &scratch, hexMarkup: true)
        try xml.startElement(name)
        try scratch.withUnsafeBufferPointer { try xml.escapedText($0) }
        try xml.endElement()
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
