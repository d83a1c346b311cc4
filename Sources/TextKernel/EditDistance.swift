/// Levenshtein's distance (insertions, deletions, substitutions), for suggesting the name a
/// typo meant: a feed key, an end tag.
package enum EditDistance {
    package static func between<E: Equatable>(_ a: [E], _ b: [E]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for x in 1...a.count {
            var prev = row[0]
            row[0] = x
            for y in 1...b.count {
                let here = row[y]
                row[y] = min(row[y] + 1, row[y - 1] + 1, prev + (a[x - 1] == b[y - 1] ? 0 : 1))
                prev = here
            }
        }
        return row[b.count]
    }
}
