import Foundation
import TextKernel
import WireFormats
public import WireModel
import Workers
public import XMLCore

/// The articles named on a command line, read one at a time.
///
/// Inputs are cleaned-article `.txt` files, article `.json` files (one Article or a
/// whole document), `.jsonl` files (one Article per line), directories of those
/// (walked in name order), or `-` for standard input (its form detected from its content).
public struct ArticleInputs: Sendable {
    public var paths: [String]
    public var reader: CleanedArticleReader
    /// Upper bound on one input file, in bytes.
    public var maximumFileSize: Int
    /// Inputs that cannot be read twice (standard input, FIFOs, `<(…)`), once read: each is
    /// read a single time even when the inputs are walked twice.
    public var buffered: [String: [UInt8]] = [:]

    /// Undated cleaned articles take their file's modification time, clamped by this
    /// (`SOURCE_DATE_EPOCH` by default, as reproducible builds set it).
    public var sourceDateEpoch: Int64? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap {
        Int64($0)
    }

    public init(paths: [String], reader: CleanedArticleReader, maximumFileSize: Int = 256 << 20) {
        self.paths = paths
        self.reader = reader
        self.maximumFileSize = maximumFileSize
    }

    static let extensions: Set<String> = ["txt", "json", "jsonl", "ndjson"]

    /// Whether a walk reads only what ``CleanedArticleReader/readHead(bytes:file:)`` gives of a
    /// cleaned article (a first walk over a batch too large to keep): its copy is read on
    /// the walk that writes it.
    public var headsOnly = false

    /// The bytes of the regular files ``resolve()`` listed (what a walk will read), looked up
    /// when asked (a walk that reads each file once never asks).
    public var knownBytes: Int {
        guard let resolved else { return 0 }
        var total = 0
        try? Self.forEachFile(in: resolved) { total += Files.size($0) ?? 0 }
        return total
    }

    /// A cleaned article: its head alone when ``headsOnly`` and the head can be read so.
    func readText(_ bytes: [UInt8], file: String) throws(IngestError) -> CleanedArticleReader.Result {
        if headsOnly, let head = reader.readHead(bytes: bytes, file: file) {
            return CleanedArticleReader.Result(article: head, warnings: [])
        }
        return try reader.read(bytes: bytes, file: file)
    }

    /// The files the inputs stand for, once ``resolve()`` has listed them, and which of
    /// them are streams (standard input, FIFOs: only ever given by name, never found in a
    /// directory, which lists regular files).
    private var resolved: [Listed]?
    private var resolvedStreams: [String] = []

    /// An input named, or the files of a directory named (sorted, on disk beyond a few
    /// thousand: ``XMLCore/SortedPaths``).
    private enum Listed: Sendable {
        case file(String)
        case directory(String, SortedPaths)
    }

    /// Lists the files the inputs stand for now (failing on a missing path or an empty
    /// directory), so that later walks do not list the directories again.
    public mutating func resolve() throws(IngestError) {
        resolvedStreams = paths.filter { $0 == "-" || (Files.isDirectory($0) != true && !Files.isRegularFile($0)) }
        resolved = try listing()
    }

    /// The files the inputs stand for, in order; fails on a missing path or an empty directory.
    public func files() throws(IngestError) -> [String] {
        var out: [String] = []
        var files = FileCursor(try listed())
        while let path = try files.next() { out.append(path) }
        return out
    }

    private func listed() throws(IngestError) -> [Listed] {
        if let resolved { return resolved }
        return try listing()
    }

    /// The files of a list of inputs, one at a time, in order: a directory's read back from
    /// its listing (from disk, for a large one).
    private struct FileCursor {
        private var rest: ArraySlice<Listed>
        /// The directory being read, and where its listing is.
        private var directory = ""
        private var cursor: SortedPaths.Cursor?

        init(_ listed: [Listed]) { rest = listed[...] }

        mutating func next() throws(IngestError) -> String? {
            while true {
                if cursor != nil {
                    do {
                        if let path = try cursor?.next() { return path }
                    } catch {
                        throw IngestError(file: directory, message: "cannot read back the list of its files (\(error))")
                    }
                    cursor = nil
                }
                guard let item = rest.popFirst() else { return nil }
                switch item {
                case .file(let path): return path
                case .directory(let dir, let paths): (directory, cursor) = (dir, SortedPaths.Cursor(paths))
                }
            }
        }
    }

    /// Calls `body` with each file the inputs stand for, in order.
    private func forEachFile(_ body: (String) throws -> Void) throws {
        try Self.forEachFile(in: listed(), body)
    }

    /// A directory's listing could not be read back (``forEachFile(in:_:)`` throws it so
    /// that a caller tells it from `body`'s errors).
    private struct ListingFailed: Error {
        var error: IngestError
    }

