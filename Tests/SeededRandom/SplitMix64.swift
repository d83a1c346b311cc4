/// SplitMix64 (Steele, Lea and Flood, 2014): a reproducible sequence from a seed, for the
/// generated corpora of the tests and the benchmark, so that a failing case can be replayed
/// from its seed. Not for anything that needs unpredictability.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    package var state: UInt64

    package init(state: UInt64) { self.state = state }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range` (by remainder: the slight bias is of no matter here).
    package mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// A number in `0..<n`.
    package mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    package mutating func bool() -> Bool { next() & 1 == 1 }

    /// An element of a list that is not empty.
    package mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }

    /// A text of `count` pieces (a number in the range) drawn from `pieces`, end to end.
    package mutating func text(of pieces: [String], count: ClosedRange<Int>) -> String {
        var s = ""
        for _ in 0..<int(count) { s += pick(pieces) }
        return s
    }
}
