#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Somewhere bytes go: standard output or a file written atomically.
public protocol ByteSink: AnyObject {
    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Makes everything written so far final (flush; for files, rename into place).
    func commit() throws
    /// Gives up: nothing written is kept (for files, the temporary file is removed).
    func abort()
}

extension ByteSink {
    /// Appends the UTF-8 bytes of a string.
    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

/// A buffered sink over a POSIX file descriptor.
public class FileDescriptorSink: ByteSink {
    let fd: Int32
    let name: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity {
                try writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw XMLError(.io, "\(name): write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    public func commit() throws { try flush() }
    public func abort() { buffer.removeAll() }
}

/// Standard output, buffered.
public final class StandardOutputSink: FileDescriptorSink {
    public init() { super.init(fd: 1, name: "<stdout>") }
}

/// A file written atomically: bytes go to a temporary file in the target's folder,
/// which `commit()` flushes, syncs and renames over the target. Until then the previous
/// file (if any) is untouched. On Linux the temporary file is anonymous (`O_TMPFILE`):
/// if the process is killed, not even a temporary file is left behind. Elsewhere (or on
/// file systems without `O_TMPFILE`) it is a hidden `.NAME.wirefeed-XXXXXX` that `abort()`
/// (or deinitialising an uncommitted sink) removes.
public final class AtomicFileSink: FileDescriptorSink {
    public let path: String
    let directory: String
    let base: String
    /// The named temporary file, when the file is not anonymous.
    let temporaryPath: String?
    private var finished = false

    #if os(Linux)
        static let oTmpFile: Int32 = 0o20200000  // O_TMPFILE = __O_TMPFILE | O_DIRECTORY
    #endif

    public init(path: String) throws {
        LibXML.ensureInitialized()
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        directory = dir.isEmpty ? "/" : dir
        base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        #if os(Linux)
            let anonymous = open(directory, Self.oTmpFile | O_WRONLY | O_CLOEXEC, 0o644)
            if anonymous >= 0 {
                temporaryPath = nil
                super.init(fd: anonymous, name: path)
                return
            }
            if errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == EROFS || errno == EPERM {
                throw XMLError(.io, "\(path): cannot create a file there: \(String(cString: strerror(errno)))")
            }
        #endif
        var template = Array("\(directory)/.\(base).wirefeed-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw XMLError(.io, "\(path): cannot create a file there: \(String(cString: strerror(errno)))")
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, 0o644)
        super.init(fd: fd, name: path)
    }

    public override func commit() throws {
        guard !finished else { return }
        do {
            try flush()
            if fsync(fd) != 0 && errno != EINVAL {
                throw XMLError(.io, "\(path): cannot sync: \(String(cString: strerror(errno)))")
            }
        } catch {
            abort()
            throw error
        }
        var named = temporaryPath
        if named == nil {
            // Give the anonymous file a name next to the target, then rename it into place.
            let candidate = "\(directory)/.\(base).wirefeed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) != 0 {
                let message = String(cString: strerror(errno))
                abort()
                throw XMLError(.io, "\(path): cannot move the output into place: \(message)")
            }
            named = candidate
        }
        close(fd)
        finished = true
        if rename(named!, path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(named!)
            throw XMLError(.io, "\(path): cannot move the output into place: \(message)")
        }
    }

    public override func abort() {
        guard !finished else { return }
        finished = true
        super.abort()
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    deinit { abort() }
}

/// Bytes kept in memory (for tests and for callers that want a string).
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public func commit() throws {}
    public func abort() { bytes.removeAll() }

    /// The bytes as UTF-8 text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
