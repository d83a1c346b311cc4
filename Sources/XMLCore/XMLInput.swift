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

extension XMLInput {
    /// The first `count` bytes (fewer when there are fewer; none when a file cannot be read
    /// or is not a regular file). A stream keeps them for the reader.
    public func head(_ count: Int) -> [UInt8] {
        switch self {
        case .bytes(let b): Array(b.prefix(count))
        case .file(let path): Files.head(path, count: count) ?? []
        case .stream(let s): Array(s.peek(count).prefix(count))
        }
    }
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
        guard readRest(into: &out, limit: limit) else { return nil }
        return out
    }

    /// Fills `buffer` with the next bytes: first the peeked prefix, then the stream.
    /// Keeps the bytes handed to the parser, up to `limit`, so that a document that turns out
    /// not to be well-formed can be read again, repaired (see ``wholeDocument(limit:)``).
    package func keepReadBytes(upTo limit: Int) { keepLimit = limit }

    private var keepLimit = 0
    private var kept: [UInt8] = []
    private var keptAll = true

    private func keep(_ buffer: UnsafeMutablePointer<CChar>, _ n: Int) {
        guard keepLimit > 0 && keptAll && n > 0 else { return }
        guard kept.count + n <= keepLimit else {
            keptAll = false
            kept = []
            return
        }
        buffer.withMemoryRebound(to: UInt8.self, capacity: n) {
            kept.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
        }
    }

    /// The whole document: the bytes read so far (kept) and the rest of the stream; nil when
    /// the kept bytes passed their limit or the document passes `limit`.
    package func wholeDocument(limit: Int) -> [UInt8]? {
        guard keptAll else { return nil }
        var out = kept
        kept = []
        if replayed < prefix.count { out.append(contentsOf: prefix[replayed...]) }
        prefix = []
        replayed = 0
        replayedAll = true
        guard readRest(into: &out, limit: limit), out.count <= limit else { return nil }
        return out
    }

    /// Appends what is left of the stream to `out`; false once `out` passes `limit`.
    private func readRest(into out: inout [UInt8], limit: Int) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !eof {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { return false }
        }
        eof = true
        return true
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        let n = deliver(into: buffer, count: count)
        if n > 0 { keep(buffer, Int(n)) }
        return n
    }

    private func deliver(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
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

/// What libxml2's text reader reads from, whatever the input: every byte passes the
/// ``MarkupGuard`` on its way (the shapes libxml2 would read in quadratic time stop it).
final class GuardedInput {
    private let input: XMLInput
    private var guardian: MarkupGuard
    private var fd: Int32 = -1
    private var offset = 0
    /// Set when reading stopped at a bound of the guard.
    private(set) var violation: MarkupGuard.Violation?

    init?(_ input: XMLInput, bounds: MarkupGuard.Bounds) {
        self.input = input
        guardian = MarkupGuard(bounds: bounds)
        if case .file(let path) = input {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { return nil }
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    var stream: ByteStream? {
        if case .stream(let stream) = input { return stream }
        return nil
    }

    /// The line `<!DOCTYPE` is on in the first 64 KB of a document in memory or in a file
    /// (the text reader's own line is where its parser got to, chunks ahead).
    func doctypeLine() -> Int? {
        let head: [UInt8]
        switch input {
        case .bytes(let b): head = Array(b.prefix(1 << 16))
        case .file(let path):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            head = Array(buffer.prefix(max(0, n)))
        case .stream: return nil
        }
        let needle = Array("<!DOCTYPE".utf8)
        guard head.count >= needle.count,
            let at = (0...(head.count - needle.count)).first(where: {
                head[$0..<($0 + needle.count)].elementsEqual(needle)
            })
        else { return nil }
        return head[..<at].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if violation != nil { return -1 }
        let n: Int
        switch input {
        case .bytes(let all):
            n = min(count, all.count - offset)
            guard n > 0 else { return 0 }
            all.withUnsafeBytes {
                UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress! + offset, byteCount: n)
            }
            offset += n
        case .file:
            var got = -1
            repeat { got = Glibc.read(fd, buffer, count) } while got < 0 && errno == EINTR
            n = got
        case .stream(let stream):
            n = Int(stream.read(into: buffer, count: count))
        }
        guard n > 0 else { return Int32(n) }
        let v = buffer.withMemoryRebound(to: UInt8.self, capacity: n) {
            guardian.scan(UnsafeBufferPointer(start: $0, count: n))
        }
        if let v {
            violation = v
            return -1
        }
        return Int32(n)
    }

    /// The error for a document stopped by the guard, if it was.
    func refusal(file: String) -> XMLError? {
        violation.map { guardian.error($0, file: file) }
    }

    /// The same, as a validation report's finding.
    func refusalDiagnostic(file: String) -> Diagnostic? {
        violation.map { guardian.diagnostic($0, file: file) }
    }

    static let readCallback: xmlInputReadCallback = { ctx, buffer, len in
        guard let ctx, let buffer else { return -1 }
        return Unmanaged<GuardedInput>.fromOpaque(ctx).takeUnretainedValue().read(into: buffer, count: Int(len))
    }
}

/// A libxml2 text reader together with what must live as long as it.
final class OpenedReader {
    let reader: xmlTextReaderPtr
    let input: GuardedInput
    /// The stream read from, if any (to tell a stream cut at its size limit from a broken document).
    var stream: ByteStream? { input.stream }

    private init(reader: xmlTextReaderPtr, input: GuardedInput) {
        self.reader = reader
        self.input = input
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Opens a reader with wirefeed's safe parser options; nil when libxml2 cannot start.
    /// `bounds`: ``MarkupGuard/validation`` when a schema will be attached (its validator
    /// appends text piece by piece).
    static func open(
        _ input: XMLInput, name: String, encoding: String? = nil, bounds: MarkupGuard.Bounds = MarkupGuard.Bounds()
    ) -> OpenedReader? {
        LibXML.ensureInitialized()
        if case .bytes(let bytes) = input, bytes.count >= Int(Int32.max) { return nil }
        guard let guarded = GuardedInput(input, bounds: bounds) else { return nil }
        let ctx = Unmanaged.passUnretained(guarded).toOpaque()
        // A forced encoding is the one read: a declaration in the document does not switch it back.
        let options = LibXML.safeOptions | (encoding == nil ? 0 : Int32(XML_PARSE_IGNORE_ENC.rawValue))
        guard let r = xmlReaderForIO(GuardedInput.readCallback, ByteStream.closeCallback, ctx, name, encoding, options)
        else {
            return nil
        }
        return OpenedReader(reader: r, input: guarded)
    }
}
