import ArgumentParser
import Foundation
import WireFeed
import XMLCore

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert cleaned articles into a feed (RSS 2.0, Atom 1.0, NewsML-G2) or the JSON article document.",
        discussion: """
            INPUT is a cleaned-article .txt file (optionally with YAML front matter), an article \
            .json file, a .jsonl file (one article per line), a directory of those, or - for \
            standard input. Articles are read and written one at a time, in input order.

            The output goes to standard output, or to -o FILE, which is written atomically: \
            a failed run leaves any previous FILE untouched.

            Example:
              wirefeed convert fixtures/articles --feed fixtures/feed.yaml --to atom -o atom.xml
            """
    )

    @Argument(help: "Articles: .txt, .json, .jsonl files, directories of them, or - for stdin.")
    var inputs: [String] = []

    @Option(
        name: .long,
        help: "Also read the inputs listed in this file (one path a line; - for standard input), after the others.")
    var filesFrom: String?

    @Option(
        name: .long, help: "Output format: rss, atom, newsml, json (the article model) or jsonfeed (JSON Feed 1.1).")
    var to: OutputFormatArgument

    @Option(
        name: .long, help: "Feed metadata (YAML or JSON): title, url, selfURL, language, rights, authors, idBase, ...")
    var feed: String?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(
        name: .long,
        help: "NewsML-G2 only: write one newsItem file per article (and per picture) into this folder, each atomically."
    )
    var outputDir: String?

    @Option(
        name: .long,
        help: "Order articles: input (default), newest or oldest first. Sorting holds all articles in memory.")
    var sort: SortOrder = .input

    @Option(
        name: .long,
        help:
            "Refuse an input file larger than this (bytes; K, M, G suffixes). Default 256M; JSON Lines are limited per line."
    )
    var maxInputSize: ByteCount?

    @Option(
        name: .long,
        help:
            "The time of publication (RFC 3339): RSS and Atom hold back articles embargoed past it. Default: SOURCE_DATE_EPOCH, else now."
    )
    var now: String?

    @Option(
        name: .long,
        help: "Publish only the newest N articles (by updated, else published date; one version per story).")
    var limit: Int?

    @Option(
        name: .long,
        help: "Write a JSON report of the fields each article loses in this format (what it has no home for).")
    var report: String?

    @Option(
        name: .long,
        help: "Fail (exit 1, nothing written) when an article would lose one of these fields (comma-separated).")
    var failOnLoss: String?

    @Option(
        name: .long,
        help: "Keep the feed under this size (bytes; K, M suffixes): the newest stories that fit, a note on the rest.")
    var maxBytes: ByteCount?

    @Option(
        name: .long,
        help:
            "With --limit N: write the older stories into RFC 5005 archive pages of N in this folder (archive-0001.xml...)."
    )
    var archiveDir: String?

    @Option(name: .long, help: "With --archive-dir: the URL at which that folder is published.")
    var archiveURL: String?

    @Option(
        name: .long,
        help:
            "Take only share K of N (0 ≤ K < N) of the articles, by a stable hash of their ids (for several machines).")
    var shard: String?

    @Option(name: .long, help: "ninjs version written by --to ninjs: 3.1 (default) or 2.2.")
    var ninjsVersion: String = "3.1"

    @Flag(
        name: .long,
        help:
            "Do not run the output through the feed rules validate uses (by default, convert fails on an error they find)."
    )
    var noSelfCheck = false

    @Flag(name: .long, help: "Print warnings about repaired input to standard error.")
    var verbose = false

    @Flag(name: .long, help: "Fail (exit 1) when an input needed repair (invalid bytes, control characters).")
    var strict = false

    func validate() throws {
        if inputs.isEmpty && filesFrom == nil {
            throw ValidationError("give at least one INPUT (a file, a directory or -), or --files-from LIST")
        }
        if filesFrom == "-" && inputs.contains("-") {
            throw ValidationError("standard input cannot hold both the list (--files-from -) and an input (-)")
        }
        if outputDir != nil && output != nil {
            throw ValidationError("give either -o/--output or --output-dir, not both")
        }
        if let now, Self.time(now) == nil {
            throw ValidationError("--now '\(now)' is not a time (give RFC 3339, e.g. 2026-12-05T09:00:00Z)")
        }
        if let limit, limit < 0 { throw ValidationError("--limit \(limit): give 0 or more") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard \(shard): give K/N with 0 ≤ K < N") }
        if maxBytes != nil {
            guard [.rss, .atom, .jsonfeed].contains(to.format), outputDir == nil, archiveDir == nil else {
                throw ValidationError("--max-bytes sizes one RSS, Atom or JSON Feed document (not with --archive-dir)")
            }
        }
        if archiveDir != nil {
            guard let limit, limit > 0 else {
                throw ValidationError("--archive-dir needs --limit N (N > 0): the feed's size and each page's")
            }
            guard archiveURL != nil else {
                throw ValidationError("--archive-dir needs --archive-url (where it is published)")
            }
            guard [.rss, .atom].contains(to.format) else {
                throw ValidationError("--archive-dir writes RFC 5005 archives of RSS or Atom feeds")
            }
        }
        if let failOnLoss {
            let fields = Set(Article.CodingKeys.allCases.map(\.stringValue))
            for f in failOnLoss.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !f.isEmpty && !fields.contains(f) {
                throw ValidationError(
                    "--fail-on-loss \(f): not an article field (\(fields.sorted().joined(separator: ", ")))")
            }
        }
        if limit != nil && outputDir != nil {
            throw ValidationError("--limit picks the newest articles of one document: not with --output-dir")
        }
        if !["3.1", "2.2"].contains(ninjsVersion) {
            throw ValidationError("--ninjs-version \(ninjsVersion): wirefeed writes ninjs 3.1 or 2.2")
        }
        if outputDir != nil && to.format != .newsml {
            throw ValidationError("--output-dir writes one NewsML-G2 item per file: use it with --to newsml")
        }
    }

    func run() throws {
        try reportingInputErrors { try convert() }
    }

    private func convert() throws {
        var inputs = ArticleInputs(
            paths: try inputs + listedInputs(), reader: CleanedArticleReader(feed: Feed()),
            maximumFileSize: maxInputSize?.bytes ?? 256 << 20)
        try inputs.resolve()  // fail early on missing paths, before any output exists; list directories once
        try inputs.bufferStandardInput()
        // The feed: the --feed file, else the feed block of a JSON document given as input;
        // its self URL is the one given for this output.
        let given = try feed.map { path throws(IngestError) in try Feed.load(path: path) }
        let feedMeta = (try given ?? inputs.documentFeed() ?? Feed()).published(as: to.format.rawValue)
        inputs.reader = CleanedArticleReader(feed: feedMeta)
        try publish(inputs, feed: feedMeta)
    }

    /// Writes `inputs` in the chosen format with `feedMeta` (what `convert` and `merge` share).
    func publish(_ inputs: ArticleInputs, feed feedMeta: Feed) throws {
        var inputs = inputs
        if let missing = to.format.missingIdentity(of: feedMeta) {
            printError("wirefeed: error: \(missing)")
            throw Reported()
        }
        // Without the feed's own `updated` the newest article date goes in the head, before
        // the articles: a first walk finds it. Streams are read once and kept for a second
        // walk; the articles themselves are kept (up to 64 MiB of text) so that no input is read twice.
        let environment = ProcessInfo.processInfo.environment
        let publishAt = publicationTime(environment)
        let share = shard.flatMap(Shard.init)
        // A feed or a newsMessage carries one item per story (its guid is unique there): the
        // first walk also finds each story's newest version.
        let collapsesVersions = to.format != .json && outputDir == nil
        let needsFirstWalk =
            (to.format != .json && feedMeta.updated == nil) || collapsesVersions || limit != nil || maxBytes != nil
        if let outputDir {
            if needsFirstWalk { try inputs.bufferStreams() }
            // Each input is its own item there: one that cannot be read must not stop the others.
            let updated =
                needsFirstWalk
                ? try Converter.resolveUpdated(feed: feedMeta, inputs: inputs, environment: environment)
                : (feedMeta.updated ?? Timestamp(seconds: 0))
            try writeItems(inputs: inputs, feed: feedMeta, context: context(updated), to: outputDir)
            return
        }
        let format = to.format
        // The output exists (as a temporary file) from here: an interrupted first walk removes it too.
        let sink: any ByteSink = try output.map { try AtomicFileSink(path: $0) } ?? StandardOutputSink()
        // The feed rules run over the output as it is written, on a second thread; their
        // verdict comes before the output is committed.
        let check = try (noSelfCheck ? nil : format.checkedAs).map {
            try SelfCheck(
                passingOn: sink, format: $0, options: LintOptions(selfURL: feedMeta.selfURL, now: publishAt),
                name: output ?? "<stdout>")
        }
        let out: any ByteSink = check ?? sink
        // What the output left out, for the notes after it (both walks count the same).
        var walked = Walked()
        do {
            // RSS and Atom are written in one walk over the inputs (ConvertOneWalk.swift).
            let oneWalk = writesInOneWalk(format)
            if needsFirstWalk && !oneWalk { try inputs.bufferStreams() }
            let first =
                needsFirstWalk && !oneWalk
                ? try Converter.firstWalk(
                    inputs: inputs, environment: environment,
                    dated: { Publishing.decide($0, format: format, now: publishAt) == .publish }) : nil
            let updated = feedMeta.updated ?? first?.updated ?? Timestamp(seconds: 0)
            let kept = first?.articles
            // Archives: every story in memory, pages written before the feed (its link names the newest).
            if let archiveDir, let archiveURL, let limit {
                var stories: [(Int, Article)] = []
                var i = 0
                let collect: (Article, [Diagnostic]) throws -> Void = { a, w in
                    defer { i += 1 }
                    _ = report(w)
                    if let first, !first.isNewestVersion(at: i) { return }
                    if Publishing.decide(a, format: format, now: publishAt) == .publish { stories.append((i, a)) }
                }
                if let kept { for (a, w) in kept { try collect(a, w) } } else { try inputs.forEach(collect) }
                let archive = ArchiveWriter(
                    format: format, feed: feedMeta, pageSize: limit, directory: archiveDir, baseURL: archiveURL)
                let (current, currentFeed) = try archive.write(stories)
                let writer = try format.makeWriter(feed: currentFeed, context: context(updated), sink: out)
                try writer.begin()
                for a in current { try writer.write(a) }
                try writer.finish()
                if let check { try Self.judge(check.verdict(), verbose: verbose, toFile: output != nil) }
                try sink.commit()
                return
            }
            var overSize = 0
            if oneWalk {
                walked = try writeInOneWalk(
                    inputs, feed: feedMeta, format: format, publishAt: publishAt, share: share,
                    environment: environment, to: out)
            } else {
                var chosen = limit.flatMap { n in first?.newest(n) }
                if let maxBytes, let first {
                    (chosen, overSize) = try Self.fitting(
                        maxBytes.bytes, first: first, limit: limit, inputs: inputs, feed: feedMeta, format: format,
                        context: context(updated))
                }
                let fatal = fatalLosses
                let writer = try to.format.makeWriter(feed: feedMeta, context: context(updated), sink: out)
                try writer.begin()
                if let first {
                    try writeTombstones(first, writer: writer, format: format, share: share, publishAt: publishAt)
                }
                let handle: (Int, Article, [Diagnostic]) throws -> Void = { index, article, warnings in
                    if let share, !share.contains(article) { return }
                    walked.repaired += report(warnings)
                    // --strict stops at the first article that needed repair, before writing it.
                    if strict && walked.repaired > 0 { throw StrictStop() }
                    if collapsesVersions, let first, !first.isNewestVersion(at: index) {
                        walked.olderVersions += 1
                        return
                    }
                    switch Publishing.decide(article, format: format, now: publishAt) {
                    case .publish:
                        if let chosen, !chosen.contains(index) {
                            walked.beyondLimit += 1
                            return
                        }
                        if report != nil || !fatal.isEmpty {
                            let lost = format.losses(of: article)
                            if !lost.isEmpty { walked.losses.append((article.id, lost)) }
                            if let field = lost.first(where: fatal.contains) {
                                throw LossStop(id: article.id, field: field, format: format)
                            }
                        }
                        try writer.write(article)
                    case .hold(let until): walked.held.append(until)
                    case .withhold: walked.withheld += 1
                    case .tombstone:
                        walked.tombstones += 1  // written before the first entry
                    }
                }
                var index = 0
                if let kept, sort == .input {
                    for (a, w) in kept {
                        try handle(index, a, w)
                        index += 1
                    }
                } else if sort == .input {
                    try inputs.forEachReadingAhead { a, w in
                        try handle(index, a, w)
                        index += 1
                    }
                } else {
                    var all: [(Article, [Diagnostic])] = kept ?? []
                    if kept == nil { try inputs.forEach { all.append(($0, $1)) } }
                    var numbered = all.enumerated().map { ($0.offset, $0.element.0, $0.element.1) }
                    if let order = sort.order {
                        numbered.sort { order.precedes($0.1, at: $0.0, $1.1, at: $1.0) }
                    }
                    for (i, a, w) in numbered { try handle(i, a, w) }
                }
                try writer.finish()
            }
            if let check { try Self.judge(check.verdict(), verbose: verbose, toFile: output != nil) }
            if let report { try Self.writeReport(walked.losses, format: format, to: report) }
            try sink.commit()
            if let note = Self.publicationNote(walked, format: format) {
                printError(note)
            }
            if overSize > 0, let maxBytes {
                printError(
                    "wirefeed: left out \(overSize) older article\(overSize == 1 ? "" : "s") to keep the feed within --max-bytes \(maxBytes.bytes)"
                )
                walked.beyondLimit -= overSize
            }
            if walked.beyondLimit > 0, let limit {
                printError(
                    "wirefeed: left out \(walked.beyondLimit) older article\(walked.beyondLimit == 1 ? "" : "s") beyond --limit \(limit)"
                )
            }
            if walked.repaired > 0 && !verbose && !strict {
                printError(
                    "wirefeed: \(Self.warnings(walked.repaired)) about the input (repairs, unknown keys); --verbose lists them"
                )
            }
        } catch let stop as LossStop {
            out.abort()
            printError(
                "wirefeed: error: article \(stop.id) would lose its \(stop.field) in \(stop.format.rawValue) (--fail-on-loss): \(output == nil ? "standard output is incomplete" : "nothing written")"
            )
            throw Reported()
        } catch is StrictStop {
            out.abort()
            printError(
                "wirefeed: a warning about the input (above) and --strict is set: \(output == nil ? "standard output is incomplete" : "nothing written")"
            )
            throw Reported()
        } catch {
            out.abort()
            throw error
        }
    }

    /// The self-check's findings: errors fail the run (nothing is committed), warnings are
    /// listed with --verbose.
    static func judge(_ findings: [Diagnostic], verbose: Bool, toFile: Bool) throws {
        let errors = findings.filter { $0.severity == .error }
        for d in errors.prefix(20) + (verbose ? findings.filter { $0.severity == .warning } : []) {
            printError("wirefeed: " + d.formatted)
        }
        guard !errors.isEmpty else { return }
        printError(
            "wirefeed: the output breaks \(errors.count == 1 ? "a feed rule" : "\(errors.count) feed rules") that wirefeed validate checks (above): \(toFile ? "nothing written" : "standard output is not valid"); --no-self-check writes it anyway"
        )
        throw Reported()
    }
}

