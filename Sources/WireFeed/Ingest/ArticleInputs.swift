import Foundation
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
    /// Standard input, once read: `-` is read a single time even when the inputs are walked twice.
    public var standardInput: [UInt8]?

    public init(paths: [String], reader: CleanedArticleReader, maximumFileSize: Int = 256 << 20) {
        self.paths = paths
        self.reader = reader
        self.maximumFileSize = maximumFileSize
    }

    static let extensions: Set<String> = ["txt", "json", "jsonl", "ndjson"]

    /// The files the inputs stand for, in order; fails on a missing path or an empty directory.
    public func files() throws(IngestError) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                out.append(path)
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw IngestError(file: path, message: "no such file or directory")
            }
            if isDir.boolValue {
                guard let walker = fm.enumerator(atPath: path) else {
                    throw IngestError(file: path, message: "cannot list this directory")
                }
                var found: [String] = []
                while let rel = walker.nextObject() as? String {
                    let ext = (rel as NSString).pathExtension.lowercased()
                    let name = (rel as NSString).lastPathComponent
                    guard Self.extensions.contains(ext), !name.hasPrefix("."), !isExcluded(name) else { continue }
                    let full = path.hasSuffix("/") ? path + rel : path + "/" + rel
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
                }
                guard !found.isEmpty else {
                    throw IngestError(file: path, message: "directory holds no articles (.txt, .json or .jsonl files)")
                }
                out += found.sorted()
            } else {
                out.append(path)
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
        for file in try files() {
            guard let onFailure else {
                try read(file: file, body)
                continue
            }
            do {
                try read(file: file) { article, warnings in
                    do { try body(article, warnings) } catch { onFailure(error) }
                }
            } catch {
                onFailure(error)
            }
        }
    }

    private func read(file: String, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        do {
            let ext = (file as NSString).pathExtension.lowercased()
            if file != "-" && (ext == "jsonl" || ext == "ndjson") {
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
        defer { try? handle.close() }
        let decoder = JSONDecoder()
        var pending: [UInt8] = []
        var lineNo = 0
        func decodeLine(_ line: UnsafeBufferPointer<UInt8>) throws {
            lineNo += 1
            guard line.count <= maximumFileSize else {
                throw IngestError(file: file, line: lineNo, message: "line is larger than the limit of \(maximumFileSize) bytes")
            }
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
            try body(article, [])
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw IngestError(file: file, line: lineNo, message: "cannot be read (\(error.localizedDescription))")
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            try pending.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                while start < buffer.count, let newline = memchr(base + start, 0x0A, buffer.count - start) {
                    let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    try decodeLine(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                    start = end + 1
                }
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try pending.withUnsafeBufferPointer { try decodeLine($0) } }
    }

    /// Reads standard input now (if `-` is among the inputs), so later walks see the same bytes.
    public mutating func bufferStandardInput() throws(IngestError) {
        guard paths.contains("-"), standardInput == nil else { return }
        standardInput = try Self.readAll("-", limit: maximumFileSize)
    }

    func read(_ path: String) throws(IngestError) -> [UInt8] {
        if path == "-", let standardInput { return standardInput }
        return try Self.readAll(path, limit: maximumFileSize)
    }

    static func readAll(_ path: String, limit: Int) throws(IngestError) -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= limit else { throw IngestError(file: "-", message: "input is larger than the limit of \(limit) bytes") }
            return [UInt8](data)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw IngestError(file: path, message: "is larger than the limit of \(limit) bytes (--max-input-size)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(file: path, message: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw IngestError(file: path, message: "cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= limit else {
            throw IngestError(file: path, message: "is larger than the limit of \(limit) bytes")
        }
        return [UInt8](data)
    }

    private func articles(in bytes: [UInt8], file: String, _ body: (Article, [Diagnostic]) throws -> Void) throws {
        let ext = (file as NSString).pathExtension.lowercased()
        let kind: String
        if file == "-" {
            let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF })
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
                try body(article, [])
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
                    if let problem = Article.problem(withID: article.id) { throw IngestError(file: file, line: lineNo, message: problem) }
                    try body(article, [])
                } catch let error as DecodingError {
                    throw IngestError(file: file, line: lineNo, message: Self.describe(error))
                }
            }
        default:
            let result = try reader.read(bytes: bytes, file: file)
            try body(result.article, result.warnings)
        }
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
