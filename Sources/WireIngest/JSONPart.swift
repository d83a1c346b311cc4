import Foundation
import WireFormats
public import WireModel
import XMLCore

/// A JSON part of a split run, read one article at a time (a pull reader, for a k-way merge).
///
/// It reads what wirefeed writes: JSON Lines of articles, the JSON document of
/// `convert --to json` and `import` (one article a line, the feed on its first or last
/// line), and the records of `import --files-from` (one document a line). Memory holds one
/// chunk, one line and the articles of one record.
public final class JSONPart {
    public let file: String
    /// The feed block met so far (a document's first line, or its last).
    public private(set) var feed: Feed?
    private let lines: LineReader
    private var queued: [Article] = []
    private let decoder = JSONDecoder()

    /// Opens `file` (`-` for standard input); lines longer than `maximumLineSize` are refused.
    public init(file: String, maximumLineSize: Int) throws(IngestError) {
        self.file = file
        if file == "-" {
            lines = LineReader(
                file: file, handle: FileHandle.standardInput, closes: false, maximumLineSize: maximumLineSize)
        } else {
            guard Files.isDirectory(file) != true, let h = FileHandle(forReadingAtPath: file) else {
                throw IngestError(file: file, message: "cannot be opened for reading")
            }
            lines = LineReader(file: file, handle: h, closes: true, maximumLineSize: maximumLineSize)
        }
    }

    /// The line of the article ``next()`` gave last (1-based).
    public var line: Int { lines.line }

    /// The next article, with its JSON as it stood on its line when it had one to itself
    /// (a copy needs no new encoding); nil at the end.
    public func next() throws(IngestError) -> (article: Article, json: ArraySlice<UInt8>?)? {
        while true {
            if !queued.isEmpty { return (queued.removeFirst(), nil) }
            guard let raw = try lines.next() else { return nil }
            // Trim the document's indent and the comma between its articles.
            var lo = raw.startIndex
            var hi = raw.endIndex
            while lo < hi, [0x20, 0x09, 0x0D].contains(raw[lo]) { lo += 1 }
            while hi > lo, [0x20, 0x09, 0x0D, UInt8(ascii: ",")].contains(raw[hi - 1]) { hi -= 1 }
            let text = raw[lo..<hi]
            if text.isEmpty { continue }
            if text.starts(with: Array(#"{"id":"#.utf8)) {
                return (try article(text), text)
            }
            try record(text)
        }
    }

    private func article(_ text: ArraySlice<UInt8>) throws(IngestError) -> Article {
        let fast: Article? = try? text.withUnsafeBufferPointer { try ArticleJSONParser.article($0) }
        let a: Article
        do {
            a = try fast ?? decoder.decode(Article.self, from: Data(text))
        } catch let error as DecodingError {
            throw IngestError(file: file, line: line, message: ArticleInputs.describe(error))
        } catch {
            throw IngestError(file: file, line: line, message: "unreadable JSON: \(error)")
        }
        if let problem = Article.problem(withID: a.id) { throw IngestError(file: file, line: line, message: problem) }
        return a
    }

    /// A line that is not an article alone: an article in another key order, a whole
    /// document (an `import --files-from` record), or a document's first or last line.
    private func record(_ text: ArraySlice<UInt8>) throws(IngestError) {
        struct Failure: Decodable {
            var line: Int?
            var message: String
        }
        struct Record: Decodable {
            var id: String?
            var file: String?
            var feed: Feed?
            var articles: [Article]?
            var error: Failure?
        }
        let candidates: [[UInt8]]
        if text.last == UInt8(ascii: "[") {
            candidates = [Array(text) + Array("]}".utf8)]  // `{"feed":{…},"articles":[`
        } else if text.first == UInt8(ascii: "]") {
            candidates = [Array(#"{"articles":["#.utf8) + Array(text)]  // `],"feed":{…}}`
        } else {
            candidates = [Array(text)]
        }
        let r: Record
        do {
            r = try decoder.decode(Record.self, from: Data(candidates[0]))
        } catch let error as DecodingError {
            throw IngestError(
                file: file, line: line,
                message: "not an article, nor a line of wirefeed's JSON document: " + ArticleInputs.describe(error))
        } catch {
            throw IngestError(file: file, line: line, message: "unreadable JSON: \(error)")
        }
        if let error = r.error {
            throw IngestError(
                file: file, line: line,
                message: "the record of an input that failed (\(r.file ?? "?")): \(error.message)")
        }
        if r.id != nil {
            queued.append(try article(text))
            return
        }
        if let f = r.feed, feed == nil { feed = f }
        for a in r.articles ?? [] {
            if let problem = Article.problem(withID: a.id) {
                throw IngestError(file: file, line: line, message: problem)
            }
            queued.append(a)
        }
    }
}