extension Convert {
    /// The paths `--files-from` lists.
    func listedInputs() throws -> [String] {
        guard let filesFrom else { return [] }
        let listed = try FileList.read(filesFrom)
        if filesFrom == "-", listed.contains("-") {
            throw IngestError(
                file: "-", message: "lists - (standard input), which already holds the list (--files-from -)")
        }
        return listed
    }

    /// What the writers need besides the feed.
    func context(_ updated: Timestamp) -> WriteContext {
        var c = WriteContext(updated: updated)
        c.ninjsVersion = ninjsVersion
        return c
    }

    static func time(_ text: String) -> Timestamp? {
        var notes: DateParser.Notes = []
        return DateParser.parseAny(text, notes: &notes)
    }

    /// `--now`, else `SOURCE_DATE_EPOCH`, else the current time.
    func publicationTime(_ environment: [String: String]) -> Timestamp {
        if let now, let t = Self.time(now) { return t }
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            return Timestamp(seconds: seconds)
        }
        return Converter.now()
    }

    /// What the feed does not carry and why, in one line (nil when it carries everything).
    static func publicationNote(_ walked: Walked, format: OutputFormat) -> String? {
        let (held, withheld, tombstones, olderVersions) =
            (walked.held, walked.withheld, walked.tombstones, walked.olderVersions)
        var parts: [String] = []
        if let next = held.min() {
            parts.append(
                "held back \(held.count) under embargo (the next is due \(next.rfc3339); run again then, or give --now)"
            )
        }
        if withheld > 0 {
            parts.append(
                "left out \(withheld) withheld or canceled (\(format == .rss ? "RSS has no tombstones" : "status"))")
        }
        if tombstones > 0 {
            parts.append("wrote \(tombstones) tombstone\(tombstones == 1 ? "" : "s") for canceled articles")
        }
        if olderVersions > 0 {
            parts.append(
                "left out \(olderVersions) older version\(olderVersions == 1 ? "" : "s") of stories given again")
        }
        return parts.isEmpty ? nil : "wirefeed: " + parts.joined(separator: "; ")
    }
}

