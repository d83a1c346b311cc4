public import WireModel

/// What a newsroom means by an article's embargo and status, per output format.
///
/// RSS and Atom are read by anyone at once: an article under embargo is held back until its
/// time, a withheld one is not published, and a canceled (killed) one is no item in RSS and
/// an RFC 6721 tombstone in Atom, which tells readers to remove the entry. NewsML-G2 carries
/// embargo and `pubStatus` itself, as agencies send them, and the JSON document is the
/// model: both carry every article as it is.
public enum Publishing {
    public enum Decision: Sendable, Equatable {
        case publish
        /// Under embargo until then.
        case hold(until: Timestamp)
        /// `status: withheld`, or a kill in a format without tombstones.
        case withhold
        /// A kill, published as a tombstone.
        case tombstone
    }

    public static func decide(_ a: Article, format: OutputFormat, now: Timestamp) -> Decision {
        guard format == .rss || format == .atom || format == .jsonfeed else { return .publish }
        switch a.status {
        case .withheld: return .withhold
        case .canceled: return format == .atom ? .tombstone : .withhold
        case .usable, nil: break
        }
        if let embargo = a.embargo, embargo > now { return .hold(until: embargo) }
        return .publish
    }

    /// Of several versions of one article, the one to publish: the highest `version`, then
    /// the latest `updated` (or `published`), then the last given.
    public static func isNewer(_ a: Article, than b: Article) -> Bool {
        isNewer(ArticleOrder.Key(a), than: ArticleOrder.Key(b))
    }

    /// ``isNewer(_:than:)`` on what it looks at.
    public static func isNewer(_ a: ArticleOrder.Key, than b: ArticleOrder.Key) -> Bool {
        isNewer(Version(a), than: Version(b))
    }

    /// What telling versions of one story apart looks at: its `version` (0 when none) and its
    /// date (`updated`, else `published`). A walk keeps one for each story.
    public struct Version: Sendable {
        public var number: Int
        public var date: Timestamp?

        public init(number: Int, date: Timestamp?) {
            (self.number, self.date) = (number, date)
        }

        public init(_ key: ArticleOrder.Key) {
            (number, date) = (key.version ?? 0, key.updated ?? key.published)
        }

        public init(_ a: Article) {
            (number, date) = (a.version ?? 0, a.updated ?? a.published)
        }
    }

    /// ``isNewer(_:than:)`` on versions.
    public static func isNewer(_ a: Version, than b: Version) -> Bool {
        if a.number != b.number { return a.number > b.number }
        switch (a.date, b.date) {
        case (let x?, let y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return true
        }
    }
}

extension FeedWriter {
    /// Writes the removal of an article (a tombstone where the format has one); nothing by default.
    public func withdraw(_ article: Article) throws {
        if let atom = self as? AtomWriter { try atom.tombstone(article) }
    }
}
