import TextKernel
public import WireModel
public import XMLCore

/// A streaming writer of one output format: `begin`, then `write` per article, then `finish`.
///
/// Each article is written and drained to the sink as it comes, so memory does not
/// grow with the number of articles.
public protocol FeedWriter: AnyObject {
    /// Writes the document head (feed metadata).
    func begin() throws
    /// Writes one article.
    func write(_ article: Article) throws
    /// Closes the document and drains it to the sink (the caller commits the sink).
    func finish() throws
}

/// The output formats `wirefeed convert` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case rss, atom, newsml, json, jsonfeed, ninjs

    /// Creates the writer for this format.
    public func makeWriter(feed: Feed, context: WriteContext, sink: any ByteSink) throws -> any FeedWriter {
        switch self {
        case .rss: try RSSWriter(feed: feed, context: context, sink: sink)
        case .atom: try AtomWriter(feed: feed, context: context, sink: sink)
        case .newsml: try NewsMLWriter(feed: feed, context: context, sink: sink)
        case .json: JSONDocumentWriter(feed: feed, context: context, sink: sink)
        case .jsonfeed: try JSONFeedWriter(feed: feed, context: context, sink: sink)
        case .ninjs: NinjsWriter(feed: feed, context: context, sink: sink)
        }
    }
}

extension OutputFormat {
    /// What the feed lacks to be published in this format, or nil: RSS needs a channel title
    /// and link, Atom a feed title and id (its home page or location serve as the id).
    /// wirefeed never writes a placeholder in their place.
    public func missingIdentity(of feed: Feed) -> String? {
        var missing: [String] = []
        func blank(_ s: String?) -> Bool { s?.trimmingWhitespace().isEmpty ?? true }
        switch self {
        case .rss:
            if blank(feed.title) { missing.append("a title") }
            if blank(feed.url) && blank(feed.selfURL) { missing.append("a link (url)") }
        case .atom:
            if blank(feed.title) { missing.append("a title") }
            if blank(feed.id) && blank(feed.url) && blank(feed.selfURL) { missing.append("an id (id or url)") }
        case .jsonfeed:
            if blank(feed.title) { missing.append("a title") }
        case .newsml, .json, .ninjs: return nil
        }
        guard !missing.isEmpty else { return nil }
        let name = self == .rss ? "an RSS channel" : self == .atom ? "an Atom feed" : "a JSON Feed"
        return "\(name) needs \(missing.joined(separator: " and ")), which wirefeed never invents: give --feed FILE"
    }
}

/// What a writer needs besides the feed: the resolved feed time and the generator.
public struct WriteContext: Sendable {
    /// The feed's `updated` time (Atom requires one): the feed's own, else the newest
    /// article's, else `SOURCE_DATE_EPOCH`, else now — resolved by the caller.
    public var updated: Timestamp
    /// Whether to pretty-print.
    public var indent: Bool
    /// The ninjs version written: `3.1` (the default) or `2.2`.
    public var ninjsVersion = "3.1"

    public init(updated: Timestamp, indent: Bool = true) {
        self.updated = updated
        self.indent = indent
    }
}

/// wirefeed's name, version and home, as written in `generator` elements.
package enum Generator {
    public static let name = "wirefeed"
    public static let version = "0.1.0"
    public static let uri = "https://github.com/wirefeed/wirefeed"
}

/// XML namespace URIs wirefeed reads and writes.
/// XML namespaces. Each format's folder declares its own (`RSSFormat.swift`,
/// `AtomFormat.swift`, `NewsMLFormat.swift`); those several formats share are here.
package enum Namespace {
    package static let dc = "http://purl.org/dc/elements/1.1/"
    package static let dcterms = "http://purl.org/dc/terms/"
    package static let media = "http://search.yahoo.com/mrss/"
    /// RFC 5005 feed history (`fh:complete`, `fh:archive`).
    package static let history = "http://purl.org/syndication/history/1.0"
    package static let xml = "http://www.w3.org/XML/1998/namespace"
}

enum HTMLText {
    /// Paragraphs as `<p>` HTML (`<p>`, `&`, `<`, `>` escaped for HTML), escaped for XML in
    /// the same pass: the bytes libxml2 would write for that HTML as text, characters XML
    /// forbids left out.
    static func xmlEscapedParagraphs(_ body: [String], into out: inout [UInt8]) {
        let open: StaticString = "&lt;p&gt;"
        let close: StaticString = "&lt;/p&gt;"
        func add(_ s: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }
        for (k, paragraph) in body.enumerated() {
            if k > 0 { out.append(0x0A) }
            add(open)
            XMLText.appendEscaped(paragraph, to: &out, htmlFirst: true)
            add(close)
        }
    }
}
