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
        /// Which positions hold the newest version of their story
        /// (`Publishing.isNewer(_:than:)`): a bit an article.
        var newestVersions = Bits()
        /// The ids met, numbered in input order (kept when `--limit` needs them, to break
        /// ties between stories by id).
        package var ids = StringNumbering()
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

        /// Whether the article at `index` (0-based, in input order) is the newest version of
        /// its story; true for a position the walk did not meet.
        public func isNewestVersion(at index: Int) -> Bool {
            index >= newestVersions.count || newestVersions[index]
        }

        /// What a walk learns of the articles, one at a time in input order (positions count
        /// from 0): what ``Converter/firstWalk(inputs:environment:budget:dated:)`` and a walk
        /// that writes as it reads share.
        ///
        /// It keeps each id once (`StringNumbering`) with the position and version of its
        /// newest article, and the published articles' dates when `--limit` needs them; or,
        /// when it spills, writes each article's id, position and version to disk, into one of
        /// 256 partitions by the id's hash, and reads one partition at a time at the end: then
        /// memory keeps a bit an article and one partition's stories (a 256th of the batch's
        /// ids: about 2 MB at ten million articles).
        public struct Learning {
            var newest: Timestamp?
            var stories = Stories()
            var canceled: [(index: Int, article: Article)] = []
            var published: [Published] = []
            let keepsPublished: Bool
            /// Where the stories go when the walk spills (nil: kept in memory).
            let spilled: SpilledPartitions?
            /// The position the next article takes.
            public private(set) var index = 0

            /// `keepsPublished`: whether the published articles' dates are kept, for
            /// ``FirstWalk/newest(_:)`` and ``FirstWalk/newestFirst()``. `spills`: whether
            /// the stories go to disk (not with `keepsPublished`, which numbers ids in memory),
            /// each of 256 partitions once it holds `chunk` bytes.
            public init(keepsPublished: Bool = true, spills: Bool = false, chunk: Int = 1 << 13) {
                self.keepsPublished = keepsPublished
                spilled =
                    spills && !keepsPublished
                    ? SpilledPartitions(prefix: "wirefeed-stories", partitions: 256, chunk: chunk) : nil
            }

            /// Learns of the next article; `dated` says whether it counts for the feed's date
            /// (whether it will be published).
            public mutating func add(_ article: Article, dated: Bool) throws {
                defer { index += 1 }
                if dated { newest = Converter.newer(newest, article) }
                if article.status == .canceled {
                    var c = Article(id: article.id)
                    (c.version, c.updated, c.published) = (article.version, article.updated, article.published)
                    c.url = article.url
                    c.status = .canceled
                    canceled.append((index, c))
                }
                // Only what ordering versions needs is kept of each.
                let version = Publishing.Version(article)
                if let spilled {
                    // The hash's high bits: its low bits pick the slot in a partition's table,
                    // where ids that shared them would all start their probes alike.
                    var hasher = Hasher()
                    hasher.combine(article.id)
                    let p = Int(UInt64(UInt(bitPattern: hasher.finalize())) >> 56) % spilled.partitions
                    try spilled.append(to: p) { StoryRecord.append(article.id, index, version, to: &$0) }
                    return
                }
                let number = stories.add(article.id, at: index, version)
                if dated && keepsPublished {
                    published.append(
                        Published(index: index, number: number, date: article.updated ?? article.published))
                }
            }

            /// What was learnt, with the articles kept (if any).
            public func walk(articles: [(Article, [Diagnostic])]?, environment: [String: String]) throws
                -> FirstWalk
            {
                var walk = FirstWalk(
                    updated: Converter.updated(newest: newest, environment: environment), articles: articles)
                walk.newestVersions = Bits(count: index)
                if let spilled {
                    // One partition at a time: a story's versions are all in one.
                    for p in 0..<spilled.partitions {
                        var stories = Stories()
                        StoryRecord.forEach(in: try spilled.bytes(of: p)) { stories.add($0, at: $1, $2) }
                        stories.mark(&walk.newestVersions)
                    }
                } else {
                    stories.mark(&walk.newestVersions)
                    walk.ids = stories.ids
                }
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
            let stories = published.filter { isNewestVersion(at: $0.index) }
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
            try learning.add(article, dated: dated(article))
            guard kept != nil else { return }
            size += article.body.reduce(256) { $0 + $1.utf8.count } + (article.summary?.utf8.count ?? 0)
            if size > budget { kept = nil } else { kept!.append((article, warnings)) }
        }
        return try learning.walk(articles: kept, environment: environment)
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
