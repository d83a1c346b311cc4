/// Byte scanning the JSON reader and writer share.
enum JSONBytes {
    /// The index of the first byte at or after `i` that a JSON string cannot hold as it is
    /// (a control character, `"` or `\`), or `b.count`. Eight bytes are looked at a time.
    @inline(__always)
    static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = b.baseAddress else { return b.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var i = start
        while i + 8 <= b.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 has its high bit clear and borrows when 0x20 is subtracted.
            let control = (word &- ones &* 0x20) & ~word & highs != 0
            if control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C)) { break }
            i += 8
        }
        while i < b.count {
            let c = b[i]
            if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return i
    }
}
