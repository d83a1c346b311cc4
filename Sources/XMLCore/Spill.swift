/// Fixed-size records appended one by one and read back in the same order, held in memory up
/// to a chunk and written to a scratch file beyond it: a walk that keeps a record of each of a
/// million articles holds one chunk of them, whatever their number. Nothing touches the disk
/// while the records fit in one chunk.
public final class SpilledRecords<Record: BitwiseCopyable> {
    private var buffer: [Record] = []
    private let chunk: Int
    private let prefix: String
    private var scratch: ScratchFile?
    /// How many records are in the scratch file (the first ones).
    private var spilled = 0

    /// `chunk`: how many records are held before they go to disk.
    public init(prefix: String, chunk: Int = 8192) {
        self.prefix = prefix
        self.chunk = max(1, chunk)
    }

    /// How many records were appended.
    public var count: Int { spilled + buffer.count }

    public func append(_ record: Record) throws {
        buffer.append(record)
        if buffer.count >= chunk { try spill() }
    }

    private func spill() throws {
        let file = try scratch ?? ScratchFile(prefix: prefix)
        scratch = file
        try buffer.withUnsafeBytes { try file.write($0) }
        spilled += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each record, in the order appended, with its position.
    public func forEach(_ body: (Int, Record) throws -> Void) throws {
        var position = 0
        if let scratch, spilled > 0 {
            let size = MemoryLayout<Record>.stride
            var start = 0
            while start < spilled {
                let n = min(chunk, spilled - start)
                let records = try [Record](unsafeUninitializedCapacity: n) { records, initialized in
                    try scratch.read(at: start * size, into: UnsafeMutableRawBufferPointer(records))
                    initialized = n
                }
                for r in records {
                    try body(position, r)
                    position += 1
                }
                start += n
            }
        }
        for r in buffer {
            try body(position, r)
            position += 1
        }
    }
}

/// Variable-length records sorted into a fixed number of partitions as they come, each held in
/// memory up to a chunk and written to one shared scratch file beyond it; a partition is read
/// back whole, its records in the order appended. A walk that must group a million keys (the
/// versions of each story) holds a chunk per partition while it walks, and one partition at
/// a time afterwards.
public final class SpilledPartitions {
    private var buffers: [[UInt8]]
    /// Where each partition's chunks are in the scratch file, in order.
    private var chunks: [[(offset: Int, count: Int)]]
    private let chunk: Int
    private let prefix: String
    private var scratch: ScratchFile?

    public init(prefix: String, partitions: Int = 64, chunk: Int = 1 << 15) {
        self.prefix = prefix
        self.chunk = max(1, chunk)
        buffers = Array(repeating: [], count: max(1, partitions))
        chunks = Array(repeating: [], count: max(1, partitions))
    }

    public var partitions: Int { buffers.count }

    /// Appends the bytes `write` adds to the buffer it is given to partition `p`.
    public func append(to p: Int, _ write: (inout [UInt8]) -> Void) throws {
        write(&buffers[p])
        guard buffers[p].count >= chunk else { return }
        let file = try scratch ?? ScratchFile(prefix: prefix)
        scratch = file
        let offset = file.offset
        try buffers[p].withUnsafeBytes { try file.write($0) }
        chunks[p].append((offset, buffers[p].count))
        buffers[p].removeAll(keepingCapacity: true)
    }

    /// The bytes of partition `p`, its records end to end in the order appended.
    public func bytes(of p: Int) throws -> [UInt8] {
        let onDisk = chunks[p].reduce(0) { $0 + $1.count }
        guard onDisk > 0, let scratch else { return buffers[p] }
        var out = [UInt8](repeating: 0, count: onDisk)
        var at = 0
        try out.withUnsafeMutableBytes { raw in
            for c in chunks[p] {
                try scratch.read(at: c.offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[at..<at + c.count]))
                at += c.count
            }
        }
        out.append(contentsOf: buffers[p])
        return out
    }
}
