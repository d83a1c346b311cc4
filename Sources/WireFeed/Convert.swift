import Foundation
package import TextKernel
public import WireFormats
public import WireIngest
public import WireModel
import WireValidate
public import XMLCore

/// Converting articles to a feed, as `wirefeed convert` does.
public enum Converter {
    /// The feed's `updated` time: the feed's own, else the newest article date among
    /// the inputs (a first pass that keeps only dates), else `SOURCE_DATE_EPOCH`, else now.
    public static func resolveUpdated(feed: Feed, inputs: ArticleInputs, environment: [String: String]) throws
        -> Timestamp
    {
        if let updated = feed.updated { return updated }
        var newest: Timestamp?
        // Inputs that cannot be read are reported by the pass that writes.
        try inputs.forEach(onFailure: { _ in }) { article, _ in newest = newer(newest, article) }
        return updated(newest: newest, environment: environment)
    }

    /// Articles read in the walk that found the newest date, kept so that the inputs are
    /// read once: nil when they passed `budget` bytes of text (then the inputs are walked
    /// again to write them, streams from the copy ``WireIngest/ArticleInputs/bufferStreams()`` keeps).
    public struct FirstWalk {
        public var updated: Timestamp
        public var articles: [(Article, [Diagnostic])]?
        /// The canceled articles (their id, url, dates and status), in input order with their
        /// positions: Atom's tombstones are written before the first entry, as RFC 4287's
        /// grammar puts extension elements.
        public var canceled: [(index: Int, article: Article)] = []
        /// The ids met, numbered in input order.
        package var ids = StringNumbering()
        /// For each id's number, the input position (0-based) of its newest version
        /// (`Publishing.isNewer(_:than:)`).
        package var newestIndex: [Int] = []
        /// Every article that `dated` says will be published (when the walk kept them): what
        /// `--limit` picks the newest from.
        var published: [Published] = []

        /// A published article's position, the number of its id and its date (its updated
        /// time, else its published one).
        struct Published {
            var index: Int
            var number: Int
            var date: Timestamp?
        }

        /// The input position of the newest version of the story `id`; nil for an id not met.
        public func newestVersion(of id: String) -> Int? {
            ids.existingNumber(id).map { newestIndex[$0] }
        }

        /// The input position of the newest version of the story whose id has `number`
        /// (what ``Learning/add(_:dated:)`` returned).
        package func newestVersion(ofNumber number: Int) -> Int { newestIndex[number] }

        /// The id numbered `number`.
        package func id(ofNumber number: Int) -> String { ids.string(number) }

        /// What a walk learns of the articles, one at a time in input order (positions count
        /// from 0): what ``Converter/firstWalk(inputs:environment:budget:dated:)`` and a walk
        /// that writes as it reads share.
        ///
        /// It keeps a few words an article: each id once (`StringNumbering`) with the
        /// position and version of its newest article, and the published articles' dates when
        /// `--limit` needs them.
        public struct Learning {
            var newest: Timestamp?
            var ids = StringNumbering()
            var newestIndex: [Int] = []
            var newestVersion: [Publishing.Version] = []
            var canceled: [(index: Int, article: Article)] = []
            var published: [Published] = []
            let keepsPublished: Bool
            /// The position the next article takes.
            public private(set) var index = 0

            /// `keepsPublished`: whether the published articles' dates are kept, for
            /// ``FirstWalk/newest(_:)`` and ``FirstWalk/newestFirst()``.
            public init(keepsPublished: Bool = true) {
                self.keepsPublished = keepsPublished
            }

