/// A list of strings held as their UTF-8 bytes end to end in one buffer, with where each
/// ends: a string costs its bytes and 8, where a `[String]` of paths or ids costs 16 and a
/// heap allocation for every one longer than 15 bytes.
package struct CompactStrings: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []

    package init() {}

    package var startIndex: Int { 0 }
    package var endIndex: Int { ends.count }

    package subscript(i: Int) -> String {
        withUTF8(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the `i`th string.
    package func withUTF8<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(i)])) }
    }

    /// Where the `i`th string's bytes are in `bytes`.
    private func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    package mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        ends.append(bytes.count)
    }

    /// How many bytes the strings take, end to end.
    package var byteCount: Int { bytes.count }

    /// The strings in the byte order of their UTF-8 (what `LC_ALL=C sort` gives; for
    /// text in one normalization form, the order of its scalars), sorted through a list of
    /// positions rather than moving strings. The sort is stable.
    package func sorted() -> CompactStrings {
        var order = Array(0..<count)
        bytes.withUnsafeBufferPointer { all in
            order.sort {
                UnsafeBufferPointer(rebasing: all[range($0)])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: all[range($1)]))
            }
        }
        var out = CompactStrings()
        out.bytes.reserveCapacity(bytes.count)
        out.ends.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { all in
            for i in order {
                out.bytes.append(contentsOf: all[range(i)])
                out.ends.append(out.bytes.count)
            }
        }
        return out
    }
}

/// Distinct strings, numbered 0, 1, 2… in the order they are first met, kept compactly (as
/// ``CompactStrings``), found again through an open-addressing table of numbers.
///
/// A walk over a batch keeps every article's id to tell versions of a story apart. In a
/// `[String: …]` dictionary an id costs its heap string (a 64-byte allocation for a
/// 30-byte id) plus a slot of 16 bytes and more, at a load of three quarters; here it costs
/// its bytes, an 8-byte end and two to four 4-byte slots.
///
/// Strings are the same as Swift's `==` says: canonically equivalent spellings (`é` as one
/// scalar, or as `e` and a combining accent) are one string, numbered once (the first
/// spelling is the one kept). Slots are found with the standard library's `Hasher` on the
/// strings themselves (which hashes canonical equivalents alike), seeded anew in every
/// process, so no input can be made to collide (a batch of crafted ids stays linear). ASCII
/// text, which has one spelling only, is compared byte for byte.
package struct StringNumbering: Sendable {
    /// The strings, in the order of their numbers.
    package private(set) var strings = CompactStrings()
    /// A string's number plus one (0: empty); their count is a power of two, at least twice
    /// the strings'.
    private var slots: [UInt32] = []

    package init() {}

    /// How many distinct strings were numbered.
    package var count: Int { strings.count }

    /// The string numbered `n`.
    package func string(_ n: Int) -> String { strings[n] }

    /// The number of `s`, given it if it is new (`isNew`).
    package mutating func number(_ s: String) -> (number: Int, isNew: Bool) {
        if 2 * (count + 1) > slots.count { grow() }
        let (slot, found) = probe(s)
        if let found { return (found, false) }
        precondition(count < Int(UInt32.max), "too many distinct strings")
        slots[slot] = UInt32(count + 1)
        strings.append(s)
        return (count - 1, true)
    }

    /// The number of `s`, if it was numbered.
    package func existingNumber(_ s: String) -> Int? {
        slots.isEmpty ? nil : probe(s).number
    }

    /// Where `s` is in the table: its number, or else the empty slot it would take.
    private func probe(_ s: String) -> (slot: Int, number: Int?) {
        let mask = slots.count - 1
        var i = Self.hash(s) & mask
        var copy = s
        return copy.withUTF8 { utf8 in
            while slots[i] != 0 {
                let n = Int(slots[i] - 1)
                if equals(n, utf8, s) { return (i, n) }
                i = (i + 1) & mask
            }
            return (i, nil)
        }
    }

    /// Whether the string numbered `a` comes before the one numbered `b` in byte order.
    package func bytesPrecede(_ a: Int, _ b: Int) -> Bool {
        strings.withUTF8(a) { x in strings.withUTF8(b) { y in x.lexicographicallyPrecedes(y) } }
    }

    /// Whether the string numbered `n` is `s` (whose bytes are `utf8`): byte for byte when
    /// both are ASCII, else as Swift's `==` says.
    private func equals(_ n: Int, _ utf8: UnsafeBufferPointer<UInt8>, _ s: String) -> Bool {
        strings.withUTF8(n) { stored in
            if stored.count == utf8.count && stored.elementsEqual(utf8) { return true }
            if Self.isASCII(stored) && Self.isASCII(utf8) { return false }
            return String(decoding: stored, as: UTF8.self) == s
        }
    }

    private static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.allSatisfy { $0 < 0x80 }
    }

    private static func hash(_ s: String) -> Int {
        var hasher = Hasher()
        hasher.combine(s)
        return hasher.finalize()
    }

    /// Doubles the table and puts every number back.
    private mutating func grow() {
        let size = max(64, slots.count * 2)
        var table = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for n in 0..<count {
            var i = Self.hash(strings[n]) & mask
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = UInt32(n + 1)
        }
        slots = table
    }
}
