/// White space: one definition for all text, Unicode's White_Space property (tab, line
/// feed, vertical tab, form feed, carriage return, space, U+0085, no-break space, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). Every reader, writer and rule
/// asks here. Two characters that are not white space are named too: the zero-width space
/// (U+200B, a word break in Thai or Khmer, so kept inside text) and U+FEFF (a byte order
/// mark). Both are invisible padding at the ends of text copied from web pages, and
/// trimming drops them there.
///
/// The markup grammars have their own, narrower spaces: ``isXMLSpace(_:)`` and ``isHTMLSpace(_:)``.
package enum Whitespace {
    /// Unicode's White_Space property.
    @inline(__always)
    package static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            true
        default: false
        }
    }

    /// What trimming drops at the ends of text: white space, U+200B and U+FEFF.
    @inline(__always)
    package static func isPadding(_ u: Unicode.Scalar) -> Bool {
        isSpace(u) || u.value == 0x200B || u.value == 0xFEFF
    }

    /// XML's `S` production (space, tab, carriage return, line feed), for markup syntax.
    @inline(__always)
    package static func isXMLSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// HTML's ASCII white space (XML's and form feed), for markup syntax.
    @inline(__always)
    package static func isHTMLSpace(_ c: UInt8) -> Bool { isXMLSpace(c) || c == 0x0C }

    /// Whether `s` is only white space (as ``collapse(_:)`` counts it), judged on its UTF-8
    /// bytes: text that starts with anything else is answered at its first byte.
    public static func isBlank(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { isBlank(bytes: $0) }
    }

    /// ``isBlank(_:)`` on UTF-8 bytes.
    public static func isBlank(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let n = spaceLength(b, at: i)
            if n == 0 { return false }
            i += n
        }
        return true
    }

    /// Runs of white space (NBSP included) made one space, ends trimmed.
    public static func collapse(_ s: String) -> String {
        var copy = s
        return copy.withUTF8 { b in collapse(bytes: b) ?? s }
    }

    /// The collapsed text of UTF-8 bytes; nil when it is the bytes themselves, unchanged.
    public static func collapse(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if isCollapsed(bytes) { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pending = false
        var changed = false
        var i = 0
        let n = bytes.count
        spaceLead.withUnsafeBufferPointer { table in
            while i < n {
                // Bytes that cannot begin white space are copied in runs.
                let run = i
                while i < n, table[Int(bytes[i])] == 0 { i += 1 }
                if i > run {
                    if pending { out.append(0x20) }
                    pending = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                }
                guard i < n else { break }
                let b = bytes[i]
                let space = spaceLength(bytes, at: i)
                if space > 0 {
                    if b != 0x20 || pending || out.isEmpty { changed = true }
                    pending = !out.isEmpty
                    i += space
                    continue
                }
                if pending { out.append(0x20) }
                pending = false
                out.append(b)
                i += 1
            }
        }
        if pending { changed = true }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Whether the bytes are already collapsed: no white space at either end, and none
    /// inside but single ASCII spaces (nothing copied). Words of eight bytes with no control
    /// and no lead byte of a wide space are judged at once (spaces found by a zero-byte
    /// test); others byte by byte.
    package static func isCollapsed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, !b.isEmpty else { return true }
        let n = b.count
        var previousSpace = true  // a space at the start is not collapsed
        var i = 0
        return spaceLead.withUnsafeBufferPointer { table in
            while i < n {
                if i + 8 <= n {
                    let v = ByteWords.load(base + i)
                    // No byte below U+0020, and no byte that may begin a space outside ASCII
                    // (é, Arabic or CJK letters pass): only U+0020 can be white space here.
                    if ByteWords.zeroBytes(v & 0xE0E0_E0E0_E0E0_E0E0) == 0
                        && (v & ByteWords.highs == 0 || !mayBeginWideSpace(v))
                    {
                        let spaces = ByteWords.matches(v, 0x20)
                        if spaces & (spaces >> 8) != 0 { return false }  // two side by side
                        if previousSpace && spaces & 0x80 != 0 { return false }
                        previousSpace = spaces >> 63 != 0
                        i += 8
                        continue
                    }
                }
                // Byte by byte to the end of this word.
                let stop = min(i + 8, n)
                while i < stop {
                    let c = b[i]
                    if table[Int(c)] == 0 {
                        previousSpace = false
                    } else if c == 0x20 {
                        if previousSpace { return false }
                        previousSpace = true
                    } else if spaceLength(b, at: i) > 0 {
                        return false  // a space other than U+0020
                    } else {
                        previousSpace = false  // a lead byte of something else (—, “, …)
                    }
                    i += 1
                }
            }
            return !previousSpace
        }
    }

    /// Whether a byte of `word` is the lead byte of a white space outside ASCII (C2, E1, E2, E3).
    @inline(__always)
    static func mayBeginWideSpace(_ word: UInt64) -> Bool {
        (ByteWords.matches(word, 0xC2) | ByteWords.matches(word, 0xE1) | ByteWords.matches(word, 0xE2)
            | ByteWords.matches(word, 0xE3)) != 0
    }

    /// The length of the white-space sequence at `i` (0 when there is none there).
    @inline(__always)
    package static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        switch bytes[i] {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case 0xC2 where i + 1 < n && (bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85): return 2
        case 0xE1 where i + 2 < n && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80: return 3
        case 0xE2 where i + 2 < n:
            let b1 = bytes[i + 1]
            let b2 = bytes[i + 2]
            if b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return 3 }
            if b1 == 0x81 && b2 == 0x9F { return 3 }
            return 0
        case 0xE3 where i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80: return 3
        default: return 0
        }
    }

    /// 1 for the bytes that may begin white space: ASCII spaces and the lead bytes of
    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000.
    static let spaceLead: [UInt8] = (0...255).map { c in
        switch c {
        case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3: 1
        default: 0
        }
    }
}