            /// Learns of the next article; `dated` says whether it counts for the feed's date
            /// (whether it will be published). Returns the number of its id.
            @discardableResult
            public mutating func add(_ article: Article, dated: Bool) -> Int {
                defer { index += 1 }
                let (number, isNew) = ids.number(article.id)
                if dated {
                    newest = Converter.newer(newest, article)
                    if keepsPublished {
                        published.append(
                            Published(index: index, number: number, date: article.updated ?? article.published))
                    }
                }
                if article.status == .canceled {
                    var c = Article(id: article.id)
                    (c.version, c.updated, c.published) = (article.version, article.updated, article.published)
                    c.url = article.url
                    c.status = .canceled
                    canceled.append((index, c))
                }
                // Only what ordering versions needs is kept of each.
                let version = Publishing.Version(article)
                if isNew {
                    newestIndex.append(index)
                    newestVersion.append(version)
                } else if Publishing.isNewer(version, than: newestVersion[number]) {
                    newestIndex[number] = index
                    newestVersion[number] = version
                }
                return number
            }

            /// What was learnt, with the articles kept (if any).
            public func walk(articles: [(Article, [Diagnostic])]?, environment: [String: String]) -> FirstWalk {
                var walk = FirstWalk(
                    updated: Converter.updated(newest: newest, environment: environment), articles: articles)
                walk.ids = ids
                walk.newestIndex = newestIndex
                walk.canceled = canceled
                walk.published = published
                return walk
            }
        }

        /// The positions of the newest `limit` published articles (one version per story), by
        /// date, newest first (undated last, then by id: the same choice in any input order).
        public func newest(_ limit: Int) -> Set<Int> {
            Set(newestFirst().prefix(max(0, limit)))
        }

        /// The positions of the published articles (one version per story), newest first
        /// (undated last, then by id).
        public func newestFirst() -> [Int] {
            let stories = published.filter { newestIndex[$0.number] == $0.index }
            return stories.sorted { a, b in
                switch (a.date, b.date) {
                case (let x?, let y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default:
                    return a.number != b.number ? ids.bytesPrecede(a.number, b.number) : a.index < b.index
                }
            }.map { $0.index }
        }
    }

    /// Like ``resolveUpdated(feed:inputs:environment:)`` for a feed without `updated`, but
    /// keeps what it read (up to `budget` bytes of article text); the first input that cannot
    /// be read fails it, as it would fail the writing.
    /// `dated` says which articles count for the feed's date (those it will publish).
    public static func firstWalk(
        inputs: ArticleInputs, environment: [String: String], budget: Int = 64 << 20,
        dated: (Article) -> Bool = { _ in true }
    ) throws -> FirstWalk {
        // A batch larger than the budget is not kept: its cleaned articles are read for their
        // heads only (id, version, dates, status), and in full on the walk that writes them.
        var inputs = inputs
        inputs.headsOnly = inputs.knownBytes > budget
        var kept: [(Article, [Diagnostic])]? = inputs.headsOnly ? nil : []
        var size = 0
        var learning = FirstWalk.Learning()
        try inputs.forEach { article, warnings in
            learning.add(article, dated: dated(article))
            guard kept != nil else { return }
            size += article.body.reduce(256) { $0 + $1.utf8.count } + (article.summary?.utf8.count ?? 0)
            if size > budget { kept = nil } else { kept!.append((article, warnings)) }
        }
        return learning.walk(articles: kept, environment: environment)
    }

    /// The later of `newest` and the article's own dates.
    static func newer(_ newest: Timestamp?, _ article: Article) -> Timestamp? {
        [newest, article.updated, article.published].compactMap { $0 }.max()
    }

    /// The newest article date, else `SOURCE_DATE_EPOCH`, else now.
    static func updated(newest: Timestamp?, environment: [String: String]) -> Timestamp {
        if let newest { return newest }
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            return Timestamp(seconds: seconds)
        }
        return now()
    }

    /// The current time in UTC, to the second.
    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970))
    }
}

extension Converter {
    /// Writes `articles` in `format` to memory and returns the bytes.
    public static func render(
        _ articles: [Article], feed: Feed = Feed(), format: OutputFormat, updated: Timestamp, indent: Bool = true
    ) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try format.makeWriter(
            feed: feed, context: WriteContext(updated: updated, indent: indent), sink: sink)
        try writer.begin()
        for a in articles { try writer.write(a) }
        try writer.finish()
        return sink.bytes
    }
}
