import Testing

@testable import TextKernel

/// Counts and searches done on UTF-8 bytes, held to what the standard library says.
@Suite struct TextTests {
    /// Texts of every length from 0 to 70 bytes and more, in scripts of one to four bytes a
    /// character, so each count crosses eight-byte words at every offset.
    @Test func scalarCountIsTheNumberOfScalars() {
        let pieces = ["a", "é", "東", "🚢", " ", "مؤ", "\u{301}", "ok", "—"]
        var state: UInt64 = 7
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var text = ""
            var pick = state
            for _ in 0..<Int(state >> 58) {
                pick = pick &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(pick >> 33) % pieces.count]
            }
            #expect(text.scalarCount == text.unicodeScalars.count, "\(Array(text.unicodeScalars))")
            let sub = text.dropFirst()
            #expect(sub.scalarCount == sub.unicodeScalars.count)
        }
    }
}
