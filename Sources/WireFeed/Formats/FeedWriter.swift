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
    case rss, atom, newsml, json

    /// Creates the writer for this format.
    public func makeWriter(feed: Feed, context: WriteContext, sink: any ByteSink) throws -> any FeedWriter {
        switch self {
        case .rss: try RSSWriter(feed: feed, context: context, sink: sink)
        case .atom: try AtomWriter(feed: feed, context: context, sink: sink)
        case .newsml: try NewsMLWriter(feed: feed, context: context, sink: sink)
        case .json: JSONDocumentWriter(feed: feed, context: context, sink: sink)
        }
    }
}

/// What a writer needs besides the feed: the resolved feed time and the generator.
public struct WriteContext: Sendable {
    /// The feed's `updated` time (Atom requires one): the feed's own, else the newest
    /// article's, else `SOURCE_DATE_EPOCH`, else now — resolved by the caller.
    public var updated: Timestamp
    /// Whether to pretty-print.
    public var indent: Bool

    public init(updated: Timestamp, indent: Bool = true) {
        self.updated = updated
        self.indent = indent
    }
}

/// wirefeed's name, version and home, as written in `generator` elements.
public enum Generator {
    public static let name = "wirefeed"
    public static let version = "0.1.0"
    public static let uri = "https://github.com/wirefeed/wirefeed"
}

/// XML namespace URIs wirefeed reads and writes.
public enum Namespace {
    public static let atom = "http://www.w3.org/2005/Atom"
    public static let atom03 = "http://purl.org/atom/ns#"
    public static let content = "http://purl.org/rss/1.0/modules/content/"
    public static let dc = "http://purl.org/dc/elements/1.1/"
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let media = "http://search.yahoo.com/mrss/"
    public static let xhtml = "http://www.w3.org/1999/xhtml"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rss10 = "http://purl.org/rss/1.0/"
    public static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    public static let nar = "http://iptc.org/std/nar/2006-10-01/"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}

enum HTMLText {
    /// Paragraphs as `<p>` HTML, escaped for HTML and then for XML in one pass, exactly as
    /// libxml2 would escape ``paragraphs(_:)`` as text (`&`, `<`, `>`, `"`, CR), characters
    /// XML forbids left out.
    static func xmlEscapedParagraphs(_ body: [String], into out: inout [UInt8]) {
        let open: StaticString = "&lt;p&gt;"
        let close: StaticString = "&lt;/p&gt;"
        func add(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        for (k, paragraph) in body.enumerated() {
            if k > 0 { out.append(0x0A) }
            add(open)
            var copy = paragraph
            copy.withUTF8 { b in XMLText.escapeClass.withUnsafeBufferPointer { table in
                var i = 0
                var run = 0
                let n = b.count
                while i < n {
                    // Most bytes need nothing: skip them with one table look-up each.
                    while i < n, table[Int(b[i])] == 0 { i += 1 }
                    guard i < n else { break }
                    let c = b[i]
                    let replacement: StaticString
                    var skip = 1
                    switch c {
                    case UInt8(ascii: "&"): replacement = "&amp;amp;"
                    case UInt8(ascii: "<"): replacement = "&amp;lt;"
                    case UInt8(ascii: ">"): replacement = "&amp;gt;"
                    case UInt8(ascii: "\""): replacement = "&quot;"
                    case 0x0D: replacement = "&#13;"
                    case 0xEF:
                        // U+FFFE and U+FFFF are not XML characters; other EF sequences are.
                        guard i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF else {
                            i += 1
                            continue
                        }
                        replacement = ""
                        skip = 3
                    default: replacement = ""  // C0 controls other than tab and line feed
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                    add(replacement)
                    i += skip
                    run = i
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n]))
            } }
            add(close)
        }
    }

    /// Paragraphs as `<p>` HTML, escaped, for `content:encoded`.
    static func paragraphs(_ body: [String]) -> String {
        var out = ""
        for (i, p) in body.enumerated() {
            if i > 0 { out += "\n" }
            out += "<p>"
            out += escape(p)
            out += "</p>"
        }
        return out
    }

    /// `&`, `<`, `>` as entities; runs without them are copied as they are (UTF-8 bytes).
    static func escape(_ s: String) -> String {
        var copy = s
        return copy.withUTF8 { b -> String in
            guard b.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else { return s }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            var run = 0
            for (i, c) in b.enumerated() {
                let entity: StaticString
                switch c {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
