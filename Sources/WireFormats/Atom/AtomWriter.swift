import NewsText
import TextKernel
public import WireModel
public import XMLCore

/// Writes Atom 1.0 (RFC 4287) with XHTML content.
public final class AtomWriter: FeedWriter {
    let feed: Feed
    let context: WriteContext
    let sink: any ByteSink
    let xml: XMLWriter

    /// Throws when the feed has no title or id (see ``OutputFormat/missingIdentity(of:)``).
    public init(feed: Feed, context: WriteContext, sink: any ByteSink) throws {
        if let missing = OutputFormat.atom.missingIdentity(of: feed) { throw XMLError(.writer, missing) }
        self.feed = feed
        self.context = context
        self.sink = sink
        self.xml = try XMLWriter(indent: context.indent)
    }

    /// The feed id: the one given, else its home page, else its location.
    var feedID: String { feed.id ?? feed.url ?? feed.selfURL ?? "" }

    public func begin() throws {
        try xml.startDocument()
        try xml.startElement("feed")
        try xml.attribute("xmlns", Namespace.atom)
        try xml.attribute("xmlns:dc", Namespace.dc)
        if let language = feed.language { try xml.attribute("xml:lang", language) }
        try xml.element("id", text: feedID)
        try xml.element("title", attributes: ["type": "text"], text: feed.title ?? "")
        if let subtitle = feed.subtitle { try xml.element("subtitle", attributes: ["type": "text"], text: subtitle) }
        try xml.element("updated", text: context.updated.rfc3339)
        if let url = feed.url {
            try xml.element("link", attributes: ["rel": "alternate", "type": "text/html", "href": url])
        }
        if let selfURL = feed.selfURL {
            try xml.element("link", attributes: ["rel": "self", "type": "application/atom+xml", "href": selfURL])
        }
        if let hub = feed.hub { try xml.element("link", attributes: ["rel": "hub", "href": hub]) }
        try Paging.write(feed.paging, with: xml, link: "link", history: "fh")
        // RFC 4287 4.1.1: a feed needs an author unless every entry has one; a streaming
        // writer cannot know, so the feed always carries one: its own, else its title's name.
        let authors = feed.authors.isEmpty ? [Person(name: feed.title ?? "")] : feed.authors
        for p in authors { try person("author", p) }
        if let notice = feed.rights?.displayNotice {
            try xml.element("rights", attributes: ["type": "text"], text: notice)
        }
        if let logo = feed.logo { try xml.element("logo", text: logo) }
        try xml.element(
            "generator", attributes: ["uri": Generator.uri, "version": Generator.version], text: Generator.name)
        try xml.drain(to: sink)
    }

    func person(_ element: String, _ p: Person) throws {
        try xml.startElement(element)
        try xml.element("name", text: p.name)
        if let uri = p.uri { try xml.element("uri", text: uri) }
        if let email = p.email { try xml.element("email", text: email) }
        try xml.endElement()
    }

    public func write(_ a: Article) throws {
        let url = try a.url.map { try URIText.link($0, what: "url", article: a) }
        let mediaURLs = try a.media.map { try URIText.link($0.url, what: "media url", article: a) }
        try xml.startElement("entry")
        if let language = a.language, language != feed.language { try xml.attribute("xml:lang", language) }
        try xml.element("id", text: a.id)
        try xml.element("title", attributes: ["type": "text"], text: a.displayTitle)
        try xml.element("updated", text: (a.updated ?? a.published ?? context.updated).rfc3339)
        if let published = a.published { try xml.element("published", text: published.rfc3339) }
        for p in a.authors {
            try person(p.role == nil || p.role == .author ? "author" : "contributor", p)
        }
        for c in a.categories {
            try xml.startElement("category")
            try xml.attribute("term", c.term)
            if let scheme = c.scheme { try xml.attribute("scheme", scheme) }
            if let label = c.label { try xml.attribute("label", label) }
            try xml.endElement()
        }
        if let url {
            try xml.element("link", attributes: ["rel": "alternate", "type": "text/html", "href": url])
        }
        for (m, mediaURL) in zip(a.media, mediaURLs) {
            try xml.startElement("link")
            try xml.attribute("rel", "enclosure")
            try xml.attribute("href", mediaURL)
            if let type = m.type ?? MediaType.guess(fromURL: m.url) { try xml.attribute("type", type) }
            if let length = m.length, length > 0 { try xml.attribute("length", String(length)) }
            if let caption = m.caption { try xml.attribute("title", caption) }
            try xml.endElement()
        }
        // Media RSS too, for what an enclosure link cannot say: dimensions, credit, renditions.
        for (m, mediaURL) in zip(a.media, mediaURLs)
        where m.credit != nil || m.width != nil || m.height != nil || m.renditions.count > 1 || m.medium != nil {
            try MediaRSS.write(m, url: mediaURL, with: xml, declare: true)
        }
        if let summary = a.summary { try xml.element("summary", attributes: ["type": "text"], text: summary) }
        // RFC 4287 4.1.1: an entry without an alternate link must have content (empty if need be).
        if !a.body.isEmpty || a.url == nil {
            try xml.startElement("content")
            try xml.attribute("type", "xhtml")
            try xml.startElement("div")
            try xml.attribute("xmlns", Namespace.xhtml)
            for p in a.body { try xml.element("p", text: p) }
            try xml.endElement()
            try xml.endElement()
        }
        if let notice = a.rights?.displayNotice {
            try xml.element("rights", attributes: ["type": "text"], text: notice)
        }
        if let source = a.source { try xml.element("dc:source", text: source) }
        try xml.endElement()
        try xml.drain(to: sink)
    }

    /// An RFC 6721 tombstone for a killed article: readers remove the entry with this id.
    /// Its namespace is declared on it alone, so that feeds without one do not carry it.
    func tombstone(_ a: Article) throws {
        try xml.startElement("at:deleted-entry")
        try xml.attribute("xmlns:at", Namespace.tombstones)
        try xml.attribute("ref", a.id)
        try xml.attribute("when", (a.updated ?? a.published ?? context.updated).rfc3339)
        if let url = a.url.flatMap(URIText.encoded) {
            try xml.element("link", attributes: ["rel": "alternate", "type": "text/html", "href": url])
        }
        try xml.endElement()
        try xml.drain(to: sink)
    }

    public func finish() throws {
        try xml.endDocument()
        try xml.drain(to: sink)
    }
}
