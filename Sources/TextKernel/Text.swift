extension String {
    /// The string without padding at either end: white space, U+200B and U+FEFF (see
    /// ``Whitespace``).
    package func trimmingWhitespace() -> String {
        // Printable ASCII at both ends (most text) is never padding: nothing to trim.
        if let f = utf8.first, let l = utf8.last, f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Whitespace.isPadding($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Whitespace.isPadding($0) })!
        return String(scalars[first...last])
    }

    /// Runs of white space made one ASCII space, padding trimmed at both ends.
    package func collapsingWhitespace() -> String {
        let collapsed = Whitespace.collapse(self)
        guard let first = collapsed.unicodeScalars.first, let last = collapsed.unicodeScalars.last,
            Whitespace.isPadding(first) || Whitespace.isPadding(last)
        else { return collapsed }
        return collapsed.trimmingWhitespace()
    }

    /// Every occurrence of `target` replaced (Foundation-free).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, utf8Range(of: target) != nil else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.utf8Range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension StringProtocol {
    /// How many Unicode scalars the text holds, counted on its UTF-8 bytes (each scalar has
    /// one byte that does not continue another): no decoding, for length tests on every line.
    package var scalarCount: Int {
        utf8.withContiguousStorageIfAvailable { Self.scalars(in: $0, stoppingPast: Int.max) }
            ?? utf8.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    /// Whether the text holds at most `limit` Unicode scalars, answered by its byte count
    /// where that settles it (a scalar takes one to four bytes): scalars are counted only for
    /// texts of `limit + 1` to `4 * limit` bytes, and only until they pass `limit`.
    package func hasAtMostScalars(_ limit: Int) -> Bool {
        let bytes = utf8.count
        if bytes <= limit { return true }
        if bytes > 4 * limit { return false }
        return (utf8.withContiguousStorageIfAvailable { Self.scalars(in: $0, stoppingPast: limit) } ?? scalarCount)
            <= limit
    }

    /// The scalars in UTF-8 bytes: the bytes less their continuation bytes (10xxxxxx), counted
    /// eight at a time. Once the scalars begun in the bytes read so far (a lower bound of the
    /// whole count) pass `stop`, that bound is returned without reading further.
    private static func scalars(in b: UnsafeBufferPointer<UInt8>, stoppingPast stop: Int) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var continuations = 0
        var i = 0
        while i + 8 <= b.count {
            let v = ByteWords.load(base + i)
            continuations += (v & ~(v << 1) & ByteWords.highs).nonzeroBitCount
            i += 8
            if i - continuations > stop { return i - continuations }
        }
        while i < b.count {
            if b[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return b.count - continuations
    }

    /// The first occurrence of `needle`, found on the UTF-8 bytes: for the short texts of
    /// label lines, where the standard library's searcher costs more to set up than to run.
    package func utf8Range(of needle: String) -> Range<String.Index>? {
        let pin = Array(needle.utf8)
        guard !pin.isEmpty else { return nil }
        let search = { (hay: UnsafeBufferPointer<UInt8>) -> Int? in
            guard hay.count >= pin.count else { return nil }
            let first = pin[0]
            var i = 0
            let last = hay.count - pin.count
            while i <= last {
                if hay[i] == first {
                    var k = 1
                    while k < pin.count && hay[i + k] == pin[k] { k += 1 }
                    if k == pin.count { return i }
                }
                i += 1
            }
            return nil
        }
        let found = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pin.count)
    }
}

extension String {
    /// The first `count` characters in lower case; ASCII heads (most lines) without the
    /// Unicode case tables.
    package func lowercasedHead(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for b in utf8.prefix(count) {
            guard b < 0x80 else { return String(prefix(count)).lowercasedSkippingCaselessScripts() }
            bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``lowercased()``, without Unicode's case tables when the only letters with case are
    /// ASCII's (the rest Arabic, Hebrew, Indic, Thai, CJK, Hangul…: ``UTF8Words/isCaselessBeyondASCII(_:)``).
    package func lowercasedSkippingCaselessScripts() -> String {
        var copy = self
        let caseless = copy.withUTF8 { UTF8Words.isCaselessBeyondASCII($0) }
        guard caseless else { return lowercased() }
        return String(
            decoding: utf8.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } as LazyMapSequence, as: UTF8.self)
    }
}

/// Judgements on UTF-8 bytes.
package enum UTF8Words {
    /// Whether every character beyond ASCII in the (valid) UTF-8 bytes is of a block without
    /// case, so that lower-casing changes only ASCII letters: the lead bytes D7–DF (U+05C0–
    /// U+07FF: Hebrew, Arabic, Syriac, Thaana, NKo), E0 (U+0800–U+0FFF: Samaritan to Tibetan,
    /// Indic and Thai), E3–E9 (U+3000–U+9FFF: CJK punctuation, kana, ideographs) and EB–ED
    /// (U+B000–U+D7FF: Hangul). `TextTests` checks every scalar of these blocks against
    /// Unicode's Changes_When_Lowercased.
    package static func isCaselessBeyondASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for x in b where x >= 0xC0 {
            switch x {
            case 0xD7...0xDF, 0xE0, 0xE3...0xE9, 0xEB...0xED: continue
            default: return false
            }
        }
        return true
    }
}
