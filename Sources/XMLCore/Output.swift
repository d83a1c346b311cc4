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
                throw XMLError(.io, file: name, "write failed: \(String(cString: strerror(errno)))")
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
/// file (if any) is untouched, and the new file keeps its permission bits (an embargoed
/// copy made 0600 stays 0600); a new file gets 0666 less the umask, as a shell's `>` gives.
///
/// On Linux the temporary file is anonymous (`O_TMPFILE`): if the process is killed, not
/// even a temporary file is left behind. On file systems without it (NFS, some container
/// overlays) it is a hidden `.NAME.wirefeed-XXXXXX`, which `abort()`, deinitialising an
/// uncommitted sink, and SIGTERM, SIGINT or SIGHUP remove (SIGKILL cannot be caught).
///
/// Only a regular file (or nothing) at the path is replaced. A FIFO, a terminal or another
/// device is written to as it is (as `> /dev/null` would), a directory is refused, and a
/// symbolic link is followed: the file it points to is replaced, the link kept.
public final class AtomicFileSink: FileDescriptorSink {
    public let path: String
    let directory: String
    let base: String
    /// The named temporary file, when the file is not anonymous.
    let temporaryPath: String?
    /// The target itself, opened for writing (a FIFO or a device): nothing to rename.
    let direct: Bool
    private var finished = false

    #if os(Linux)
        static let oTmpFile: Int32 = 0o20200000  // O_TMPFILE = __O_TMPFILE | O_DIRECTORY
    #endif

    public init(path: String) throws {
        LibXML.ensureInitialized()
        self.path = path
        var target = path
        var existing = stat()
        var exists = stat(path, &existing) == 0
        if exists && (existing.st_mode & S_IFMT) == S_IFDIR {
            throw XMLError(.io, file: path, "cannot create a file there: it is a directory")
        }
        // Written in place, not replaced: the file standard output or error already writes to
        // (`-o /dev/stdout` with output redirected to a file), through that descriptor at its
        // offset, as a shell would; and a FIFO, a character or block device, a socket.
        if exists {
            let std = [Int32(1), 2].first(where: { fd in
                var open = stat()
                return fstat(fd, &open) == 0 && open.st_dev == existing.st_dev && open.st_ino == existing.st_ino
            })
            if std != nil || (existing.st_mode & S_IFMT) != S_IFREG {
                let fd = std.map { dup($0) } ?? open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                if fd < 0 { throw XMLError(.io, file: path, "cannot write there: \(String(cString: strerror(errno)))") }
                directory = "."
                base = path
                temporaryPath = nil
                direct = true
                super.init(fd: fd, name: path)
                return
            }
        }
        // A symbolic link to a regular file: the file is replaced where it is.
        var link = stat()
        if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            if exists, let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            } else {
                // A dangling link: the file is created where it points.
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = readlink(path, &buffer, buffer.count - 1)
                if n > 0 {
                    let pointed = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    let slash = path.lastIndex(of: "/")
                    target = pointed.hasPrefix("/") || slash == nil ? pointed : String(path[...slash!]) + pointed
                }
                exists = false
            }
        }
        let slash = target.lastIndex(of: "/")
        let dir = slash.map { String(target[..<$0]) } ?? "."
        directory = dir.isEmpty ? "/" : dir
        base = slash.map { String(target[target.index(after: $0)...]) } ?? target
        direct = false
        // Permission bits: the replaced file's, or 0666 less the umask.
        let mode: mode_t
        if exists {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0o022)
            umask(mask)
            mode = 0o666 & ~mask
        }
        #if os(Linux)
            // WIREFEED_NAMED_TEMPORARY=1 takes the path of file systems without O_TMPFILE (tests).
            let anonymous =
                getenv("WIREFEED_NAMED_TEMPORARY") == nil
                ? open(directory, Self.oTmpFile | O_WRONLY | O_CLOEXEC, mode_t(0o600)) : -1
            if anonymous >= 0 {
                temporaryPath = nil
                super.init(fd: anonymous, name: path)
                try keep(mode: mode, owner: exists ? existing : nil)
                return
            }
            if anonymous < 0 && getenv("WIREFEED_NAMED_TEMPORARY") == nil
                && (errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == EROFS || errno == EPERM)
            {
                throw XMLError(.io, file: path, "cannot create a file there: \(String(cString: strerror(errno)))")
            }
        #endif
        // The name is registered before the file exists (then made with O_EXCL): a SIGTERM at
        // any moment finds in the table every file this run may have made.
        var fd: Int32 = -1
        var temporary = ""
        var error: Int32 = 0
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = "\(directory)/.\(base).wirefeed-\(suffix)"
            TemporaryFiles.register(temporary)
            fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { break }
            error = errno
            TemporaryFiles.unregister(temporary)
            if error != EEXIST { break }
        }
        if fd < 0 {
            throw XMLError(.io, file: path, "cannot create a file there: \(String(cString: strerror(error)))")
        }
        temporaryPath = temporary
        super.init(fd: fd, name: path)
        try keep(mode: mode, owner: exists ? existing : nil)
    }

    /// Gives the temporary file the target's mode (and, where allowed, its owner).
    private func keep(mode: mode_t, owner: stat?) throws {
        if let owner, owner.st_uid != geteuid() || owner.st_gid != getegid() {
            // Only root may give a file away; anyone may keep their own group.
            _ = fchown(fd, owner.st_uid, owner.st_gid)
        }
        if fchmod(fd, mode) != 0 {
            let message = String(cString: strerror(errno))
            abort()
            throw XMLError(.io, file: path, "cannot set the file's permissions: \(message)")
        }
    }

    public override func commit() throws {
        guard !finished else { return }
        if direct {
            try flush()
            finished = true
            close(fd)
            return
        }
        do {
            try flush()
            if fsync(fd) != 0 && errno != EINVAL {
                throw XMLError(.io, file: path, "cannot sync: \(String(cString: strerror(errno)))")
            }
        } catch {
            abort()
            throw error
        }
        var named = temporaryPath
        if named == nil {
            // Give the anonymous file a name next to the target, then rename it into place.
            let candidate = "\(directory)/.\(base).wirefeed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            TemporaryFiles.register(candidate)
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) != 0 {
                let message = String(cString: strerror(errno))
                TemporaryFiles.unregister(candidate)
                abort()
                throw XMLError(.io, file: path, "cannot move the output into place: \(message)")
            }
            named = candidate
        }
        close(fd)
        finished = true
        defer { TemporaryFiles.unregister(named!) }
        if rename(named!, "\(directory)/\(base)") != 0 {
            let message = String(cString: strerror(errno))
            unlink(named!)
            throw XMLError(.io, file: path, "cannot move the output into place: \(message)")
        }
    }

    public override func abort() {
        guard !finished else { return }
        finished = true
        super.abort()
        close(fd)
        if let temporaryPath {
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
        }
    }

    deinit { abort() }
}

