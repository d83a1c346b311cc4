import SeededRandom
import Testing

@testable import TextKernel

/// The compact numbering of ids held to a dictionary doing the same.
@Suite struct StringNumberingTests {
    /// Strings drawn from a small set of pieces (so many repeat, many share prefixes, and the
    /// table grows several times), numbered in order of first appearance.
    @Test func numbersAsADictionaryWould() {
        let pieces = ["a", "b", "é", "東", "🚢", ":", "tag:x,2024:", "0", "1", ""]
        var rng = SplitMix64(state: 11)
        var numbering = StringNumbering()
        var expected: [String: Int] = [:]
        var order: [String] = []
        for _ in 0..<20_000 {
            let s = rng.text(of: pieces, count: 0...7)
            let known = expected[s]
            let (n, isNew) = numbering.number(s)
            #expect(isNew == (known == nil), "\(s)")
            if let known {
                #expect(n == known, "\(s)")
            } else {
                #expect(n == order.count, "\(s)")
                expected[s] = n
                order.append(s)
            }
        }
        #expect(numbering.count == order.count)
        #expect(order.count > 1_000)
        for (n, s) in order.enumerated() {
            #expect(numbering.string(n) == s)
            #expect(numbering.existingNumber(s) == n)
        }
        #expect(numbering.existingNumber("never numbered") == nil)
        #expect(StringNumbering().existingNumber("") == nil)
        for k in 1..<order.count {
            let (a, b) = (order[k - 1], order[k])
            #expect(numbering.bytesPrecede(k - 1, k) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
        }
    }

    /// Canonically equivalent spellings are one string, as Swift's `==` and a dictionary of
    /// Strings take them; different strings stay apart.
    @Test func canonicalEquivalentsAreOneString() {
        var numbering = StringNumbering()
        let composed = "urn:x:caf\u{E9}"
        let decomposed = "urn:x:cafe\u{301}"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        let first = numbering.number(composed)
        let second = numbering.number(decomposed)
        #expect(first.isNew && !second.isNew && first.number == second.number)
        #expect(numbering.existingNumber(decomposed) == first.number)
        #expect(numbering.string(first.number) == composed)
        #expect(numbering.number("urn:x:cafe").isNew)
        #expect(numbering.number("\u{212B}").number == numbering.number("\u{C5}").number)  // Å: angstrom sign
        // Equivalents found again after the table grows.
        for k in 0..<1_000 { _ = numbering.number("id-\(k)") }
        #expect(numbering.existingNumber(decomposed) == first.number)
    }
}
