import TextKernel
import WireFormats
import WireModel

/// The stories a walk met: each id once, numbered in the order met, with the position and the
/// version of its newest article (`Publishing.isNewer(_:than:)`: a later article of an equal
/// version is the newer).
struct Stories {
    var ids = StringNumbering()
    var newestIndex: [Int] = []
    var newestVersion: [Publishing.Version] = []

    /// Learns of the article at `index` (articles come in input order); returns the number of
    /// its id.
    @discardableResult
    mutating func add(_ id: String, at index: Int, _ version: Publishing.Version) -> Int {
        let (number, isNew) = ids.number(id)
        if isNew {
            newestIndex.append(index)
            newestVersion.append(version)
        } else if Publishing.isNewer(version, than: newestVersion[number]) {
            newestIndex[number] = index
            newestVersion[number] = version
        }
        return number
    }

    /// Sets the bits of the newest articles.
    func mark(_ bits: inout Bits) {
        for i in newestIndex { bits[i] = true }
    }
}

/// A story's record on disk when a walk spills: position, version and id, little-endian.
enum StoryRecord {
    static func append(_ id: String, _ index: Int, _ version: Publishing.Version, to out: inout [UInt8]) {
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(Int64(index))
        put(Int64(version.number))
        let date = version.date ?? Timestamp(seconds: 0)
        put(UInt8(version.date == nil ? 0 : 1))
        put(date.seconds)
        put(date.nanoseconds)
        put(date.offsetMinutes)
        put(UInt32(id.utf8.count))
        out.append(contentsOf: id.utf8)
    }

    /// Calls `body` with each record of `bytes` (as ``append(_:_:_:to:)`` wrote them), in order.
    static func forEach(in bytes: [UInt8], _ body: (String, Int, Publishing.Version) -> Void) {
        bytes.withUnsafeBytes { raw in
            var at = 0
            func get<T: FixedWidthInteger>(_: T.Type) -> T {
                defer { at += MemoryLayout<T>.size }
                return T(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: T.self))
            }
            while at < raw.count {
                let index = Int(get(Int64.self))
                var version = Publishing.Version(number: Int(get(Int64.self)), date: nil)
                let dated = get(UInt8.self) == 1
                let date = Timestamp(
                    seconds: get(Int64.self), nanoseconds: get(Int32.self), offsetMinutes: get(Int16.self))
                if dated { version.date = date }
                let count = Int(get(UInt32.self))
                let id = String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<at + count]), as: UTF8.self)
                at += count
                body(id, index, version)
            }
        }
    }
}

/// A bit for each position 0..<count.
package struct Bits: Sendable {
    private var words: [UInt64] = []
    package private(set) var count = 0

    package init(count: Int = 0) {
        self.count = count
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    package subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue {
                words[i >> 6] |= 1 << UInt64(i & 63)
            } else {
                words[i >> 6] &= ~(1 << UInt64(i & 63))
            }
        }
    }
}