extension Convert {
    /// The newest stories (within `limit`) whose items fit in `maxBytes` with the feed's head
    /// and end, each sized by writing it alone; and how many more the size left out.
    static func fitting(
        _ maxBytes: Int, first: Converter.FirstWalk, limit: Int?, inputs: ArticleInputs, feed: Feed,
        format: OutputFormat, context: WriteContext
    ) throws -> (Set<Int>, Int) {
        func size(_ articles: [Article]) throws -> Int {
            try Converter.render(articles, feed: feed, format: format, updated: context.updated, indent: context.indent)
                .count
        }
        let base = try size([])
        guard base <= maxBytes else {
            throw XMLError(.writer, "--max-bytes \(maxBytes): the feed's head alone is \(base) bytes")
        }
        var candidates = first.newestFirst()
        if let limit { candidates = Array(candidates.prefix(max(0, limit))) }
        let wanted = Set(candidates)
        var items: [Int: Int] = [:]
        var index = 0
        let measure: (Article) throws -> Void = { a in
            defer { index += 1 }
            if wanted.contains(index) { items[index] = try size([a]) - base }
        }
        if let kept = first.articles {
            for (a, _) in kept { try measure(a) }
        } else {
            try inputs.forEach { a, _ in try measure(a) }
        }
        var total = base
        var chosen: Set<Int> = []
        for i in candidates {
            let s = items[i] ?? 0
            guard total + s <= maxBytes else { break }
            total += s
            chosen.insert(i)
        }
        return (chosen, candidates.count - chosen.count)
    }
}

