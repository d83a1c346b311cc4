#if canImport(Glibc)
    import Glibc
#endif

/// windows-1252, the encoding that text labelled ISO-8859-1 (or not labelled at all) is
/// really in on the web, as HTML5 reads it.
public enum Windows1252 {
    /// The characters of bytes 0x80–0x9F (where windows-1252 differs from ISO-8859-1); the
    /// five bytes it leaves undefined read as U+FFFD.
    public static let high: [Unicode.Scalar] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ].map { Unicode.Scalar(UInt32($0))! }

    /// The character one byte stands for.
    @inlinable
    public static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : Unicode.Scalar(byte)
    }

    /// `s` with C1 controls (U+0080–U+009F) read as the windows-1252 characters they almost
    /// always stand for in feeds (`&#146;` is an apostrophe), as HTML5 reads such references.
    public static func mappingC1(_ s: String) -> String {
        // Every text of every item is asked: memchr finds the lead byte 0xC2, or that there is none.
        var probe = s
        let has = probe.withUTF8 { b -> Bool in
            guard let base = b.baseAddress, b.count > 1 else { return false }
            var k = 0
            while k < b.count - 1, let hit = memchr(base + k, 0xC2, b.count - 1 - k) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if b[at + 1] >= 0x80 && b[at + 1] <= 0x9F { return true }
                k = at + 1
            }
            return false
        }
        guard has else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(htmlReference(u.value) ?? u) }
        return String(out)
    }

    /// What HTML5 reads a numeric character reference to 0x80–0x9F as (`&#146;` is U+2019),
    /// or nil for any other value.
    public static func htmlReference(_ value: UInt32) -> Unicode.Scalar? {
        guard (0x80...0x9F).contains(value) else { return nil }
        let u = high[Int(value) - 0x80]
        return u.value == 0xFFFD ? nil : u
    }
}
