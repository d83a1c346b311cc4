public import WireModel

/// The order of a sorted run (`convert --sort newest|oldest`) and of `wirefeed merge`: by
/// date (`published`, else `updated`; undated articles last when newest come first, first
/// otherwise), then by id (byte order), then the newest version first.
///
/// It is total on what a split can separate (different ids, or different versions), so the
/// parts of any split, each sorted so, merge into the order of one sorted run.
public enum ArticleOrder: String, Sendable, CaseIterable {
    case newest
    case oldest

    /// What the order looks at of an article (a few words, where an article is hundreds of
    /// bytes: a walk keeps one per article).
    public struct Key: Sendable {
        public var id: String
        public var published: Timestamp?
        public var updated: Timestamp?
        public var version: Int?

        public init(_ a: Article) {
            (id, published, updated, version) = (a.id, a.published, a.updated, a.version)
        }

        /// The date articles are sorted by: undated ones take the earliest time there is.
        var date: Timestamp { published ?? updated ?? Timestamp(seconds: Int64.min / 2) }
    }

    /// Whether `a` comes strictly before `b`.
    public func precedes(_ a: Article, _ b: Article) -> Bool { precedes(Key(a), Key(b)) }

    /// Whether `a`, at position `i`, comes before `b`, at `j`: by this order, then by position
    /// (what a stable sort or a merge of ordered parts needs).
    public func precedes(_ a: Key, at i: Int, _ b: Key, at j: Int) -> Bool {
        if precedes(a, b) { return true }
        if precedes(b, a) { return false }
        return i < j
    }

    /// ``precedes(_:at:_:at:)`` for articles.
    public func precedes(_ a: Article, at i: Int, _ b: Article, at j: Int) -> Bool {
        precedes(Key(a), at: i, Key(b), at: j)
    }

    /// Whether `a` comes strictly before `b`.
    public func precedes(_ a: Key, _ b: Key) -> Bool {
        let da = a.date
        let db = b.date
        if da != db { return self == .newest ? da > db : da < db }
        if a.id != b.id { return a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        let va = a.version ?? 0
        let vb = b.version ?? 0
        if va != vb { return va > vb }
        let ua = a.updated ?? a.published ?? Timestamp(seconds: Int64.min / 2)
        let ub = b.updated ?? b.published ?? Timestamp(seconds: Int64.min / 2)
        return ua > ub
    }
}
