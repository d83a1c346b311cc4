import ArgumentParser
import WireFeed
import XMLCore

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the sorted parts of a split run (JSON or wirefeed's own feeds) into one output.",
        discussion: """
            Each PART is the output of one share of a run: `convert --to json --sort newest` \
            (with --shard K/N, or over a partition of the inputs), JSON Lines of articles, \
            `import` documents and `import --files-from` records, or an RSS, Atom or NewsML-G2 \
            feed wirefeed wrote sorted. The parts are merged in a streaming k-way merge, in the \
            order of `convert --sort newest` (date, then id), and written as convert writes: \
            one version per story, embargoes held, --limit, the self-check. Merging the parts \
            of any split gives the bytes one `convert --sort newest` over all the inputs gives.

            Example:
              for k in 0 1 2; do wirefeed convert in/ --to json --sort newest --shard $k/3 -o part$k.json; done
              wirefeed merge part*.json --feed feed.yaml --to rss -o feed.xml
            """
    )

    @Argument(help: "The parts: JSON documents or lines, or feeds, each sorted; - for standard input.")
    var parts: [String]

    @Option(name: .long, help: "Output format: rss, atom, newsml, json, jsonfeed or ninjs.")
    var to: OutputFormatArgument

    @Option(name: .long, help: "Feed metadata (YAML or JSON); default: the first part's feed block.")
    var feed: String?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "The order the parts are sorted in, and the output's: newest (default) or oldest.")
    var sort: SortOrder = .newest

    @Option(name: .long, help: "Publish only the newest N stories, as convert --limit.")
    var limit: Int?

    @Option(name: .long, help: "Keep the feed under this size (bytes; K, M suffixes), as convert --max-bytes.")
    var maxBytes: ByteCount?

    @Option(name: .long, help: "The time of publication (RFC 3339), as convert --now.")
    var now: String?

    @Option(
        name: .long, help: "Refuse a line (or a feed part) larger than this (bytes; K, M, G suffixes). Default 256M.")
    var maxInputSize: ByteCount?

    @Option(name: .long, help: "ninjs version written by --to ninjs: 3.1 (default) or 2.2.")
    var ninjsVersion: String = "3.1"

    @Flag(name: .long, help: "Do not run the output through the feed rules (as convert --no-self-check).")
    var noSelfCheck = false

    @Flag(name: .long, help: "Print warnings and notes to standard error.")
    var verbose = false

    func validate() throws {
        if parts.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be one part only") }
        if sort == .input { throw ValidationError("--sort input: parts merge newest or oldest first") }
        if let limit, limit < 0 { throw ValidationError("--limit \(limit): give 0 or more") }
    }

    func run() throws {
        try reportingInputErrors { try merge() }
    }

    private func merge() throws {
        // The merged articles go to a scratch file, which the writing pass reads as convert
        // reads its inputs: a first walk for versions, the feed's date and --limit, then the
        // output. Memory holds one article per part during the merge.
        let scratch = try ScratchFile(prefix: "wirefeed-merge", suffix: ".jsonl")
        let merged = try Merger.merge(
            parts: parts, order: sort.order ?? .newest, maximumSize: maxInputSize?.bytes ?? 256 << 20, into: scratch)
        try scratch.commit()
        if verbose {
            printError(
                "wirefeed: merged \(merged.articles) article\(merged.articles == 1 ? "" : "s") from \(parts.count) part\(parts.count == 1 ? "" : "s")"
            )
        }
        var convert = try Convert.parse([scratch.path, "--to", to.format.rawValue])
        convert.output = output
        convert.limit = limit
        convert.maxBytes = maxBytes
        convert.now = now
        convert.ninjsVersion = ninjsVersion
        convert.noSelfCheck = noSelfCheck
        convert.verbose = verbose
        convert.maxInputSize = maxInputSize
        try convert.validate()
        let given = try feed.map { path throws(IngestError) in try Feed.load(path: path) }
        let feedMeta = (given ?? merged.feed ?? Feed()).published(as: to.format.rawValue)
        var inputs = ArticleInputs(
            paths: [scratch.path], reader: CleanedArticleReader(feed: feedMeta),
            maximumFileSize: maxInputSize?.bytes ?? 256 << 20)
        try inputs.resolve()
        try convert.publish(inputs, feed: feedMeta)
    }
}
