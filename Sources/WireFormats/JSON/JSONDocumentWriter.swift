public import WireModel
public import XMLCore

/// Writes the JSON document of `article-model.md`, streaming: keys in the contract's
/// order, unknown values omitted, one article at a time.
public final class JSONDocumentWriter: FeedWriter {
    let feed: Feed
    let format: String?
    let sink: any ByteSink
    private var list = ArticleList()

    public init(feed: Feed, context: WriteContext, sink: any ByteSink, format: String? = nil) {
        self.feed = feed
        self.format = format
        self.sink = sink
    }

    public func begin() throws {
        var j = JSONBuilder()
        j.open("{")
        if let format {
            j.key("format")
            j.string(format)
        }
        if !feed.isEmpty {
            j.key("feed")
            Self.encode(feed, into: &j)
        }
        j.key("articles")
        j.raw("[")
        try sink.write(j.text)
    }

    public func write(_ article: Article) throws {
        try list.append(article, to: sink)
    }

    public func finish() throws {
        var j = list.closing()
        j.raw("}\n")
        try sink.write(j.text)
    }

    /// One article's JSON, on one line without its line end: a line of JSON Lines.
    public static func line(_ article: Article) -> [UInt8] {
        var j = JSONBuilder()
        encode(article, into: &j)
        return j.bytes
    }

    static func encode(_ a: Article, into j: inout JSONBuilder) {
        j.open("{")
        j.key("id")
        j.string(a.id)
        if let v = a.version {
            j.key("version")
            j.int(v)
        }
        j.opt("url", a.url)
        j.opt("title", a.title)
        j.opt("subtitle", a.subtitle)
        j.opt("summary", a.summary)
        j.strings("body", a.body)
        j.opt("language", a.language)
        j.opt("published", a.published?.rfc3339)
        j.opt("updated", a.updated?.rfc3339)
        people("authors", a.authors, into: &j)
        if !a.categories.isEmpty {
            j.key("categories")
            j.open("[")
            for c in a.categories {
                j.element()
                j.open("{")
                j.key("term")
                j.string(c.term)
                j.opt("scheme", c.scheme)
                j.opt("label", c.label)
                j.close("}")
            }
            j.close("]")
        }
        j.strings("keywords", a.keywords)
        j.opt("dateline", a.dateline)
        j.opt("source", a.source)
        j.opt("publisher", a.publisher)
        rights(a.rights, into: &j)
        if !a.media.isEmpty {
            j.key("media")
            j.open("[")
            for m in a.media {
                j.element()
                j.open("{")
                j.key("url")
                j.string(m.url)
                j.opt("type", m.type)
                j.opt("medium", m.medium)
                if let v = m.length {
                    j.key("length")
                    j.int(v)
                }
                j.opt("caption", m.caption)
                j.opt("credit", m.credit)
                if let v = m.width {
                    j.key("width")
                    j.int(v)
                }
                if let v = m.height {
                    j.key("height")
                    j.int(v)
                }
                if !m.renditions.isEmpty {
                    j.key("renditions")
                    j.open("[")
                    for r in m.renditions {
                        j.element()
                        j.open("{")
                        j.opt("name", r.name)
                        j.key("url")
                        j.string(r.url)
                        j.opt("type", r.type)
                        for (key, value) in [("width", r.width), ("height", r.height), ("length", r.length)] {
                            if let value {
                                j.key(key)
                                j.int(value)
                            }
                        }
                        j.close("}")
                    }
                    j.close("]")
                }
                j.close("}")
            }
            j.close("]")
        }
        j.opt("embargo", a.embargo?.rfc3339)
        if let v = a.urgency {
            j.key("urgency")
            j.int(v)
        }
        j.opt("status", a.status?.rawValue)
        j.close("}")
    }

    static func encode(_ f: Feed, into j: inout JSONBuilder) {
        j.open("{")
        j.opt("id", f.id)
        j.opt("title", f.title)
        j.opt("subtitle", f.subtitle)
        j.opt("url", f.url)
        j.opt("selfURL", f.selfURL)
        j.opt("language", f.language)
        j.opt("updated", f.updated?.rfc3339)
        rights(f.rights, into: &j)
        people("authors", f.authors, into: &j)
        j.opt("generator", f.generator)
        j.opt("logo", f.logo)
        j.opt("hub", f.hub)
        if let p = f.paging, !p.isEmpty {
            j.key("paging")
            j.open("{")
            j.opt("first", p.first)
            j.opt("last", p.last)
            j.opt("next", p.next)
            j.opt("previous", p.previous)
            j.opt("current", p.current)
            j.opt("prevArchive", p.prevArchive)
            j.opt("nextArchive", p.nextArchive)
            j.opt("complete", p.complete)
            j.opt("archive", p.archive)
            j.close("}")
        }
        j.close("}")
    }

    static func people(_ key: String, _ list: [Person], into j: inout JSONBuilder) {
        guard !list.isEmpty else { return }
        j.key(key)
        j.open("[")
        for p in list {
            j.element()
            j.open("{")
            j.key("name")
            j.string(p.name)
            j.opt("email", p.email)
            j.opt("uri", p.uri)
            j.opt("role", p.role?.rawValue)
            j.close("}")
        }
        j.close("]")
    }

    static func rights(_ r: Rights?, into j: inout JSONBuilder) {
        guard let r, !r.isEmpty else { return }
        j.key("rights")
        j.open("{")
        j.opt("holder", r.holder)
        if let y = r.year {
            j.key("year")
            j.int(y)
        }
        j.opt("notice", r.notice)
        j.close("}")
    }
}

