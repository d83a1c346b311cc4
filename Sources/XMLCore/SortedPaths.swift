import TextKernel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths in the byte order of their UTF-8 (as `LC_ALL=C ls` lists them: `é` spelled as one
/// scalar and as `e` and an accent are two names, in a fixed order; Swift's `<` on strings,
/// which compares canonical forms, is no total order for such names), as many as a
/// directory tree holds, listed in the
/// memory of a few thousand: up to `runBytes` of them are sorted in memory; beyond that each
/// sorted run goes to a scratch file, and reading merges the runs, a block of each at a time
/// (an external merge sort). A million paths hold a run and a block per run, not a million
/// strings.
///
/// Built by ``add(_:)`` then ``finish()``; read (as often as wanted, from any thread) by
/// ``Cursor``.
package final class SortedPaths: @unchecked Sendable {
    private var run = CompactStrings()
    private let runBytes: Int
    /// The sorted runs on disk: where each is in `scratch`.
    private var runs: [(offset: Int, count: Int)] = []
    private var scratch: ScratchFile?
    /// How many paths there are.
    package private(set) var count = 0

    /// `runBytes`: how many bytes of paths are sorted in memory before a run goes to disk.
    package init(runBytes: Int = 1 << 20) {
        self.runBytes = max(1, runBytes)
    }

    /// Adds a path (before ``finish()``).
    package func add(_ path: String) throws {
        run.append(path)
        count += 1
        if run.byteCount >= runBytes { try spill() }
    }

    /// Sorts what is left: the paths can be read.
    package func finish() throws {
        if runs.isEmpty {
            run = run.sorted()
        } else if !run.isEmpty {
            try spill()
        }
        // Cursors only read the file from here on (from any thread).
        try scratch?.flush()
    }

    /// Writes the paths in memory, sorted, as one run: a length (4 bytes) and the bytes each.
    private func spill() throws {
        let file = try scratch ?? ScratchFile(prefix: "wirefeed-paths")
        scratch = file
        let start = file.offset
        let sorted = run.sorted()
        run = CompactStrings()
        for i in 0..<sorted.count {
            try sorted.withUTF8(i) { utf8 in
                try withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { try file.write($0) }
                try file.write(UnsafeRawBufferPointer(utf8))
            }
        }
        runs.append((start, file.offset - start))
    }

    /// Every path, in order (for lists that are known to be short).
    package func all() throws -> [String] {
        var out: [String] = []
        var cursor = Cursor(self)
        while let path = try cursor.next() { out.append(path) }
        return out
    }

    /// Reads the paths in order, merging the runs on disk.
    package struct Cursor {
        private let paths: SortedPaths
        /// The next path's place in a list held in memory.
        private var position = 0
        private var readers: [RunReader] = []
        /// Each run's next path (nil once it is read out).
        private var heads: [String?] = []
        private var started = false

        package init(_ paths: SortedPaths) {
            self.paths = paths
        }

        package mutating func next() throws -> String? {
            guard let scratch = paths.scratch, !paths.runs.isEmpty else {
                guard position < paths.run.count else { return nil }
                defer { position += 1 }
                return paths.run[position]
            }
            if !started {
                started = true
                // A block of each run in memory: 64 KB, less when the runs are many.
                let block = max(1 << 12, min(1 << 16, (4 << 20) / paths.runs.count))
                readers = paths.runs.map { RunReader(file: scratch, offset: $0.offset, count: $0.count, block: block) }
                heads = try readers.map { try $0.next() }
            }
            // The smallest head (the first run's on a tie): runs are few, a scan is enough.
            var best: Int?
            for (k, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, let current = heads[b], !head.utf8.lexicographicallyPrecedes(current.utf8) {
                    continue
                }
                best = k
            }
            guard let best else { return nil }
            let path = heads[best]
            heads[best] = try readers[best].next()
            return path
        }
    }

    /// One run on disk, read a block at a time.
    private final class RunReader {
        let file: ScratchFile
        var offset: Int
        let end: Int
        var buffer: [UInt8] = []
        var at = 0
        let block: Int

        init(file: ScratchFile, offset: Int, count: Int, block: Int) {
            self.file = file
            self.offset = offset
            end = offset + count
            self.block = block
        }

        func next() throws -> String? {
            guard try fill(4) else { return nil }
            let length = buffer.withUnsafeBytes {
                Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            }
            at += 4
            guard try fill(length) else {
                throw XMLError(.io, file: file.path, "a sorted run of paths ends short")
            }
            defer { at += length }
            return String(decoding: buffer[at..<at + length], as: UTF8.self)
        }

        /// Makes `n` unread bytes available; false when the run has ended.
        private func fill(_ n: Int) throws -> Bool {
            if buffer.count - at >= n { return true }
            buffer.removeFirst(at)
            at = 0
            let want = min(end - offset, max(n - buffer.count, block))
            guard want > 0 else { return false }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            try buffer.withUnsafeMutableBytes { raw in
                try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
            }
            offset += want
            return buffer.count >= n
        }
    }
}