/// Named temporary files that a terminating signal removes: SIGTERM, SIGINT and SIGHUP
/// unlink each (unlink is safe in a signal handler), then end the process as the signal
/// would have. Paths live in a fixed table of fixed buffers that is never freed: a handler
/// running on another thread while a slot is changed unlinks at worst a name that is
/// already gone. (A signal between creating a file and listing it can still leave it.)
enum TemporaryFiles {
    private static let capacity = 64
    private static let slotSize = Int(PATH_MAX) + 1
    /// `capacity` buffers of `slotSize` bytes, and whether each holds a live path.
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * slotSize)
        p.initialize(repeating: 0, count: capacity * slotSize)
        return p
    }()
    nonisolated(unsafe) private static let live: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    private static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    private static let installed: Bool = {
        _ = paths
        _ = live
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                for i in 0..<TemporaryFiles.capacity where TemporaryFiles.live[i] != 0 {
                    unlink(TemporaryFiles.paths + i * TemporaryFiles.slotSize)
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            // A signal ignored when the process started (nohup) stays ignored.
            var previous = sigaction()
            sigaction(sig, nil, &previous)
            let ignored =
                unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(SIG_IGN, to: Int.self)
            if !ignored { sigaction(sig, &action, nil) }
        }
        return true
    }()

    private static func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    nonisolated(unsafe) private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    static func register(_ path: String) {
        _ = installed
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize else { return }
        locked {
            for i in 0..<capacity where live[i] == 0 {
                let slot = paths + i * slotSize
                bytes.withUnsafeBufferPointer { b in
                    b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
                        slot.update(from: $0, count: b.count)
                    }
                }
                slot[bytes.count] = 0
                live[i] = 1
                return
            }
        }
    }

    static func unregister(_ path: String) {
        locked {
            for i in 0..<capacity where live[i] != 0 && String(cString: paths + i * slotSize) == path {
                live[i] = 0
                return
            }
        }
    }
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

/// A temporary file for a run's own use (what `merge` hands the writing pass), made in
/// `TMPDIR` (else /tmp) with a unique name, readable by its path once `commit()` has
/// flushed it, and removed when the sink goes away.
public final class ScratchFile: FileDescriptorSink {
    public let path: String

    public init(prefix: String, suffix: String = "") throws {
        var dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if dir.isEmpty { dir = "/tmp" }
        var template = Array((dir + "/" + prefix + "-XXXXXX" + suffix).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else {
            throw XMLError(.io, file: dir, "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // Removed on SIGINT, SIGTERM and SIGHUP too, as an uncommitted output file is.
        TemporaryFiles.register(path)
        super.init(fd: fd, name: path)
    }

    /// How many bytes were written: the offset the next byte takes.
    public private(set) var offset = 0

    public override func write(_ bytes: UnsafeRawBufferPointer) throws {
        try super.write(bytes)
        offset += bytes.count
    }

    /// Reads the bytes at `offset` (written earlier) into `buffer`, filling it.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        try flush()
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw XMLError(
                    .io, file: path, "cannot read back: \(String(cString: n < 0 ? strerror(errno) : strerror(EIO)))")
            }
            done += n
        }
    }

    /// Copies the byte ranges `ranges` (offsets and lengths, as ``offset`` gave them) to
    /// `sink`, in that order; ranges that follow each other are read as one.
    public func copy(_ ranges: [(offset: Int, count: Int)], to sink: any ByteSink) throws {
        try flush()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var i = 0
        while i < ranges.count {
            var start = ranges[i].offset
            var end = start + ranges[i].count
            i += 1
            while i < ranges.count && ranges[i].offset == end && end - start < 1 << 20 {
                end += ranges[i].count
                i += 1
            }
            while start < end {
                let n = min(end - start, buffer.count)
                try buffer.withUnsafeMutableBytes {
                    try read(at: start, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]))
                }
                try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                start += n
            }
        }
    }

    deinit {
        close(fd)
        unlink(path)
        TemporaryFiles.unregister(path)
    }
}
