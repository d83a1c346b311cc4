import Foundation
import WireFeed
import XMLCore

/// `convert --limit N --archive-dir DIR --archive-url URL`: the newest N stories in the feed,
/// the older ones in RFC 5005 archive pages of N items each, oldest first.
///
/// Page k (`archive-00k.xml`) holds the k-th N stories in date order. Each page links the
/// page before it (`prev-archive`) and the current feed (`current`) and says it is an
/// archive (`fh:archive`); its `updated` is its own newest story's date. The feed links the
/// newest page. A full page never changes when newer stories come (no `next-archive`, which
/// would change it): following `prev-archive` from the feed reaches every story once. The
/// newest page may be partial; it grows until it is full.
struct ArchiveWriter {
    let format: OutputFormat
    let feed: Feed
    let pageSize: Int
    let directory: String
    let baseURL: String

    static func pageName(_ k: Int) -> String { String(format: "archive-%04d.xml", k) }

    func url(ofPage k: Int) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + Self.pageName(k)
    }

    /// The sort key: the story's date (updated, else published), undated first, then its
    /// position: oldest first.
    static func oldestFirst(_ stories: [(Int, Article)]) -> [(Int, Article)] {
        stories.sorted { a, b in
            let x = a.1.updated ?? a.1.published
            let y = b.1.updated ?? b.1.published
            switch (x, y) {
            case (let p?, let q?) where p != q: return p < q
            case (nil, .some): return true
            case (.some, nil): return false
            default: return a.0 < b.0
            }
        }
    }

    /// Writes the archive pages and returns the stories of the current feed (in input order)
    /// and the feed with its link to the newest page.
    func write(_ stories: [(Int, Article)]) throws -> (current: [Article], feed: Feed) {
        let ordered = Self.oldestFirst(stories)
        let archived = Array(ordered.dropLast(pageSize))
        let current = ordered.suffix(pageSize).sorted { $0.0 < $1.0 }.map(\.1)
        let pages = stride(from: 0, to: archived.count, by: pageSize).map {
            Array(archived[$0..<min($0 + pageSize, archived.count)])
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (n, page) in pages.enumerated() {
            let k = n + 1
            var pageFeed = feed
            pageFeed.selfURL = url(ofPage: k)
            pageFeed.paging = Paging(
                current: feed.selfURL, prevArchive: k > 1 ? url(ofPage: k - 1) : nil, archive: true)
            let newest = page.compactMap { $0.1.updated ?? $0.1.published }.max() ?? Timestamp(seconds: 0)
            // Newest first, as feeds are read.
            let bytes = try Converter.render(page.reversed().map(\.1), feed: pageFeed, format: format, updated: newest)
            let sink = try AtomicFileSink(path: directory + "/" + Self.pageName(k))
            do {
                try bytes.withUnsafeBytes { try sink.write($0) }
                try sink.commit()
            } catch {
                sink.abort()
                throw error
            }
        }
        var currentFeed = feed
        if !pages.isEmpty {
            var paging = feed.paging ?? Paging()
            paging.prevArchive = url(ofPage: pages.count)
            currentFeed.paging = paging
        }
        return (current, currentFeed)
    }
}
