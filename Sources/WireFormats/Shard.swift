public import WireModel

/// One share of a split of the articles: `--shard K/N` takes the articles whose id hashes to
/// K modulo N. The hash (FNV-1a, 64 bits, of the id's UTF-8 bytes) is the same on every
/// machine and every run, so N processes given the same inputs write disjoint shares that
/// together hold every article once; the versions of one story (one id) share a shard.
public struct Shard: Sendable, Hashable {
    public let index: Int
    public let count: Int

    /// `K/N` with 0 ≤ K < N (K as Kubernetes' `JOB_COMPLETION_INDEX` gives it).
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n > 0, k >= 0, k < n else { return nil }
        index = k
        count = n
    }

    /// FNV-1a, 64 bits.
    public static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    public func contains(_ article: Article) -> Bool { Int(Self.hash(article.id) % UInt64(count)) == index }

    /// Whether a whole input file is in this share, by its path as given (for inputs that
    /// are read whole: `import --files-from`).
    public func contains(path: String) -> Bool { Int(Self.hash(path) % UInt64(count)) == index }
}
