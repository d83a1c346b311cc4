public import XMLCore

/// Reads one cleaned-article text file (optional YAML front matter, then paragraphs
/// and trailer lines) into an ``Article``.
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
        article.title = patch?.title ?? Self.deriveTitle(from: paragraphs.first)
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

    /// A headline from the lead: its first sentence when short, else cut at a word
    /// boundary with an ellipsis.
    static func deriveTitle(from lead: String?, limit: Int = 110) -> String? {
        guard let lead, !lead.isEmpty else { return nil }
        let scalars = Array(lead.unicodeScalars)
        // First sentence: up to ". " (or the end), when it fits.
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if (c == "." || c == "!" || c == "?" || c == "。") && (i + 1 == scalars.count || scalars[i + 1] == " ")
                && i >= 12
            {
                break
            }
            i += 1
        }
        if i <= limit {
            var end = min(i, scalars.count)
            if end < scalars.count && scalars[end] != "." { end += 1 }  // keep ! and ?
            return String(String.UnicodeScalarView(scalars[..<end])).trimmingWhitespace()
        }
        var cut = limit
        while cut > 0 && scalars[cut] != " " { cut -= 1 }
        if cut < limit / 2 { cut = limit }
        var title = String(String.UnicodeScalarView(scalars[..<cut])).trimmingWhitespace()
        while let last = title.unicodeScalars.last, ",;:-–—(".unicodeScalars.contains(last) {
            title.unicodeScalars.removeLast()
            title = title.trimmingWhitespace()
        }
        return title + "…"
    }
}

/// What a non-paragraph line of cleaned text means.
enum TrailerLine: Equatable {
    case text
    case readAlso
    case source(String)
    case rights(Rights)
    case byline([Person])

    static let sourceLabels: Set<String> = [
        "sumber", "source", "sources", "fuente", "quelle", "fonte", "bron", "kaynak", "المصدر", "источник",
    ]
    static let readAlsoLabels: [String] = [
        "baca juga", "baca pula", "lihat juga", "read also", "also read", "read more", "see also", "lire aussi",
        "à lire aussi", "lesen sie auch", "lea también", "leia também", "baca lagi", "simak juga", "اقرأ أيضا",
    ]
    static let bylineLabels: [String: Person.Role] = [
        "pewarta": .author, "reporter": .author, "penulis": .author, "wartawan": .author, "author": .author,
        "writer": .author, "by": .author, "oleh": .author, "autor": .author, "auteur": .author, "redacción": .author,
        "editor": .editor, "penyunting": .editor, "redaktur": .editor, "editing by": .editor, "édition": .editor,
        "pewarta foto": .photographer, "fotografer": .photographer, "photographer": .photographer,
        "photo": .photographer,
        "foto": .photographer, "contributor": .contributor, "kontributor": .contributor,
    ]

    static func classify(_ line: String) -> TrailerLine {
        // Trailer lines are short: a paragraph is never lowercased or scanned whole.
        let length = line.utf8.count
        guard length <= 800 else { return .text }
        let lower = String(line.prefix(24)).lowercased()
        if lower.hasPrefix("copyright") || lower.hasPrefix("©") || lower.hasPrefix("(c) ")
            || lower.hasPrefix("hak cipta")
        {
            if line.unicodeScalars.count <= 160, let r = parseRights(line) { return .rights(r) }
        }
        guard line.unicodeScalars.count <= 200 else { return .text }
        for label in readAlsoLabels where lower.hasPrefix(label) {
            let rest = lower.dropFirst(label.count).drop(while: { $0 == " " || $0 == "\u{A0}" })
            if rest.hasPrefix(":") || rest.hasPrefix("-") || rest.hasPrefix("–") { return .readAlso }
        }
        // On the UTF-8 view: a Character search would break the whole line into graphemes.
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .text }
        let label = String(line[..<colon]).trimmingWhitespace().lowercased()
        let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
        guard !value.isEmpty, label.count <= 24 else { return .text }
        if sourceLabels.contains(label), value.unicodeScalars.count <= 100 { return .source(value) }
        if let role = bylineLabels[label], value.unicodeScalars.count <= 120 {
            let names = splitNames(value)
            if !names.isEmpty { return .byline(names.map { Person(name: $0, role: role) }) }
        }
        return .text
    }

    static func splitNames(_ value: String) -> [String] {
        var s = value
        for sep in [" dan ", " and ", " & ", " y ", " et ", " und ", ";", "/"] {
            s = s.replacingAll(sep, with: ",")
        }
        return s.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// `COPYRIGHT © ANTARA News 2020`, `Copyright (c) 2024 X Ltd. All rights reserved.`, `© X 2019`.
    static func parseRights(_ line: String) -> Rights? {
        var rest = Substring(line)
        var changed = true
        while changed {
            changed = false
            rest = rest.drop(while: { $0 == " " })
            let head = rest.prefix(9).lowercased()
            for prefix in ["copyright", "hak cipta", "©", "(c)"] where head.hasPrefix(prefix) {
                rest = rest.dropFirst(prefix.count)
                changed = true
                break
            }
        }
        var text = String(rest).trimmingWhitespace()
        let tail = text.suffix(40).lowercased()
        for suffix in [
            "all rights reserved.", "all rights reserved", "hak cipta dilindungi undang-undang.",
            "hak cipta dilindungi undang-undang", "tous droits réservés.", "todos los derechos reservados.",
        ] where tail.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingWhitespace()
            break
        }
        var year: Int?
        var words = text.split(separator: " ").map(String.init)
        if let first = words.first, let y = yearValue(first) {
            year = y
            words.removeFirst()
        } else if let last = words.last, let y = yearValue(last) {
            year = y
            words.removeLast()
        }
        var holder = words.joined(separator: " ").trimmingWhitespace()
        while let last = holder.last,
            last == "," || last == "." && !holder.hasSuffix("Ltd.") && !holder.hasSuffix("Inc.")
        {
            holder.removeLast()
        }
        holder = holder.trimmingWhitespace()
        guard year != nil || !holder.isEmpty else { return nil }
        return Rights(holder: holder.isEmpty ? nil : holder, year: year, notice: line)
    }

    static func yearValue(_ word: String) -> Int? {
        var w = Substring(word)
        while let l = w.last, l == "," || l == "." { w = w.dropLast() }
        // "2019-2020": the latest year counts.
        if let dash = w.lastIndex(where: { $0 == "-" || $0 == "–" }) { w = w[w.index(after: dash)...] }
        guard w.count == 4, let y = Int(w), (1800...2999).contains(y) else { return nil }
        return y
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
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
