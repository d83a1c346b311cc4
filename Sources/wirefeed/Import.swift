import ArgumentParser
import Foundation
import WireFeed
import XMLCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read an RSS, Atom or NewsML-G2 feed into the article model (JSON).",
        discussion: """
            Reads RSS 0.90, 0.91, 0.92, 1.0 (RDF) and 2.0, Atom 0.3 and 1.0, NewsML-G2 newsItem \
            and newsMessage, streaming (memory does not grow with the number of items), and \
            prints the JSON document of the article model. Namespaces are matched by URI; HTML \
            in text is reduced to plain paragraphs; dates are read leniently and keep their \
            UTC offset. Nothing is ever fetched: no network, no external entities, no DTDs.

            Warnings (a date that cannot be read, an item without id...) go to standard error \
            as file:line: warning: message; --format json also puts them in the document under \
            "warnings"; --strict makes any warning fail the import (exit 1).

            Examples:
              wirefeed import feed.xml -o feed.json
              curl -s https://example.org/feed | wirefeed import - --strict
            """
    )

    @Argument(help: "The feed to read, or - for standard input.")
    var file: String?

    @Option(
        name: .long,
        help:
            "Read every feed this file lists (one path a line; - for standard input) and write JSON Lines: one import document a line, with its \"file\"."
    )
    var filesFrom: String?

    @Option(name: .long, help: "The format to expect: auto, rss, atom or newsml.")
    var from: SourceFormat = .auto

    @Option(name: .shortAndLong, help: "Write the JSON document to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "text: warnings on standard error only; json: also in the document under \"warnings\".")
    var format: WarningFormat = .text

    @Flag(name: .long, help: "Fail (exit 1, no output file) when there is any warning.")
    var strict = false

    @Option(
        name: .long,
        help:
            "Stop after this many articles (the rest of the feed is not read; an info note says so, which --strict does not count)."
    )
    var maxArticles: Int?

    @Option(
        name: .long,
        help:
            "Take only share K of N (0 ≤ K < N) of the articles, by a stable hash of their ids (for several machines).")
    var shard: String?

    @Option(name: .long, help: "Refuse a feed larger than this (bytes; K, M, G suffixes). Default 2G.")
    var maxInputSize: ByteCount?

    @Option(
        name: .long,
        help:
            "Refuse an item holding more text than this (bytes; K, M suffixes). Default 16M; libxml2 stops single text nodes at 10 MB."
    )
    var maxTextSize: ByteCount?

    func validate() throws {
        if file == nil && filesFrom == nil {
            throw ValidationError("give the feed to read (FILE, or - for standard input), or --files-from LIST")
        }
        if file != nil && filesFrom != nil {
            throw ValidationError("give either a FILE or --files-from LIST, not both")
        }
        if let maxArticles, maxArticles < 0 { throw ValidationError("--max-articles must be 0 or more") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard \(shard): give K/N with 0 ≤ K < N") }
    }

    var options: ImportOptions {
        ImportOptions(
            format: from.format,
            limits: Limits(
                maximumDocumentSize: maxInputSize?.bytes ?? Int(Int32.max),
                maximumTextSize: maxTextSize?.bytes ?? Limits().maximumTextSize),
            maximumArticles: maxArticles, recovers: !strict)
    }

    func run() throws {
        if let filesFrom {
            try importListed(filesFrom)
            return
        }
        let file = file ?? "-"
        let input: XMLInput
        if file == "-" {
            input = .stream(ByteStream.standardInput())
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else {
                printError(errorLine(file: file, line: 0, column: 0, message: "no such file or directory"))
                throw Reported()
            }
            if isDir.boolValue {
                printError(errorLine(file: file, line: 0, column: 0, message: "is a directory (import reads one feed)"))
                throw Reported()
            }
            input = .file(file)
        }
        let sink: any ByteSink
        do {
            sink = try output.map { try AtomicFileSink(path: $0) } ?? StandardOutputSink()
        } catch let error as XMLError {
            printError(error)
            throw Reported()
        }
        let writer = JSONImportWriter(sink: sink, embedWarnings: format == .json)
        let handler: any ImportHandler = shard.flatMap(Shard.init).map { ShardFilter($0, writer) } ?? writer
        do {
            let warnings = try FeedImporter.run(input, file: file, options: options, handler: handler)
            for w in warnings { printError(w.formatted) }
            writer.warnings = warnings.map(\.formatted)
            // The article limit's note is information, not a problem in the feed.
            let problems = warnings.filter { $0.severity >= .warning }.count
            if strict && problems > 0 {
                sink.abort()
                printError("wirefeed: \(file): \(problems) warning\(problems == 1 ? "" : "s") and --strict is set")
                throw Reported()
            }
            try writer.close()
            try sink.commit()
        } catch let error as XMLError {
            sink.abort()
            printError(error, file: file)
            throw Reported()
        } catch let error as Reported {
            throw error
        } catch {
            sink.abort()
            printError(error, file: file)
            throw Reported()
        }
    }
}

