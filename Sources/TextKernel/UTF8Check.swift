/// Well-formed UTF-8 as Unicode defines it (Table 3-7): no overlong forms, no surrogates
/// (U+D800–U+DFFF), nothing past U+10FFFF, no cut sequence. The one definition that the
/// cleaned-text reader, the importer's encoding sniffing and the Latin-1 repair all use.
public enum UTF8Check {
    /// The length of the well-formed sequence at `i` (1 for ASCII), or 0 when the bytes there
    /// are not one.
    @inlinable @inline(__always)
    public static func sequenceLength<C: RandomAccessCollection>(_ b: C, at i: Int) -> Int
    where C.Element == UInt8, C.Index == Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        let end = b.endIndex
        @inline(__always) func cont(_ k: Int) -> Bool { k < end && b[k] & 0xC0 == 0x80 }
        @inline(__always) func within(_ k: Int, _ r: ClosedRange<UInt8>) -> Bool { k < end && r.contains(b[k]) }
        switch c {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0:
            return within(i + 1, 0xA0...0xBF) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xED:
            return within(i + 1, 0x80...0x9F) && cont(i + 2) ? 3 : 0
        case 0xF0:
            return within(i + 1, 0x90...0xBF) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4:
            return within(i + 1, 0x80...0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default:
            return 0
        }
    }

    /// The offset (from `startIndex`) of the first byte that does not begin a well-formed
    /// sequence, or nil when all of `b` is well-formed UTF-8.
    @inlinable
    public static func firstInvalid<C: RandomAccessCollection>(_ b: C) -> Int?
    where C.Element == UInt8, C.Index == Int {
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] < 0x80 {
                i += 1
                continue
            }
            let len = sequenceLength(b, at: i)
            if len == 0 { return i - b.startIndex }
            i += len
        }
        return nil
    }
}
