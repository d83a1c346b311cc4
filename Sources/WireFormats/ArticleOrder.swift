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

    /// Whether `a` comes strictly before `b`.
    public func precedes(_ a: Article, _ b: Article) -> Bool {
        let da = Self.date(a)
        let db = Self.date(b)
        if da != db { return self == .newest ? da > db : da < db }
        if a.id != b.id { return a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        let va = a.version ?? 0
        let vb = b.version ?? 0
        if va != vb { return va > vb }
        let ua = a.updated ?? a.published ?? Timestamp(seconds: Int64.min / 2)
        let ub = b.updated ?? b.published ?? Timestamp(seconds: Int64.min / 2)
        return ua > ub
    }

    /// The date articles are sorted by: undated ones take the earliest time there is.
    static func date(_ a: Article) -> Timestamp {
        a.published ?? a.updated ?? Timestamp(seconds: Int64.min / 2)
    }
}