    private static func forEachFile(in listed: [Listed], _ body: (String) throws -> Void) throws {
        var files = FileCursor(listed)
        while true {
            let path: String?
            do { path = try files.next() } catch { throw ListingFailed(error: error) }
            guard let path else { return }
            try body(path)
        }
    }

    /// The first file the inputs stand for.
    private func firstFile() throws(IngestError) -> String? {
        var files = FileCursor(try listed())
        return try files.next()
    }

    /// The files the inputs stand for: those named, and the regular files in the folders
    /// named (by `readdir`'s type, a link looked at only when it is one).
    private func listing() throws(IngestError) -> [Listed] {
        var out: [Listed] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                out.append(.file(path))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw IngestError(file: path, message: "no such file or directory")
            }
            if isDir.boolValue {
                guard access(path, R_OK | X_OK) == 0 else {
                    throw IngestError(file: path, message: "cannot list this directory")
                }
                // readdir, not FileManager's enumerator: a directory of 100,000 articles is listed
                // in a fraction of the time, and only the names that may be articles are kept.
                let found: SortedPaths
                do {
                    found = try Files.listing(under: path) { name in
                        let ext = Files.lowercasedExtension(of: name)
                        return Self.extensions.contains(ext) && !name.hasPrefix(".") && !isExcluded(name)
                    }
                } catch {
                    throw IngestError(file: path, message: "cannot list this directory (\(error))")
                }
                guard found.count > 0 else {
                    throw IngestError(file: path, message: "directory holds no articles (.txt, .json or .jsonl files)")
                }
                out.append(.directory(path, found))
            } else {
                out.append(.file(path))
            }
        }
        return out
    }

    /// Files in an article folder that are not articles (fixture expectations and the like).
    private func isExcluded(_ name: String) -> Bool {
        name == "expected.json" || name.hasSuffix(".expected.json") || name == "feed.json"
    }

    /// Calls `body` with each article in input order, and with the warnings of its file.
    public func forEach(_ body: (Article, [Diagnostic]) throws -> Void) throws {
        try forEach(onFailure: nil, body)
    }

    /// Like ``forEach(_:)``, with the reading (files, JSON, cleaned text) done on a second
    /// thread, up to 64 articles ahead of `body`, so that reading and writing overlap. The
    /// order and the errors are those of ``forEach(_:)``: articles read before a reading
    /// error reach `body`, then the error is thrown; an error from `body` stops the reading.
    public func forEachReadingAhead(_ body: (Article, [Diagnostic]) throws -> Void) throws {
        struct Stopped: Error {}
        let handoff = Handoff<(Article, [Diagnostic])>(capacity: 64)
        let state = Transfer(self)
        let done = DispatchSemaphore(value: 0)
        Worker.start {
            do {
                try state.value.forEach { article, warnings in
                    guard handoff.put((article, warnings)) else { throw Stopped() }
                }
            } catch is Stopped {
            } catch {
                state.error = error
            }
            handoff.close(failed: state.error != nil)
            done.signal()
        }
        // Whatever the hand-off still holds is let go of here, on this thread, before returning.
        defer { handoff.discardAll() }
        do {
            while let (article, warnings) = handoff.take() { try body(article, warnings) }
        } catch {
            handoff.stop()
            done.wait()
            throw error
        }
        done.wait()
        if let error = state.error { throw error }
    }

    /// Like ``forEach(_:)``, but an input that cannot be read (or an article `body` fails on)
    /// is handed to `onFailure` and the others go on.
    public func forEach(onFailure: ((any Error) -> Void)?, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        // Runs of cleaned-text files (one article each) are read two files at a time, a few
        // thousand to a run.
        var run = CompactStrings()
        func readRun() throws {
            if run.count > 1 {
                try readInParallel(run, onFailure: onFailure, body)
            } else if run.count == 1 {
                try readOne(run[0], onFailure: onFailure, body)
            }
            run = CompactStrings()
        }
        do {
            try forEachFile { file in
                if isPlainTextFile(file) {
                    run.append(file)
                    if run.count >= textRun { try readRun() }
                    return
                }
                try readRun()
                try readOne(file, onFailure: onFailure, body)
            }
        } catch let failed as ListingFailed {
            // The articles of the files listed before it come first, as a reading error's do.
            try readRun()
            throw failed.error
        }
        try readRun()
    }

    private func readOne(
        _ file: String, onFailure: ((any Error) -> Void)?, _ body: (Article, [Diagnostic]) throws -> Void
    ) throws {
        guard let onFailure else {
            try read(file: file, body)
            return
        }
        do {
            try read(file: file) { article, warnings in
                do { try body(article, warnings) } catch { onFailure(error) }
            }
        } catch {
            onFailure(error)
        }
    }

    /// How many consecutive cleaned-text files one parallel read takes (the workers stay a
    /// bounded window ahead of the writer; the run's paths are what it holds).
    package var textRun = 4096

    private func isPlainTextFile(_ file: String) -> Bool {
        file != "-" && buffered[file] == nil && Files.lowercasedExtension(of: file) == "txt"
    }

    /// Reads the cleaned-text files `run` of `files` on two threads and hands their articles to `body` in file
    /// order, with the errors where ``forEach(onFailure:_:)`` would meet them: without
    /// `onFailure` the first error stops the run (what follows it is not handed on).
    private func readInParallel(
        _ files: CompactStrings, onFailure: ((any Error) -> Void)?,
        _ body: (Article, [Diagnostic]) throws -> Void
    ) throws {
        typealias Read = Result<CleanedArticleReader.Result, any Error>
        let inputs = Transfer(self)
        try OrderedParallel.forEach(
            count: files.count, threads: 2,
            work: { k -> Read in
                Result {
                    let file = files[k]
                    let bytes = try inputs.value.read(file)
                    return Self.dated(
                        try inputs.value.readText(bytes, file: file), file: file,
                        epoch: inputs.value.sourceDateEpoch)
                }
            },
            deliver: { _, read in
                // Without `onFailure` the first error (reading or `body`'s) stops the run.
                do {
                    let result = try read.get()
                    try body(result.article, result.warnings)
                } catch {
                    guard let onFailure else { throw error }
                    onFailure(error)
                }
            })
    }

    private func read(file: String, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        do {
            let ext = Files.lowercasedExtension(of: file)
            if file != "-" && buffered[file] == nil && (ext == "jsonl" || ext == "ndjson") {
                try jsonLines(streamingFrom: file, body)
                return
            }
            let bytes = try read(file)
            try articles(in: bytes, file: file, body)
        }
    }

    /// JSON Lines read in chunks: memory holds one chunk and one line, whatever the file's size.
    private func jsonLines(streamingFrom file: String, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw IngestError(file: file, message: "cannot be opened for reading")
        }
        let lines = LineReader(file: file, handle: handle, closes: true, maximumLineSize: maximumFileSize)
        let decoder = JSONDecoder()
        while let slice = try lines.next() {
            let lineNo = lines.line
            try slice.withUnsafeBufferPointer { line in
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
                let fast: Article? = try? ArticleJSONParser.article(line)
                // The fast reader gave up: JSONDecoder reads it, or says precisely what is wrong.
                let article: Article
                do {
                    article = try fast ?? decoder.decode(Article.self, from: Data(buffer: line))
                } catch let error as DecodingError {
                    throw IngestError(file: file, line: lineNo, message: Self.describe(error))
                }
                if let problem = Article.problem(withID: article.id) {
                    throw IngestError(file: file, line: lineNo, message: problem)
                }
                let (clean, warnings) = Self.withoutIllegalCharacters(article, file: file, line: lineNo)
                try body(clean, warnings)
            }
        }
    }

    /// Reads standard input now (if `-` is among the inputs), so later walks see the same bytes.
    public mutating func bufferStandardInput() throws(IngestError) {
        guard paths.contains("-"), buffered["-"] == nil else { return }
        buffered["-"] = try Self.readAll("-", limit: maximumFileSize)
    }

    /// Reads every input that is not a regular file (standard input, a FIFO, a process
    /// substitution's pipe) now, for a caller that walks the inputs twice: a second read of
    /// a stream finds nothing, or waits for a writer that never comes.
    public mutating func bufferStreams() throws(IngestError) {
        let streams =
            resolved != nil ? resolvedStreams : try files().filter { $0 == "-" || !Files.isRegularFile($0) }
        for file in streams where buffered[file] == nil {
            buffered[file] = try Self.readAll(file, limit: maximumFileSize)
        }
    }

    /// The `feed` block of the first input, when that input is a JSON document carrying one
    /// (what `wirefeed import` and `convert --to json` print): import → convert keeps the feed.
    /// A stream is buffered first, so that the articles are still read from it.
    public mutating func documentFeed() throws(IngestError) -> Feed? {
        guard let first = try firstFile() else { return nil }
        let isStream = first == "-" || !Files.isRegularFile(first)
        if isStream {
            guard first == "-" || Files.lowercasedExtension(of: first) == "json" else { return nil }
            if buffered[first] == nil { buffered[first] = try Self.readAll(first, limit: maximumFileSize) }
        } else if Files.lowercasedExtension(of: first) != "json" {
            return nil
        }
        let bytes = try read(first)
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard let start, bytes[start] == UInt8(ascii: "{"), !Self.looksLikeJSONLines(bytes) else { return nil }
        struct FeedBlock: Decodable { var feed: Feed? }
        do {
            return try JSONDecoder().decode(FeedBlock.self, from: Data(bytes)).feed
        } catch let error as DecodingError {
            throw IngestError(file: first, message: "its feed block: " + Self.describe(error))
        } catch {
            throw IngestError(file: first, message: "unreadable JSON: \(error)")
        }
    }

    func read(_ path: String) throws(IngestError) -> [UInt8] {
        if let bytes = buffered[path] { return bytes }
        return try Self.readAll(path, limit: maximumFileSize)
    }

    /// The bytes of a file or of standard input (`-`), refused as soon as more than `limit`
    /// bytes have come: a stream is never held past the limit, however long it runs.
    static func readAll(_ path: String, limit: Int) throws(IngestError) -> [UInt8] {
        switch Files.read(path, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(.tooLarge):
            throw IngestError(file: path, message: "is larger than the limit of \(limit) bytes (--max-input-size)")
        case .failure(.cannotOpen(let why)):
            throw IngestError(file: path, message: "cannot be opened for reading (\(why))")
        case .failure(.cannotRead(let why)): throw IngestError(file: path, message: "cannot be read (\(why))")
        }
    }

    private func articles(in bytes: [UInt8], file: String, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        let ext = Files.lowercasedExtension(of: file)
        let kind: String
        if file == "-" {
            let first = bytes.first(where: {
                $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
            })
            if first == UInt8(ascii: "{") {
                // One JSON value, or JSON Lines.
                kind = Self.looksLikeJSONLines(bytes) ? "jsonl" : "json"
            } else {
                kind = "txt"
            }
        } else {
            kind = ext
        }
        switch kind {
        case "json":
            for article in try Self.decodeJSON(bytes, file: file) {
                if let problem = Article.problem(withID: article.id) { throw IngestError(file: file, message: problem) }
                let (clean, warnings) = Self.withoutIllegalCharacters(article, file: file, line: nil)
                try body(clean, warnings)
            }
        case "jsonl", "ndjson":
            var lineNo = 0
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                lineNo += 1
                let line = bytes[start..<end]
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                do {
                    let article = try JSONDecoder().decode(Article.self, from: Data(line))
                    if let problem = Article.problem(withID: article.id) {
                        throw IngestError(file: file, line: lineNo, message: problem)
                    }
                    let (clean, warnings) = Self.withoutIllegalCharacters(article, file: file, line: lineNo)
                    try body(clean, warnings)
                } catch let error as DecodingError {
                    throw IngestError(file: file, line: lineNo, message: Self.describe(error))
                }
            }
        default:
            let result = Self.dated(try readText(bytes, file: file), file: file, epoch: sourceDateEpoch)
            try body(result.article, result.warnings)
        }
    }

    /// An undated cleaned article takes its file's modification time, clamped by
    /// `SOURCE_DATE_EPOCH` as reproducible builds do: undated stories do not all share one date.
    static func dated(_ r: CleanedArticleReader.Result, file: String, epoch: Int64?) -> CleanedArticleReader.Result {
        guard r.article.published == nil, r.article.updated == nil, file != "-" else { return r }
        var st = stat()
        guard stat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return r }
        var seconds = Int64(st.st_mtim.tv_sec)
        if let epoch { seconds = min(seconds, epoch) }
        var out = r
        out.article.published = Timestamp(seconds: seconds)
        return out
    }

    /// The article without characters XML cannot carry, and a warning when there were some.
    static func withoutIllegalCharacters(_ article: Article, file: String, line: Int?) -> (Article, [Diagnostic]) {
        let (clean, removed) = article.removingCharactersXMLCannotCarry()
        guard removed > 0 else { return (article, []) }
        let warning = Diagnostic(
            file: file, line: line ?? 0, severity: .warning,
            message:
                "dropped \(removed) control character\(removed == 1 ? "" : "s") that XML cannot carry (article \(article.id))",
            rule: "text.control")
        return (clean, [warning])
    }

    static func looksLikeJSONLines(_ bytes: [UInt8]) -> Bool {
        // JSON Lines: more than one line that starts with '{' at column 1.
        var count = 0
        var atLineStart = true
        for b in bytes {
            if atLineStart && b == UInt8(ascii: "{") { count += 1 }
            atLineStart = b == 0x0A
            if count > 1 { return true }
        }
        return false
    }

    static func decodeJSON(_ bytes: [UInt8], file: String) throws(IngestError) -> [Article] {
        let data = Data(bytes)
        do {
            if let doc = try? JSONDecoder().decode(FeedDocument.self, from: data) { return doc.articles }
            return [try JSONDecoder().decode(Article.self, from: data)]
        } catch let error as DecodingError {
            throw IngestError(file: file, message: describe(error))
        } catch {
            throw IngestError(file: file, message: "unreadable JSON: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            return "not valid JSON"
        case .dataCorrupted(let c):
            return "key '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
        case .keyNotFound(let k, let c):
            return "key '\((c.codingPath + [k]).map(\.stringValue).joined(separator: "."))' is required"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "key '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
