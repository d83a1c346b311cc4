import NewsText
import TextKernel
public import WireModel
public import XMLCore

/// Options for reading feeds.
public struct ImportOptions: Sendable {
    /// The format to expect; nil detects it from the root element.
    public var format: DocumentFormat?
    public var limits: Limits
    /// Stop after this many articles (nil: no limit).
    public var maximumArticles: Int?
    /// Whether a document that is not well-formed is read anyway, repaired, with a warning
    /// per kind of repair (the default), or refused with the parser's error (`--strict`).
    public var recovers = true
    /// How the XML is read: libxml2's SAX2 events (the default, about twice as fast) or its
    /// text reader (the same results; kept to compare against). Not part of the public API.
    package var engine: XMLStreamReader.Engine = .events

    public init(
        format: DocumentFormat? = nil, limits: Limits = Limits(), maximumArticles: Int? = nil, recovers: Bool = true
    ) {
        self.format = format
        self.limits = limits
        self.maximumArticles = maximumArticles
        self.recovers = recovers
    }

    package init(
        format: DocumentFormat? = nil, limits: Limits = Limits(), maximumArticles: Int? = nil,
        engine: XMLStreamReader.Engine
    ) {
        self.init(format: format, limits: limits, maximumArticles: maximumArticles)
        self.engine = engine
    }
}

/// Receives what an importer reads, as it reads it.
public protocol ImportHandler: AnyObject {
    /// Called once, before any article, with the detected format.
    func begin(format: DocumentFormat) throws
    /// Called for each article, in document order.
    func article(_ article: Article) throws
    /// Called at the end with the feed metadata (nil for a lone NewsML-G2 item or Atom entry).
    func end(feed: Feed?) throws
}

/// State shared by the format readers while one document is read.
package struct ImportContext {
    let file: String
    let options: ImportOptions
    let handler: any ImportHandler
    package var warnings: [Diagnostic] = []
    var count = 0

    package init(file: String, options: ImportOptions, handler: any ImportHandler) {
        self.file = file
        self.options = options
        self.handler = handler
    }

    /// The rights a notice line gives. Feeds repeat one notice on every item, so the last
    /// answer is kept (reading a notice is string work, per item it showed in profiles).
    mutating func rights(_ notice: String) -> Rights? {
        if let lastNotice, lastNotice.notice == notice { return lastNotice.rights }
        let r = Rights.fromNotice(notice)
        lastNotice = (notice, r)
        return r
    }

    private var lastNotice: (notice: String, rights: Rights?)?

    mutating func warn(_ line: Int, _ message: String, rule: String, severity: Severity = .warning) {
        guard warnings.count < 1000 else { return }
        warnings.append(Diagnostic(file: file, line: line, severity: severity, message: message, rule: rule))
    }

    /// Hands an article on (read from the element starting on `line`); false when the
    /// article limit is reached: reading stops there (what follows in the feed, later
    /// channel elements included, is not read, and a reading error there is not the
    /// import's business) and a note says so. The note is `info`, not a warning: the limit
    /// is what the user asked for, and `--strict` does not fail on it.
    mutating func emit(_ article: Article, line: Int) throws -> Bool {
        if count < options.maximumArticles ?? .max {
            try handler.article(article)
            count += 1
        }
        guard let max = options.maximumArticles, count >= max else { return true }
        warn(
            line, "stopped after \(max) articles (the limit): what follows in the feed is not read", rule: "limit",
            severity: .info)
        return false
    }

    /// The line of the first element that looks like an item but was not read as one.
    var firstUnreadItem: Int?

    /// Notes an element the reader did not read as an item when it, or an element in it
    /// (four levels down at most), is named like one (`item`, `entry`).
    mutating func noteUnreadItems(in e: XMLElement) {
        guard firstUnreadItem == nil else { return }
        func find(_ e: XMLElement, _ depth: Int) -> Int? {
            if e.name == "item" || e.name == "entry" { return e.line }
            guard depth < 4 else { return nil }
            for c in e.elements { if let line = find(c, depth + 1) { return line } }
            return nil
        }
        firstUnreadItem = find(e, 0)
    }

    /// A feed that gave no article while it holds item-like elements says so: an empty
    /// result is never silent.
    mutating func warnIfNoArticles() {
        guard count == 0, options.maximumArticles != 0, let line = firstUnreadItem else { return }
        warn(
            line,
            "no articles were read, but the feed holds item-like elements (the first here) where its format does not put items",
            rule: "import.no-articles")
    }

    /// A date in any form feeds use; unparseable or suspicious ones are warned about.
    mutating func date(_ e: XMLElement?, _ what: String) -> Timestamp? {
        guard let e else { return nil }
        return date(e.text, what, line: e.line)
    }

    /// A date written as `text` (an attribute's value, say) on `line`.
    mutating func date(_ text: String, _ what: String, line: Int) -> Timestamp? {
        let text = Whitespace.collapse(text)
        guard !text.isEmpty else { return nil }
        var notes: DateParser.Notes = []
        guard let t = DateParser.parseAny(text, notes: &notes) else {
            warn(line, "\(what) '\(text.prefix(60))' is not a date wirefeed can read; left out", rule: "date")
            return nil
        }
        return t
    }
}
