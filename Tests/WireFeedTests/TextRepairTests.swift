import SeededRandom
import Testing

@testable import WireIngest

/// The clean-text reading of a cleaned article's bytes (eight bytes at a time, each line
/// made a String from its bytes) against the general byte-by-byte reading with its repairs.
@Suite struct TextRepairTests {
    /// Pieces that make text clean or not: ASCII, line ends of every kind, multi-byte letters,
    /// and each character or byte the general reading drops, replaces or reports.
    static let pieces: [[UInt8]] = [
        Array("the council said".utf8), Array(" ".utf8), Array("a".utf8), Array("\n".utf8), Array("\r".utf8),
        Array("\r\n".utf8), Array("\n\n".utf8), Array("é".utf8), Array("東京".utf8), Array("🚢".utf8),
        Array("\u{A0}".utf8), Array("\u{FFFD}".utf8), Array("\u{FEFF}".utf8), Array("\u{FFFE}".utf8),
        Array("\u{FFFF}".utf8), Array("\u{85}".utf8), Array("\u{9F}".utf8), Array("\u{EFFF}".utf8),
        Array("\u{FBFF}".utf8), Array("\u{2028}".utf8), [0x09], [0x0C], [0x00], [0x01], [0x1B], [0x7F],
        // Invalid UTF-8: a lone continuation, an overlong form, a surrogate, past U+10FFFF, a cut sequence.
        [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0xC2],
        [0xEF], [0xEF, 0xBF],
        Array("0123456789abcdef".utf8),
    ]

    /// Texts of 0-40 pieces; most are drawn from the clean pieces only, so that both readings
    /// answer often.
    static func texts(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = Generated.RNG(state: seed)
        let clean = pieces.filter { piece in
            String(validating: piece, as: UTF8.self).map { text in
                text.unicodeScalars.allSatisfy { s in
                    (s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value)
                        && ![0xFEFF, 0xFFFE, 0xFFFF].contains(s.value)) || s == "\n" || s == "\r"
                }
            } ?? false
        }
        return (0..<count).map { _ in
            let source = rng.int(0...3) == 0 ? pieces : clean
            return (0..<rng.int(0...40)).flatMap { _ in rng.pick(source) }
        }
    }

    @Test func cleanTextGivesWhatTheGeneralReadingGives() {
        var answered = 0
        var declined = 0
        for bytes in Self.texts(count: 20_000, seed: 18) {
            let general = TextRepair.repairedLines(bytes, from: 0, file: "t.txt")
            if let fast = TextRepair.cleanLines(bytes, from: 0) {
                answered += 1
                #expect(fast == general.lines, "\(bytes)")
                #expect(general.warnings.isEmpty, "\(bytes)")
            } else {
                declined += 1
                // Declined only when some byte needs a repair or a look: text whose every
                // scalar is printable (or a line end) and valid is never declined.
                let needsLook =
                    String(validating: bytes, as: UTF8.self).map { text in
                        text.unicodeScalars.contains { s in
                            (s.value < 0x20 && s != "\n" && s != "\r") || s.value == 0x7F
                                || (0x80...0x9F).contains(s.value)
                                || [0xFEFF, 0xFFFE, 0xFFFF].contains(s.value)
                        }
                    } ?? true
                #expect(needsLook, "\(bytes)")
            }
        }
        #expect(answered > 10_000 && declined > 2_000)
    }

    /// A BOM, then clean text: read from after it, by both readings.
    @Test func cleanTextAfterAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Lead.\r\nNext — line\rlast".utf8)
        let result = try TextRepair.lines(from: bytes, file: "t.txt")
        #expect(result.lines == ["Lead.", "Next — line", "last"])
        #expect(TextRepair.cleanLines(bytes, from: 3) == TextRepair.repairedLines(bytes, from: 3, file: "t.txt").lines)
    }

    /// A binary signature is judged before the clean reading: a PDF is not read as text.
    @Test func signatureBeforeCleanText() {
        #expect(throws: IngestError.self) { try TextRepair.lines(from: Array("%PDF-1.7\nplain".utf8), file: "a.txt") }
    }
}
