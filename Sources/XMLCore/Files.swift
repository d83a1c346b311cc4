#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File-system calls on the paths of one run (POSIX directly: `validate` over a thousand
/// small files spent more time in FileManager's attribute dictionaries than in reading).
package enum Files {
    /// The extension of a path's last component, ASCII letters lowercased (`dir/A.TXT` gives
    /// `txt`): what follows its last `.`, empty when there is none or the name starts with it
    /// (`.txt`), trailing slashes ignored (as Foundation's `pathExtension`, without bridging
    /// to NSString, which cost more than reading a small article).
    public static func lowercasedExtension(of path: String) -> String {
        var utf8 = Substring(path).utf8
        while utf8.last == UInt8(ascii: "/") { utf8 = utf8.dropLast() }
        let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8[utf8.index(after: $0)...] } ?? utf8
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return String(decoding: name[name.index(after: dot)...].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `path` is a directory (following links); nil when nothing is there.
    public static func isDirectory(_ path: String) -> Bool? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The bytes of a regular file of at most `limit` bytes, read with one open; nil when
    /// the file is larger, is not a regular file, or cannot be read.
    public static func readSmall(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= limit else { return nil }
        let size = Int(st.st_size)
        // The file may have shrunk: what was there.
        let (bytes, _) = readUpTo(size, from: fd)
        return bytes.isEmpty && size > 0 ? nil : bytes
    }

    /// Up to `count` bytes from `fd`, read straight into an array of that capacity, and the
    /// `errno` of a read that failed (0 when it stopped at `count` or at the end).
    /// `shortReadEnds` (the caller asks for one byte more than a regular file's size): stop
    /// once all but that byte are in, when the read that brought them stopped short of it,
    /// without a last read to find the end. A read that stops short anywhere else is no end
    /// (Linux gives at most 2 GiB a read; network file systems may stop anywhere): reading
    /// goes on.
    static func readUpTo(_ count: Int, from fd: Int32, shortReadEnds: Bool = false) -> (bytes: [UInt8], error: Int32) {
        var failed: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            var done = 0
            while done < count {
                let n = Glibc.read(fd, buffer.baseAddress! + done, count - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failed = errno }
                if n <= 0 { break }
                done += n
                // Every byte fstat promised, and the read asking one more gave none: the end.
                if shortReadEnds && done == count - 1 { break }
            }
            filled = done
        }
        return (bytes, failed)
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter); nil when it is
    /// not a regular file or cannot be opened.
    public static func head(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return readUpTo(count, from: fd).bytes
    }

    /// Whether `path` is a FIFO (a named pipe; links not followed).
    package static func isFIFO(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
    }

    /// The size of a regular file (following links); nil for anything else.
    public static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Whether `path` is a regular file (following links).
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Why ``read(_:limit:)`` gave no bytes.
    public enum ReadFailure: Error {
        case tooLarge
        case cannotOpen(String)
        case cannotRead(String)
    }

    /// The bytes of a file, or of standard input for `-`, refused as soon as more than `limit`
    /// bytes have come: a stream (a pipe, a FIFO, a terminal) is never held past the limit,
    /// however long it runs; a regular file larger than the limit is refused before reading.
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        let regular = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        if regular && Int(st.st_size) > limit { return .failure(.tooLarge) }
        var out: [UInt8] = []
        if regular {
            // A regular file is read straight into an array of its size (no chunk to zero and
            // copy per file: a batch of 100,000 small articles is mostly this call). One byte
            // more is asked for: when a read brings the size and not that byte, that is the
            // end, and no last read is needed to find it (one system call in five, per small
            // file).
            let size = Int(st.st_size)
            let failed: Int32
            (out, failed) = readUpTo(size + 1, from: fd, shortReadEnds: true)
            if failed != 0 { return .failure(.cannotRead(String(cString: strerror(failed)))) }
            if out.count <= size { return .success(out) }
            // The file grew since fstat: what follows is read as from a stream.
            if out.count > limit { return .failure(.tooLarge) }
        }
        // Uninitialized and, room allowing, on the stack: the read that finds a small file's
        // end costs no chunk to allocate and zero.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 16) { chunk in
            while true {
                let n = Glibc.read(fd, chunk.baseAddress, chunk.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(.cannotRead(String(cString: strerror(errno))))
                }
                if n == 0 { break }
                if out.count + n > limit { return .failure(.tooLarge) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
            return .success(out)
        }
    }

    /// The regular files under a directory (recursively; links followed to files but not into
    /// directories) whose names `accept` takes, as paths joined to `dir`, in the byte order of
    /// their paths (the order `walk` gives too). A file whose directory entry says it is one is taken without a `stat`;
    /// links and unknown types are looked at. Memory holds `runBytes` of paths, whatever
    /// their number (``SortedPaths``).
    package static func listing(
        under dir: String, runBytes: Int = 1 << 20, accept: (String) -> Bool
    ) throws -> SortedPaths {
        let out = SortedPaths(runBytes: runBytes)
        var pending = [dir]
        var failure: (any Error)?
        while let current = pending.popLast(), failure == nil {
            entries(of: current) { name, full, type in
                if name == "." || name == ".." || failure != nil { return }
                var st = stat()
                if type == UInt8(DT_DIR)
                    || (type == UInt8(DT_UNKNOWN) && lstat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR)
                {
                    pending.append(full)
                    return
                }
                guard accept(name) else { return }
                if type == UInt8(DT_REG) || (stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG) {
                    do { try out.add(full) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
        try out.finish()
        return out
    }

    /// ``listing(under:runBytes:accept:)``, in memory, as a list.
    public static func files(under dir: String, accept: (String) -> Bool) -> [String] {
        // Nothing goes to disk (the one run is never full), so nothing can fail.
        (try? listing(under: dir, runBytes: .max, accept: accept).all()) ?? []
    }

    /// Calls `body` with the name, the path (joined to `dir`) and the `d_type` of each entry
    /// of one directory (`.` and `..` included); nothing when it cannot be opened.
    static func entries(of dir: String, _ body: (String, String, UInt8) -> Void) {
        guard let handle = opendir(dir) else { return }
        defer { closedir(handle) }
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            body(name, prefix + name, entry.pointee.d_type)
        }
    }

    /// What a walk below a directory found: regular files (symbolic links to files inside the
    /// directory included), and how many links it did not follow because they point outside
    /// it (or nowhere, or at a directory).
    package struct Walk: Sendable {
        package var files: [String] = []
        package var linksNotFollowed = 0
    }

    /// The regular files below `dir`, in name order, never leaving it: a symbolic link is
    /// followed only to a regular file whose real path is inside `dir`'s; linked
    /// directories are not entered (no loops, no escape). Names starting with `.` (`.git`,
    /// editor files) are passed over.
    package static func walk(_ dir: String) -> Walk {
        var out = Walk()
        guard let rootReal = realpath(dir, nil) else { return out }
        let root = String(cString: rootReal) + "/"
        free(rootReal)
        var pending = [dir]
        while let current = pending.popLast() {
            entries(of: current) { name, full, _ in
                if name.hasPrefix(".") { return }
                var st = stat()
                guard lstat(full, &st) == 0 else { return }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: pending.append(full)
                case S_IFREG: out.files.append(full)
                case S_IFLNK:
                    var target = stat()
                    guard let real = realpath(full, nil) else {
                        out.linksNotFollowed += 1
                        return
                    }
                    let resolved = String(cString: real)
                    free(real)
                    if resolved.hasPrefix(root), stat(resolved, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG {
                        out.files.append(full)
                    } else {
                        out.linksNotFollowed += 1
                    }
                default: return  // FIFOs, sockets, devices: never opened
                }
            }
        }
        // Byte order, as directories are listed for convert (`listing(under:)`).
        out.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return out
    }
}
