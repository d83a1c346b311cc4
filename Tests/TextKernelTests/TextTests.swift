import SeededRandom
import Testing

@testable import TextKernel

/// Counts and searches done on UTF-8 bytes, held to what the standard library says.
@Suite struct TextTests {
    /// Texts of every length from 0 to 70 bytes and more, in scripts of one to four bytes a
    /// character, so each count crosses eight-byte words at every offset.
    @Test func scalarCountIsTheNumberOfScalars() {
        let pieces = ["a", "é", "東", "🚢", " ", "مؤ", "\u{301}", "ok", "—"]
        var rng = SplitMix64(state: 7)
        for _ in 0..<5_000 {
            let text = rng.text(of: pieces, count: 0...63)
            #expect(text.scalarCount == text.unicodeScalars.count, "\(Array(text.unicodeScalars))")
            let n = text.unicodeScalars.count
            for limit in [0, 1, 5, 9, 16, n - 1, n, n + 1] where limit >= 0 {
                #expect(text.hasAtMostScalars(limit) == (n <= limit), "\(limit): \(Array(text.unicodeScalars))")
            }
            let sub = text.dropFirst()
            #expect(sub.scalarCount == sub.unicodeScalars.count)
        }
    }

    /// The blocks `isCaselessBeyondASCII` takes for caseless hold no scalar that lower-casing
    /// changes, every one of them checked; and words mixing them with ASCII lower-case as
    /// Unicode does.
    @Test func caselessBlocksHaveNoCase() {
        let blocks: [ClosedRange<UInt32>] = [0x05C0...0x07FF, 0x0800...0x0FFF, 0x3000...0x9FFF, 0xB000...0xD7FF]
        for block in blocks {
            for v in block {
                guard let u = Unicode.Scalar(v) else { continue }
                #expect(!u.properties.changesWhenLowercased, "U+\(String(v, radix: 16))")
                var s = String(u)
                #expect(s.withUTF8 { UTF8Words.isCaselessBeyondASCII($0) })
            }
        }
        for word in ["Reuters", "مؤشر", "AP-مؤشر", "東京", "Ünter", "Straße", "ΣΟΦΙΑ", "Москва", "서울 AB", "İstanbul", ""]
        {
            #expect(word.lowercasedSkippingCaselessScripts() == word.lowercased(), "\(word)")
        }
        var greek = "Σ"
        #expect(!greek.withUTF8 { UTF8Words.isCaselessBeyondASCII($0) })
    }
}
