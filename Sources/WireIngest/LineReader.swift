import Foundation
import XMLCore

/// The lines of a file or stream, read 1 MiB at a time: memory holds one chunk and one line,
/// each byte is searched for a line end once, and a line longer than `maximumLineSize` is
/// refused as it comes, not once its end is found (the last line too). What JSON Lines
/// inputs and merge parts are read with.
final class LineReader {
    let file: String
    let maximumLineSize: Int
    /// The number (1-based) of the line ``next()`` gave last.
    private(set) var line = 0

    private let handle: FileHandle
    private let closes: Bool
    private var pending: [UInt8] = []
    private var start = 0
    /// How far `pending` was searched for a line end.
    private var scanned = 0
    private var atEnd = false

    /// Reads `handle` (named `file` in errors); `closes` says whether the reader closes it.
    init(file: String, handle: FileHandle, closes: Bool, maximumLineSize: Int) {
        self.file = file
        self.handle = handle
        self.closes = closes
        self.maximumLineSize = maximumLineSize
    }

    deinit { if closes { try? handle.close() } }

    private func tooLong() -> IngestError {
        IngestError(file: file, line: line + 1, message: "line is larger than the limit of \(maximumLineSize) bytes")
    }

    /// The next line, without its line end; nil at the end of the input.
    func next() throws(IngestError) -> ArraySlice<UInt8>? {
        while true {
            let newline: Int? = pending.withUnsafeBufferPointer { b in
                let from = max(start, scanned)
                guard let base = b.baseAddress, from < b.count, let hit = memchr(base + from, 0x0A, b.count - from)
                else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                guard newline - start <= maximumLineSize else { throw tooLong() }
                defer {
                    start = newline + 1
                    scanned = start
                }
                line += 1
                return pending[start..<newline]
            }
            scanned = pending.count
            if atEnd {
                guard start < pending.count else { return nil }
                guard pending.count - start <= maximumLineSize else { throw tooLong() }
                defer { start = pending.count }
                line += 1
                return pending[start...]
            }
            if pending.count - start > maximumLineSize { throw tooLong() }
            scanned -= start
            pending.removeFirst(start)
            start = 0
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw IngestError(file: file, line: line, message: "cannot be read (\(error.localizedDescription))")
            }
            if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
        }
    }
}
