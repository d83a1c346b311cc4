import WireFeed
import XMLCore

/// The paths of a `--files-from` list: one a line (a line end of `\n` or `\r\n`), blank
/// lines skipped, relative paths taken from the working directory (as `xargs` takes them).
/// An engine hands a process its partition of the inputs so, without a command line's limits.
enum FileList {
    static func read(_ list: String, limit: Int = 256 << 20) throws(IngestError) -> [String] {
        let bytes: [UInt8]
        switch Files.read(list, limit: limit) {
        case .success(let b): bytes = b
        case .failure(.tooLarge): throw IngestError(file: list, message: "is larger than \(limit) bytes (--files-from)")
        case .failure(.cannotOpen(let why)), .failure(.cannotRead(let why)):
            throw IngestError(file: list, message: "cannot be read (\(why)) (--files-from)")
        }
        var paths: [String] = []
        for (n, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = raw[...]
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { continue }
            guard let path = String(validating: line, as: UTF8.self), !path.contains("\0") else {
                throw IngestError(file: list, line: n + 1, message: "is not a path in UTF-8 (--files-from)")
            }
            paths.append(path)
        }
        guard !paths.isEmpty else { throw IngestError(file: list, message: "lists no path (--files-from)") }
        return paths
    }
}
