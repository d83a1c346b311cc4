internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// Where a document comes from: bytes in memory, a file (streamed from disk),
/// or a byte stream such as standard input (streamed, never held whole).
public enum XMLInput {
    case bytes([UInt8])
    case file(String)
    case stream(ByteStream)
}

/// A forward-only byte stream over a file descriptor whose first bytes can be
/// looked at (to detect a format) and are then replayed to the real reader.
public final class ByteStream {
    let fd: Int32
    /// Reading stops with an error past this many bytes.
    public var limit = Int.max
    private var total = 0
    private var prefix: [UInt8] = []
    private var replayed = 0
    private var eof = false

    /// Standard input.
    public static func standardInput() -> ByteStream { ByteStream(fd: 0) }

    public init(fd: Int32) { self.fd = fd }

    /// The first `count` bytes (fewer at the end of the stream), kept for replay.
    public func peek(_ count: Int) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while prefix.count < count && !eof {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, count - prefix.count)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                eof = true
                break
            }
            prefix.append(contentsOf: chunk[0..<n])
            total += n
        }
        return prefix
    }

    /// Everything left in the stream (the peeked head included), or nil when it holds more than `limit` bytes.
    public func readAll(limit: Int) -> [UInt8]? {
        var out = prefix
        prefix = []
        replayed = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !eof {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { return nil }
        }
        eof = true
        return out
    }

    /// Fills `buffer` with the next bytes: first the peeked prefix, then the stream.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        // Peeked bytes count too: a stream that fits in its peeked head is still measured.
        if total > limit {
            exceededLimit = true
            return -1
        }
        if replayed < prefix.count {
            let n = min(count, prefix.count - replayed)
            prefix.withUnsafeBytes { src in
                UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + replayed, byteCount: n)
            }
            replayed += n
            if replayed == prefix.count {
                prefix = []
                replayed = 0
                replayedAll = true
            }
            return Int32(n)
        }
        if eof && !replayedAll { return 0 }
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            if n > 0 {
                total += n
                if total > limit {
                    exceededLimit = true
                    return -1
                }
            }
            return n < 0 ? -1 : Int32(n)
        }
    }
    private var replayedAll = false
    /// Set when reading stopped because the stream is longer than `limit`.
    private(set) var exceededLimit = false

    static let readCallback: xmlInputReadCallback = { ctx, buffer, len in
        guard let ctx, let buffer else { return -1 }
        return Unmanaged<ByteStream>.fromOpaque(ctx).takeUnretainedValue().read(into: buffer, count: Int(len))
    }

    static let closeCallback: xmlInputCloseCallback = { _ in 0 }
}

/// A libxml2 text reader together with what must live as long as it.
final class OpenedReader {
    let reader: xmlTextReaderPtr
    private let memory: UnsafeMutableRawPointer?
    /// The stream read from, if any (to tell a stream cut at its size limit from a broken document).
    let stream: ByteStream?

    private init(reader: xmlTextReaderPtr, memory: UnsafeMutableRawPointer?, stream: ByteStream?) {
        self.reader = reader
        self.memory = memory
        self.stream = stream
    }

    deinit {
        xmlFreeTextReader(reader)
        if let memory { free(memory) }
    }

    /// Opens a reader with wirefeed's safe parser options; nil when libxml2 cannot start.
    static func open(_ input: XMLInput, name: String, encoding: String? = nil) -> OpenedReader? {
        LibXML.ensureInitialized()
        switch input {
        case .bytes(let bytes):
            guard bytes.count < Int(Int32.max) else { return nil }
            let mem = malloc(max(bytes.count, 1))!
            bytes.withUnsafeBytes { if let b = $0.baseAddress { mem.copyMemory(from: b, byteCount: bytes.count) } }
            guard let r = xmlReaderForMemory(mem.assumingMemoryBound(to: CChar.self), Int32(bytes.count), name, encoding, LibXML.safeOptions) else {
                free(mem)
                return nil
            }
            return OpenedReader(reader: r, memory: mem, stream: nil)
        case .file(let path):
            guard let r = xmlReaderForFile(path, encoding, LibXML.safeOptions) else { return nil }
            return OpenedReader(reader: r, memory: nil, stream: nil)
        case .stream(let stream):
            let ctx = Unmanaged.passUnretained(stream).toOpaque()
            guard let r = xmlReaderForIO(ByteStream.readCallback, ByteStream.closeCallback, ctx, name, encoding, LibXML.safeOptions) else {
                return nil
            }
            return OpenedReader(reader: r, memory: nil, stream: stream)
        }
    }
}