extension Import {
    /// `--files-from`: each listed feed is imported on its own into one JSON Lines record
    /// (`{"file":…,"format":…,"articles":[…],"feed":…}`), in the list's order. A feed that
    /// cannot be read is a record `{"file":…,"error":…}` and a line on standard error; the
    /// others are still read, and the run exits 1. With `--shard K/N` the listed files are
    /// shared by a stable hash of their paths (whole feeds, not articles).
    func importListed(_ list: String) throws {
        let share = shard.flatMap(Shard.init)
        let (paths, sink) = try reportingInputErrors {
            let paths = try FileList.read(list)
            let sink: any ByteSink = try output.map { try AtomicFileSink(path: $0) } ?? StandardOutputSink()
            return (paths, sink)
        }
        var failed = 0
        do {
            for path in paths where share?.contains(path: path) ?? true {
                let record = MemorySink()
                let writer = JSONImportWriter(sink: record, embedWarnings: format == .json, file: path)
                do {
                    guard Files.isRegularFile(path) else {
                        throw XMLError(
                            .io, file: path, Files.isDirectory(path) == true ? "is a directory" : "no such file")
                    }
                    let warnings = try FeedImporter.run(.file(path), file: path, options: options, handler: writer)
                    for w in warnings { printError(w.formatted) }
                    let problems = warnings.filter { $0.severity >= .warning }.count
                    if strict && problems > 0 {
                        throw XMLError(
                            .io, file: path, "\(problems) warning\(problems == 1 ? "" : "s") and --strict is set")
                    }
                    writer.warnings = warnings.map(\.formatted)
                    try writer.close()
                    try record.bytes.withUnsafeBytes { try sink.write($0) }
                } catch {
                    failed += 1
                    printError(error, file: path)
                    let e = error as? XMLError
                    let bytes = JSONImportWriter.errorRecord(
                        file: path, line: e?.line ?? 0, column: e?.column ?? 0, message: e?.message ?? "\(error)")
                    try bytes.withUnsafeBytes { try sink.write($0) }
                }
            }
            try sink.commit()
        } catch {
            sink.abort()
            printError(error)
            throw Reported()
        }
        if failed > 0 {
            printError(
                "wirefeed: \(failed) of the listed feed\(paths.count == 1 ? "" : "s") could not be read (above); the others were"
            )
            throw Reported()
        }
    }

}

enum SourceFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, rss, atom, newsml, jsonfeed, ninjs

    var format: DocumentFormat? {
        switch self {
        case .auto: nil
        case .rss: .rss20
        case .atom: .atom10
        case .newsml: .newsml
        case .jsonfeed: .jsonfeed11
        case .ninjs: .ninjs
        }
    }
}

enum WarningFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Hands on only the articles of one shard.
final class ShardFilter: ImportHandler {
    let shard: Shard
    let next: any ImportHandler

    init(_ shard: Shard, _ next: any ImportHandler) {
        self.shard = shard
        self.next = next
    }

    func begin(format: DocumentFormat) throws { try next.begin(format: format) }
    func article(_ article: Article) throws { if shard.contains(article) { try next.article(article) } }
    func end(feed: Feed?) throws { try next.end(feed: feed) }
}
