import NewsText
import TextKernel
public import WireModel
public import XMLCore

/// Reads one cleaned-article text file (optional YAML front matter, then paragraphs
/// and trailer lines) into an ``WireModel/Article``.
///
/// What the text says is inferred: paragraphs (one per line, or blank-line separated
/// blocks), the source line, the copyright line, by-lines, and "read also" lines
/// (dropped). A body repeated after the trailer is kept once. Front matter wins
/// over every inference.
public struct CleanedArticleReader: Sendable {
    /// Feed defaults: `language` and `idBase` are used for articles that give none.
    public var feed: Feed

    public init(feed: Feed = Feed()) {
        self.feed = feed
    }

    /// The article and the warnings met while reading it.
    public struct Result: Sendable {
        public var article: Article
        public var warnings: [Diagnostic]
    }

    public func read(bytes: [UInt8], file: String) throws(IngestError) -> Result {
        var repaired = try TextRepair.lines(from: bytes, file: file)
        var warnings = repaired.warnings
        var lines = repaired.lines
        repaired.lines = []

        // Front matter.
        var patch: ArticlePatch?
        var bodyStart = 0
        if let first = lines.first, first.trimmingWhitespace() == "---" {
            guard
                let end = lines.indices.dropFirst().first(where: {
                    lines[$0].trimmingWhitespace() == "---" || lines[$0].trimmingWhitespace() == "..."
                })
            else {
                throw IngestError(file: file, line: 1, message: "front matter opened with '---' is never closed")
            }
            let yaml = lines[1..<end].joined(separator: "\n")
            if !yaml.trimmingWhitespace().isEmpty {
                patch = try Metadata.decode(
                    ArticlePatch.self, yaml: yaml, file: file, firstLine: 2, knownKeys: ArticlePatch.keys,
                    warnings: &warnings)
            }
            bodyStart = end + 1
        }

        // Classify lines, then build paragraphs.
        // Each line of text with its index (to tell what comes after the trailer).
        var blocks: [[(index: Int, text: String)]] = [[]]
        var sawBlankBetweenText = false
        var source: String?
        var rights: Rights?
        var people: [Person] = []
        var knownPeople: Set<Person> = []
        var dropped = 0
        /// Where each run of trailer lines (source, rights, by-lines) ends.
        var trailerLines: [Int] = []
        for index in bodyStart..<lines.count {
            let line = lines[index].collapsingWhitespace()
            lines[index] = ""
            if line.isEmpty {
                if !(blocks.last?.isEmpty ?? true) { blocks.append([]) }
                continue
            }
            let kind = TrailerLine.classify(line)
            switch kind {
            case .source, .rights, .byline:
                if trailerLines.last.map({ $0 + 1 }) != index {
                    trailerLines.append(index)
                } else {
                    trailerLines[trailerLines.count - 1] = index
                }
            default: break
            }
            switch kind {
            case .readAlso:
                dropped += 1
            case .source(let value):
                if source == nil { source = value }
            case .rights(let value):
                if rights == nil { rights = value }
            case .byline(let persons):
                // A set beside the list: thousands of by-lines are not compared pairwise.
                for p in persons where knownPeople.insert(p).inserted { people.append(p) }
            case .text:
                if blocks.count > 1 && blocks[blocks.count - 1].isEmpty
                    && blocks.dropLast().contains(where: { !$0.isEmpty })
                {
                    sawBlankBetweenText = true
                }
                blocks[blocks.count - 1].append((index, line))
            }
        }
        let candidates: [(index: Int, text: String)] =
            sawBlankBetweenText
            ? blocks.filter { !$0.isEmpty }.map { ($0[0].index, $0.map(\.text).joined(separator: " ")) }
            : blocks.flatMap { $0 }
        var paragraphs = candidates.map(\.text)
        // A body pasted again after the trailer (as cleaners often produce): kept once, but only
        // when everything after the trailer repeats, in order, a run of the body before it. A
        // paragraph that merely occurs twice is the writer's, and stays.
        // The repeat follows one of the last trailer runs (a trailer may close the copy too):
        // the last three runs with text after them are tried, each in one pass.
        var splits: [Int] = []
        var c = candidates.count
        for trailer in trailerLines.reversed() where splits.count < 3 {
            while c > 0 && candidates[c - 1].index > trailer { c -= 1 }
            if c < candidates.count && c > 0 && splits.last != c { splits.append(c) }
        }
        let keys = splits.isEmpty ? [] : paragraphs.map { ByteKey($0) }
        for split in splits {
            let after = keys[split...]
            guard after.count <= split else { continue }
            // Where the repeat may start: the first few places its first paragraph occurs.
            let starts = (0...(split - after.count)).lazy.filter { keys[$0] == after.first }.prefix(16)
            if starts.contains(where: { keys[$0..<($0 + after.count)].elementsEqual(after) }) {
                paragraphs.removeLast(after.count)
                warnings.append(
                    Diagnostic(
                        file: file, severity: .info,
                        message:
                            "dropped \(after.count) paragraph\(after.count == 1 ? "" : "s") after the trailer that repeat the body",
                        rule: "text.repeated"))
                break
            }
        }
        if let body = patch?.body { paragraphs = body }
        guard !paragraphs.isEmpty || patch?.title != nil || patch?.summary != nil else {
            throw IngestError(file: file, message: "no article text found (no paragraphs and no title)")
        }

        var article = Article(id: "")
        article.body = paragraphs
        article.source = patch?.source ?? source
        article.rights = patch?.rights ?? rights
        article.authors = patch?.authors ?? people
        article.title = patch?.title ?? Headline.derive(from: paragraphs.first)
        article.language = patch?.language ?? feed.language ?? LanguageDetector.detect(paragraphs)
        if let patch {
            article.version = patch.version
            article.url = patch.url
            article.subtitle = patch.subtitle
            article.summary = patch.summary
            article.published = patch.published
            article.updated = patch.updated
            article.categories = patch.categories ?? []
            article.keywords = patch.keywords ?? []
            article.dateline = patch.dateline
            article.publisher = patch.publisher
            article.media = patch.media ?? []
            article.embargo = patch.embargo
            article.urgency = patch.urgency
            article.status = patch.status
        }
        if let urgency = article.urgency, !(1...9).contains(urgency) {
            throw IngestError(file: file, line: 2, message: "metadata key 'urgency': \(urgency) is not between 1 and 9")
        }
        article.id = patch?.id ?? Self.deriveID(for: article, idBase: feed.idBase)
        if let problem = Article.problem(withID: article.id) {
            throw IngestError(file: file, line: 2, message: "metadata key 'id': \(problem)")
        }
        return Result(article: article, warnings: warnings)
    }

    /// A stable id from the article's text: the same text gives the same id everywhere.
    static func deriveID(for article: Article, idBase: String?) -> String {
        var identity = article.body.joined(separator: "\n")
        if identity.isEmpty { identity = (article.title ?? "") + "\n" + (article.summary ?? "") }
        if let idBase, !idBase.isEmpty {
            return idBase + StableID.shortHash(identity)
        }
        return StableID.uuidURN(for: identity)
    }

}

/// A string's UTF-8 bytes as a set member: equal when the bytes are, hashed in one call.
struct ByteKey: Hashable {
    let bytes: [UInt8]
    init(_ s: String) { bytes = Array(s.utf8) }
    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