/// The `articles` array of a streamed document: one article per line, as they come.
struct ArticleList {
    private var count = 0
    /// The whole array on one line (a JSON Lines record), not one article a line.
    var oneLine = false

    mutating func append(_ article: Article, to sink: any ByteSink) throws {
        try append(to: sink) { JSONDocumentWriter.encode(article, into: &$0) }
    }

    /// Appends one element, written by `encode` (JSON Feed's items use the same array).
    mutating func append(to sink: any ByteSink, _ encode: (inout JSONBuilder) throws -> Void) throws {
        var j = JSONBuilder()
        j.raw(oneLine ? (count == 0 ? "" : ",") : (count == 0 ? "\n  " : ",\n  "))
        try encode(&j)
        count += 1
        try sink.write(j.text)
    }

    /// The end of the array, ready for the next key of the document.
    func closing() -> JSONBuilder {
        var j = JSONBuilder()
        j.raw(count == 0 || oneLine ? "]" : "\n]")
        j.needsComma = true
        return j
    }
}

/// A compact JSON text builder (keys in the order they are added).
struct JSONBuilder {
    var bytes: [UInt8] = []
    var needsComma = false

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func open(_ bracket: String) {
        raw(bracket)
        needsComma = false
    }

    mutating func close(_ bracket: String) {
        raw(bracket)
        needsComma = true
    }

    mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    mutating func key(_ k: String) {
        element()
        string(k)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func int(_ v: Int) {
        raw(String(v))
        needsComma = true
    }

    mutating func opt(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        string(v)
    }

    /// `"k": v` when there is a value.
    mutating func opt(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        int(v)
    }

    /// `"k": true` or `false` when there is a value.
    mutating func opt(_ k: String, _ v: Bool?) {
        guard let v else { return }
        key(k)
        raw(v ? "true" : "false")
        needsComma = true
    }

    /// `"k": [{…}, …]`, one object per item written by `body`; nothing for no items.
    mutating func objects<T>(_ k: String, _ items: [T], _ body: (inout JSONBuilder, T) throws -> Void) rethrows {
        guard !items.isEmpty else { return }
        key(k)
        open("[")
        for item in items {
            element()
            open("{")
            try body(&self, item)
            close("}")
        }
        close("]")
    }

    mutating func strings(_ k: String, _ list: [String]) {
        guard !list.isEmpty else { return }
        key(k)
        open("[")
        for s in list {
            element()
            string(s)
        }
        close("]")
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = s
        copy.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            var runStart = 0
            while true {
                // Runs that need no escaping are found eight bytes at a time and copied whole.
                i = JSONBytes.firstSpecial(utf8, from: i)
                guard i < n else { break }
                let b = utf8[i]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                i += 1
                runStart = i
                bytes.append(92)
                switch b {
                case UInt8(ascii: "\""): bytes.append(34)
                case UInt8(ascii: "\\"): bytes.append(92)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(48)
                    bytes.append(48)
                    bytes.append(hex.utf8Start[Int(b >> 4)])
                    bytes.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }
}

/// Streams an import as the JSON document: `format`, then `articles` as they are read,
/// then `feed` (known completely only at the end: RSS allows channel elements after
/// items) and `warnings`. JSON object keys have no order, so readers see the same document.
package final class JSONImportWriter: ImportHandler {
    let sink: any ByteSink
    private var list = ArticleList()
    /// Warnings to embed under `warnings` (`wirefeed import --format json`).
    public var warnings: [String] = []
    public var embedWarnings: Bool

    /// The input's path, when the document is one JSON Lines record of several
    /// (`import --files-from`): it comes first, and the document holds no line end but its last.
    let file: String?

    public init(sink: any ByteSink, embedWarnings: Bool = false, file: String? = nil) {
        self.sink = sink
        self.embedWarnings = embedWarnings
        self.file = file
        list.oneLine = file != nil
    }

    public func begin(format: DocumentFormat) throws {
        var j = JSONBuilder()
        j.open("{")
        if let file {
            j.key("file")
            j.string(file)
        }
        j.key("format")
        j.string(format.rawValue)
        j.key("articles")
        j.raw("[")
        try sink.write(j.text)
    }

    public func article(_ article: Article) throws {
        try list.append(article, to: sink)
    }

    public func end(feed: Feed?) throws {
        var j = list.closing()
        if let feed {
            j.key("feed")
            JSONDocumentWriter.encode(feed, into: &j)
        }
        try sink.write(j.text)
    }

    /// The record of a listed input that could not be read (`import --files-from`), with
    /// its line end: `{"file":…,"error":{"line":…,"column":…,"message":…}}`.
    public static func errorRecord(file: String, line: Int, column: Int, message: String) -> [UInt8] {
        var j = JSONBuilder()
        j.open("{")
        j.key("file")
        j.string(file)
        j.key("error")
        j.open("{")
        if line > 0 {
            j.key("line")
            j.int(line)
        }
        if column > 0 {
            j.key("column")
            j.int(column)
        }
        j.key("message")
        j.string(message)
        j.close("}")
        j.close("}")
        j.raw("\n")
        return j.bytes
    }

    /// Closes the document (after `end`), with the warnings when they are embedded.
    public func close() throws {
        var j = JSONBuilder()
        j.needsComma = true
        if embedWarnings && !warnings.isEmpty {
            j.key("warnings")
            j.open("[")
            for w in warnings {
                j.element()
                j.string(w)
            }
            j.close("]")
        }
        j.raw("}\n")
        try sink.write(j.text)
    }
}
