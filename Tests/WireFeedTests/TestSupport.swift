import Foundation
import Testing
import WireFeed
import XMLCore

/// Paths the tests use: the repository, its fixtures, and `../shared/` when present.
enum Paths {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let fixtures = repo + "/fixtures"
    static let articles = fixtures + "/articles"
    static let golden = fixtures + "/golden"
    static let schemas = repo + "/schemas"
    static let shared = URL(fileURLWithPath: repo).deletingLastPathComponent().path + "/shared"
    static let reference = shared + "/reference"
    static let seed = shared + "/seed"

    /// Whether `../shared/` is there (it always is in CI); tests that need it are skipped by name otherwise.
    static let sharedAvailable = FileManager.default.fileExists(atPath: reference + "/SOURCES.md")

    /// Every cleaned-article text the repository holds, and the seed's when `../shared/` is there.
    static var cleanedTexts: [String] {
        Files.files(under: fixtures) { $0.hasSuffix(".txt") }
            + (sharedAvailable ? Files.files(under: seed) { $0.hasSuffix(".txt") } : [])
    }

    static func files(in dir: String, ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir + "/" + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Reading and converting fixtures.
enum Fixtures {
    static let feed: Feed = { try! Feed.load(path: Paths.fixtures + "/feed.yaml") }()
    static let updated = Timestamp(rfc3339: "2024-06-01T12:00:00+07:00")!
    /// The least feed RSS and Atom need: a title and a link (`fixtures/feed-identity.yaml`).
    static let leastFeed: Feed = { try! Feed.load(path: Paths.fixtures + "/feed-identity.yaml") }()

    static func read(_ path: String, feed: Feed = Fixtures.feed) throws -> CleanedArticleReader.Result {
        try CleanedArticleReader(feed: feed).read(bytes: try Paths.bytes(path), file: path)
    }

    static func articles(in dir: String = Paths.articles, feed: Feed = Fixtures.feed) throws -> [Article] {
        var out: [Article] = []
        var inputs = ArticleInputs(paths: [dir], reader: CleanedArticleReader(feed: feed))
        // Undated articles take their file's time, clamped: a fixed one, so that a checkout's
        // times do not change the outputs (what SOURCE_DATE_EPOCH does for the CLI).
        inputs.sourceDateEpoch = Fixtures.sourceDateEpoch
        try inputs.forEach { a, _ in out.append(a) }
        return out
    }

    /// 2024-06-01T00:00:00Z.
    static let sourceDateEpoch: Int64 = 1_717_200_000

    static func seedArticles() throws -> [Article] {
        try articles(in: Paths.seed, feed: Feed())
    }
}

/// The reference schemas in `../shared/reference/` and the project's own in `schemas/`, compiled once.
enum Schemas {
    static let rssReference = { try! Schema(path: Paths.reference + "/rss/rss-2_0.patched.xsd") }()
    static let atomReference = { try! Schema(path: Paths.reference + "/atom/atom.rng") }()
    static let newsmlReference = {
        try! Schema(path: Paths.reference + "/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd")
    }()
    static let rssOwn = { try! Schema(path: Paths.schemas + "/rss-2.0.xsd") }()
    static let atomOwn = { try! Schema(path: Paths.schemas + "/atom-1.0.rng") }()
    static let newsmlOwn = { try! Schema(path: Paths.schemas + "/newsml-g2-wirefeed.xsd") }()
}

func errors(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.filter { $0.severity == .error }.map(\.formatted)
}