/// Thrown by the writing loop when --strict meets a warning.
struct StrictStop: Error {}

/// Thrown by the writing loop when an article would lose a field --fail-on-loss names.
struct LossStop: Error {
    let id: String
    let field: String
    let format: OutputFormat
}

extension Convert {
    /// The loss report: per article, the fields it loses; then how many articles lose each.
    static func writeReport(_ losses: [(id: String, fields: [String])], format: OutputFormat, to path: String) throws {
        var counts: [String: Int] = [:]
        for (_, fields) in losses { for f in fields { counts[f, default: 0] += 1 } }
        let object: [String: Any] = [
            "format": format.rawValue,
            "articles": losses.map { ["id": $0.id, "lost": $0.fields] as [String: Any] },
            "fields": counts,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        let sink = try AtomicFileSink(path: path)
        try data.withUnsafeBytes { try sink.write($0) }
        try sink.write("\n")
        try sink.commit()
    }
}

extension Convert {
    /// `--output-dir`: one atomic file per newsItem (text items and their pictures).
    private func writeItems(inputs: ArticleInputs, feed: Feed, context: WriteContext, to dir: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw IngestError(file: dir, message: "cannot create the output folder")
            }
        } else if !isDir.boolValue {
            throw IngestError(file: dir, message: "exists and is not a folder")
        }
        var written = 0
        var repaired = 0
        // Names written in this run: a second article with the same id is refused, not
        // written over the first.
        var names: [String: String] = [:]
        func write(_ name: String, id: String, _ body: (any ByteSink) throws -> Void) throws {
            if let first = names[name] {
                throw IngestError(
                    file: dir + "/" + name,
                    message:
                        "'\(id)' was written there already in this run (\(first == id ? "two articles have this id" : "ids '\(first)' and '\(id)' make the same name")): not overwritten"
                )
            }
            names[name] = id
            let sink = try AtomicFileSink(path: dir + "/" + name)
            do {
                try body(sink)
                try sink.commit()
                written += 1
            } catch {
                sink.abort()
                throw error
            }
        }
        // Each item is its own atomic file: one bad input or article never stops the others.
        var failures = 0
        try inputs.forEach(onFailure: { error in
            failures += 1
            printError(error)
        }) { article, warnings in
            let problems = report(warnings)
            repaired += problems
            if strict && problems > 0 {
                let file = warnings.first(where: { $0.severity >= .warning })?.file ?? "-"
                throw IngestError(
                    file: file,
                    message: "\(Self.warnings(problems)) about article \(article.id) and --strict is set: not written")
            }
            try write(NewsMLWriter.fileName(forGUID: article.id), id: article.id) {
                try NewsMLWriter.writeItem(article, feed: feed, context: context, to: $0, linkingPictures: true)
            }
            for (media, guid) in NewsMLWriter.pictureGUIDs(article) {
                try write(NewsMLWriter.fileName(forGUID: guid), id: guid) {
                    try NewsMLWriter.writePictureItem(media, of: article, feed: feed, context: context, to: $0)
                }
            }
        }
        if repaired > 0 && !verbose && !strict {
            printError(
                "wirefeed: \(Self.warnings(repaired)) about the input (repairs, unknown keys); --verbose lists them")
        }
        if verbose { printError("wirefeed: wrote \(written) item\(written == 1 ? "" : "s") to \(dir)") }
        if failures > 0 {
            printError(
                "wirefeed: \(failures) input\(failures == 1 ? "" : "s") failed (listed above); \(written) item\(written == 1 ? "" : "s") written to \(dir)"
            )
            throw Reported()
        }
    }
}

extension Convert {
    static func warnings(_ n: Int) -> String { n == 1 ? "1 warning" : "\(n) warnings" }

    /// Prints what reading an article noted (--verbose shows notes too, a repeated body
    /// dropped say; --strict shows the warnings it counts) and returns how many warnings.
    func report(_ notes: [Diagnostic]) -> Int {
        var warnings = 0
        for note in notes {
            if note.severity >= .warning { warnings += 1 }
            if verbose || (strict && note.severity >= .warning) { printError(note.formatted) }
        }
        return warnings
    }
}

enum SortOrder: String, ExpressibleByArgument, CaseIterable {
    case input, newest, oldest

    /// The order of a sorted run (nil: as given).
    var order: ArticleOrder? { ArticleOrder(rawValue: rawValue) }
}

struct OutputFormatArgument: ExpressibleByArgument {
    var format: OutputFormat

    init?(argument: String) {
        guard let f = OutputFormat(rawValue: argument.lowercased()) else { return nil }
        format = f
    }

    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}
