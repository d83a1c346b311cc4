public import WireFormats
import WireImport
import WireIngest
public import WireModel
public import XMLCore

/// Puts the parts of a split run back together, as `wirefeed merge` does.
///
/// Each part is sorted in one ``WireFormats/ArticleOrder`` (as `convert --sort newest`
/// writes it); the merge takes, again and again, the first article of all the parts
/// (a k-way merge): memory holds one article per part, whatever the parts' sizes.
/// Parts are JSON (JSON Lines, wirefeed's JSON document, `import --files-from` records)
/// or wirefeed's own feeds (RSS, Atom, NewsML-G2; read whole, through the importer).
public enum Merger {
    /// What a merge found besides its articles.
    public struct Result: Sendable {
        /// The first part's feed block, if any.
        public var feed: Feed?
        /// How many articles were written.
        public var articles = 0
    }

    /// Writes the articles of `parts`, merged in `order`, to `sink` as JSON Lines (one
    /// article a line). A part out of `order` is an error naming its file and line.
    public static func merge(
        parts: [String], order: ArticleOrder, maximumSize: Int = 256 << 20, into sink: any ByteSink
    ) throws -> Result {
        var sources: [Source] = []
        for path in parts { sources.append(try Source(path, order: order, maximumSize: maximumSize)) }
        // The heap's entries: the current article of a part, ordered by the article, then by
        // the part's place on the command line.
        var heap: [(article: Article, json: ArraySlice<UInt8>?, part: Int)] = []
        func before(_ i: Int, _ j: Int) -> Bool {
            order.precedes(heap[i].article, at: heap[i].part, heap[j].article, at: heap[j].part)
        }
        func siftUp(_ start: Int) {
            var i = start
            while i > 0, before(i, (i - 1) / 2) {
                heap.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count, before(l, m) { m = l }
                if r < heap.count, before(r, m) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for (k, s) in sources.enumerated() {
            if let (a, json) = try s.next(order: order) {
                heap.append((a, json, k))
                siftUp(heap.count - 1)
            }
        }
        var result = Result()
        var line: [UInt8] = []
        while let top = heap.first {
            line.removeAll(keepingCapacity: true)
            if let json = top.json {
                line.append(contentsOf: json)
            } else {
                line += JSONDocumentWriter.line(top.article)
            }
            line.append(0x0A)
            try line.withUnsafeBytes { try sink.write($0) }
            result.articles += 1
            if let (a, json) = try sources[top.part].next(order: order) {
                heap[0] = (a, json, top.part)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
        result.feed = sources.lazy.compactMap(\.feed).first
        return result
    }

    /// One part, and the last article it gave (to check its order).
    final class Source {
        enum Kind {
            case json(JSONPart)
            case feed(articles: [Article], next: Int)
        }
        let file: String
        var kind: Kind
        var feedBlock: Feed?
        var last: Article?

        init(_ file: String, order: ArticleOrder, maximumSize: Int) throws {
            self.file = file
            let head = file == "-" ? nil : Files.head(file, count: 512)
            let first = head?.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            if first == UInt8(ascii: "<") {
                var options = ImportOptions()
                options.limits.maximumDocumentSize = maximumSize
                options.recovers = false
                let (document, _) = try FeedImporter.document(.file(file), file: file, options: options)
                // A feed is read whole, so it is sorted here: Atom's tombstones come first in it.
                kind = .feed(articles: Self.sorted(document.articles, order), next: 0)
                feedBlock = document.feed
            } else {
                kind = .json(try JSONPart(file: file, maximumLineSize: maximumSize))
            }
        }

        static func sorted(_ articles: [Article], _ order: ArticleOrder) -> [Article] {
            articles.enumerated().sorted { order.precedes($0.element, at: $0.offset, $1.element, at: $1.offset) }
                .map(\.element)
        }

        var feed: Feed? {
            if case .json(let part) = kind { return part.feed }
            return feedBlock
        }

        /// The part's next article; an error when it comes before the one given last.
        func next(order: ArticleOrder) throws -> (Article, ArraySlice<UInt8>?)? {
            let item: (Article, ArraySlice<UInt8>?)?
            var line = 0
            var place = ""
            switch kind {
            case .json(let part):
                item = try part.next().map { ($0.article, $0.json) }
                line = part.line
            case .feed(let articles, let i):
                item = i < articles.count ? (articles[i], nil) : nil
                kind = .feed(articles: articles, next: i + 1)
                place = "item \(i + 1): "
            }
            guard let (a, _) = item else { return nil }
            if let last, order.precedes(a, last) {
                throw IngestError(
                    file: file, line: line,
                    message:
                        "\(place)article '\(a.id)' comes after '\(last.id)' but sorts before it: parts must be sorted \(order.rawValue) first, as `convert --sort \(order.rawValue)` writes them"
                )
            }
            last = a
            return item
        }
    }
}
