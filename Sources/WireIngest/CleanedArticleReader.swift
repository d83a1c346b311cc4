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
        /// What became of each non-blank input line, by 0-based line number: nothing read is
        /// lost without a trace.
        package var lines: [LineFate?] = []
    }

    /// What a first walk over a large batch needs of a cleaned article — its id, version,
    /// dates, status, embargo and link — read from its front matter and its file's name
    /// without reading the copy. Nil when that takes the whole article (no file name, front
    /// matter the fast path does not take, or none of it well-formed): read it then.
    public func readHead(bytes: [UInt8], file: String) -> Article? {
        guard let name = Self.name(ofFile: file) else { return nil }
        // The front matter's lines: the file up to its second `---` (or `...`) line.
        var end = 0
        var lineNo = 0
        var opened = false
        var closed = false
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                var j = i
                while j < b.count && b[j] != 0x0A { j += 1 }
                var k = j
                while k > i && (b[k - 1] == 0x0D || b[k - 1] == 0x20 || b[k - 1] == 0x09) { k -= 1 }
                var h = i
                if lineNo == 0 && k - h >= 3 && b[h] == 0xEF && b[h + 1] == 0xBB && b[h + 2] == 0xBF { h += 3 }
                while h < k && (b[h] == 0x20 || b[h] == 0x09) { h += 1 }
                let marker =
                    k - h == 3
                    && ((b[h] == 0x2D && b[h + 1] == 0x2D && b[h + 2] == 0x2D)
                        || (lineNo > 0 && b[h] == 0x2E && b[h + 1] == 0x2E && b[h + 2] == 0x2E))
                if lineNo == 0 {
                    guard marker && b[h] == 0x2D else { return }
                    opened = true
                } else if marker {
                    closed = true
                    end = min(j + 1, b.count)
                    return
                }
                lineNo += 1
                i = j + 1
            }
        }
        var patch = ArticlePatch()
        if opened {
            guard closed, let repaired = try? TextRepair.lines(from: Array(bytes[0..<end]), file: file),
                repaired.warnings.isEmpty, repaired.lines.count >= 2
            else { return nil }
            let yaml = repaired.lines[1..<(repaired.lines.count - 1)].joined(separator: "\n")
            if !yaml.trimmingWhitespace().isEmpty {
                guard let p = FrontMatterEvents.patch(yaml) else { return nil }
                patch = p
            }
        }
        var article = Article(id: patch.id ?? Self.deriveID(for: Article(id: ""), idBase: feed.idBase, name: name))
        article.version = patch.version
        article.url = patch.url
        if article.url == nil, let template = feed.linkTemplate {
            article.url = template.replacingAll("{name}", with: name)
        }
        article.published = patch.published
        article.updated = patch.updated
        article.embargo = patch.embargo
        article.status = patch.status
        return article
    }

    /// Whether a line is a front matter marker: `---` (or `...` to close, with `dots`) and
    /// padding. Most lines are answered by their first byte that is not an ASCII space.
    static func isMarker(_ line: String, dots: Bool) -> Bool {
        let u = line.utf8
        guard let c = u.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        if c < 0x80 && c != UInt8(ascii: "-") && c != UInt8(ascii: ".") { return false }
        let t = line.trimmingWhitespace()
        return t == "---" || (dots && t == "...")
    }

    public func read(bytes: [UInt8], file: String) throws(IngestError) -> Result {
        var repaired = try TextRepair.lines(from: bytes, file: file)
        var warnings = repaired.warnings
        var lines = repaired.lines
        repaired.lines = []

        // Front matter.
        var patch: ArticlePatch?
        var bodyStart = 0
        if let first = lines.first, Self.isMarker(first, dots: false) {
            guard let end = lines.indices.dropFirst().first(where: { Self.isMarker(lines[$0], dots: true) }) else {
                throw IngestError(file: file, line: 1, message: "front matter opened with '---' is never closed")
            }
            // Joined by hand: the standard library's joined(separator:) on a slice is not
            // specialized, and walked the lines through an iterator's witness table.
            var yaml = ""
            yaml.reserveCapacity(lines[1..<end].reduce(0) { $0 + $1.utf8.count + 1 })
            for k in 1..<end {
                if k > 1 { yaml += "\n" }
                yaml += lines[k]
            }
            if !yaml.trimmingWhitespace().isEmpty {
                // libyaml's events straight into the patch; what they cannot take (and every
                // error) goes the general way.
                patch = FrontMatterEvents.patch(yaml)
                if patch == nil {
                    patch = try Metadata.decode(
                        ArticlePatch.self, yaml: yaml, file: file, firstLine: 2, knownKeys: ArticlePatch.keys,
                        warnings: &warnings)
                }
            }
            bodyStart = end + 1
        }

        // Read the structure: body, trailer, a repeat of the body (see CopyStructure).
        let copy = CopyStructure(lines: lines, from: bodyStart, file: file)
        lines = []
        warnings += copy.notes
        var paragraphs = copy.paragraphs
        let source = copy.source
        let rights = copy.rights
        let people = copy.people
        if let body = patch?.body { paragraphs = body }
        guard !paragraphs.isEmpty || patch?.title != nil || patch?.summary != nil else {
            throw IngestError(file: file, message: "no article text found (no paragraphs and no title)")
        }

        var article = Article(id: "")
        article.body = paragraphs
        article.source = patch?.source ?? source
        article.rights = patch?.rights ?? rights
        article.authors = patch?.authors ?? people
        let dateline = patch?.dateline == nil ? paragraphs.first.flatMap(Dateline.find(in:)) : nil
        // The lead keeps its text; the headline is derived from what follows the dateline.
        let lead = paragraphs.first.map { p in dateline.map { Self.afterDateline(p, $0) } ?? p }
        article.title = patch?.title ?? Headline.derive(from: lead)
        article.dateline = dateline?.text
        if article.source == nil, let agency = dateline?.agency { article.source = agency }
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
            if let value = patch.dateline { article.dateline = value }
            article.publisher = patch.publisher
            article.media = patch.media ?? []
            article.embargo = patch.embargo
            article.urgency = patch.urgency
            article.status = patch.status
        }
        // Photo captions found in the copy go to the article's pictures that have none, in
        // order; those left over were noted as dropped where they stood.
        var captions = copy.captions[...]
        for i in article.media.indices where article.media[i].caption == nil && article.media[i].isPicture {
            guard let caption = captions.popFirst() else { break }
            article.media[i].caption = caption
        }
        if let urgency = article.urgency, !(1...9).contains(urgency) {
            throw IngestError(file: file, line: 2, message: "metadata key 'urgency': \(urgency) is not between 1 and 9")
        }
        let name = Self.name(ofFile: file)
        article.id = patch?.id ?? Self.deriveID(for: article, idBase: feed.idBase, name: name)
        if article.url == nil, let template = feed.linkTemplate, let name {
            article.url = template.replacingAll("{name}", with: name)
        }
        if let problem = Article.problem(withID: article.id) {
            throw IngestError(file: file, line: 2, message: "metadata key 'id': \(problem)")
        }
        var fates = copy.fates
        if fates.count < bodyStart { fates += [LineFate?](repeating: nil, count: bodyStart - fates.count) }
        for line in 0..<bodyStart { fates[line] = .frontMatter }
        return Result(article: article, warnings: warnings, lines: fates)
    }

    /// The lead without its dateline and the separator after it.
    static func afterDateline(_ lead: String, _ dateline: Dateline) -> String {
        var rest = lead.dropFirst(dateline.text.count)
        rest = rest.drop { $0 == " " || $0 == "-" || $0 == "–" || $0 == "—" || $0 == "." || $0 == ":" }
        return rest.isEmpty ? lead : String(rest)
    }

    /// A file's name without its folder and extension, percent-encoded where a URI may not
    /// hold it; nil for standard input (`-`) or no name.
    static func name(ofFile file: String) -> String? {
        guard file != "-", !file.isEmpty else { return nil }
        var last = Substring(file.split(separator: "/").last ?? Substring(file))
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { last = last[..<dot] }
        guard !last.isEmpty else { return nil }
        var out = ""
        for byte in last.utf8 {
            let c = Unicode.Scalar(byte)
            if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "."
                || c == "_"
            {
                out.unicodeScalars.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// A stable id: from the file's name (a corrected story keeps its id) under the feed's id
    /// base, else a name-based UUID; from the text only where there is no name (standard input).
    static func deriveID(for article: Article, idBase: String?, name: String? = nil) -> String {
        if let name {
            if let idBase, !idBase.isEmpty { return idBase + name }
            return StableID.uuidURN(for: "name:" + name)
        }
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

extension String {
    fileprivate func leftPadded(_ n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}
