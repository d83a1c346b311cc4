/// Distinct strings, numbered 0, 1, 2… in the order they are first met, kept compactly: their
/// UTF-8 bytes end to end in one buffer, found again through an open-addressing table of
/// numbers.
///
/// A walk over a batch keeps every article's id to tell versions of a story apart. In a
/// `[String: …]` dictionary an id costs its heap string (a 64-byte allocation for a
/// 30-byte id) plus a slot of 16 bytes and more, at a load of three quarters; here it costs
/// its bytes, an 8-byte end and two to four 4-byte slots.
///
/// Slots are found with the standard library's `Hasher`, seeded anew in every process, so no
/// input can be made to collide (a batch of crafted ids stays linear).
package struct StringNumbering: Sendable {
    /// Every string's bytes, end to end.
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []
    /// A string's number plus one (0: empty); their count is a power of two, at least twice
    /// the strings'.
    private var slots: [UInt32] = []

    package init() {}

    /// How many distinct strings were numbered.
    package var count: Int { ends.count }

    /// The string numbered `n`.
    package func string(_ n: Int) -> String {
        let start = n == 0 ? 0 : ends[n - 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[n]]), as: UTF8.self)
        }
    }

    /// The number of `s`, given it if it is new (`isNew`).
    package mutating func number(_ s: String) -> (number: Int, isNew: Bool) {
        if 2 * (count + 1) > slots.count { grow() }
        var s = s
        return s.withUTF8 { utf8 in
            let mask = slots.count - 1
            var i = Self.hash(utf8) & mask
            while slots[i] != 0 {
                let n = Int(slots[i] - 1)
                if equals(n, utf8) { return (n, false) }
                i = (i + 1) & mask
            }
            precondition(count < Int(UInt32.max), "too many distinct strings")
            slots[i] = UInt32(count + 1)
            bytes.append(contentsOf: utf8)
            ends.append(bytes.count)
            return (count - 1, true)
        }
    }

    /// The number of `s`, if it was numbered.
    package func existingNumber(_ s: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        var s = s
        return s.withUTF8 { utf8 in
            let mask = slots.count - 1
            var i = Self.hash(utf8) & mask
            while slots[i] != 0 {
                let n = Int(slots[i] - 1)
                if equals(n, utf8) { return n }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Whether the string numbered `a` comes before the one numbered `b` in byte order.
    package func bytesPrecede(_ a: Int, _ b: Int) -> Bool {
        bytes.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[(a == 0 ? 0 : ends[a - 1])..<ends[a]])
                .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: $0[(b == 0 ? 0 : ends[b - 1])..<ends[b]]))
        }
    }

    private func equals(_ n: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = n == 0 ? 0 : ends[n - 1]
        guard ends[n] - start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[start..<ends[n]]).elementsEqual(utf8)
        }
    }

    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(utf8))
        return hasher.finalize()
    }

    /// Doubles the table and puts every number back.
    private mutating func grow() {
        let size = max(64, slots.count * 2)
        var table = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for n in 0..<ends.count {
                var i = Self.hash(UnsafeBufferPointer(rebasing: all[start..<ends[n]])) & mask
                while table[i] != 0 { i = (i + 1) & mask }
                table[i] = UInt32(n + 1)
                start = ends[n]
            }
        }
        slots = table
    }
}
