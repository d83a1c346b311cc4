/// Eight bytes judged at once: the word tests every byte-scanning loop of the project uses
/// (the markup guard, white space, JSON strings, characters XML cannot carry).
public enum ByteWords {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p`, the first in the lowest byte whatever the machine's order.
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere: exact, no borrow between bytes.
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lows) &+ lows) | word | lows)
    }

    /// 0x80 in each byte of `word` equal to `byte`, 0 elsewhere.
    @inlinable @inline(__always)
    public static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// Whether some byte of `word` is below `bound` (at most 0x80): a byte below has its high
    /// bit clear and borrows when `bound` is subtracted.
    @inlinable @inline(__always)
    public static func hasByte(below bound: UInt8, _ word: UInt64) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highs != 0
    }
}
