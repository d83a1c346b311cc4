import TextKernel
import XMLCore

/// Byte scanning the JSON reader and writer share.
enum JSONBytes {
    /// The index of the first byte at or after `i` that a JSON string cannot hold as it is
    /// (a control character, `"` or `\`), or `b.count`. Eight bytes are looked at a time.
    @inline(__always)
    static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = b.baseAddress else { return b.count }
        var i = start
        while i + 8 <= b.count {
            let word = ByteWords.load(base + i)
            if ByteWords.hasByte(below: 0x20, word)
                || ByteWords.matches(word, 0x22) | ByteWords.matches(word, 0x5C) != 0
            {
                break
            }
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
