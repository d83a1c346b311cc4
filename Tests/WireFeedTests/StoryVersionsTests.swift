import Foundation
import SeededRandom
import Testing
import WireFeed
import WireModel

/// A walk that spills its stories to disk picks the same newest versions as one that keeps
/// them in memory: ties between equal versions (the later wins), dates against none, ids that
/// are canonically equivalent spellings of one another, partitions read from memory and disk.
@Suite struct StoryVersionsTests {
    static func articles(_ count: Int, seed: UInt64) -> [Article] {
        var rng = SplitMix64(state: seed)
        // "é" as one scalar and as "e" and a combining accent: one story.
        let names = ["café", "cafe\u{301}", "harbour", "Harbour", "ice", "storm-1", "storm-2"]
        return (0..<count).map { _ in
            var a = Article(id: "tag:x.example,2026:" + rng.pick(names) + "-\(rng.below(count / 4 + 1))")
            a.version = rng.bool() ? nil : rng.int(1...3)
            switch rng.below(3) {
            case 0: break
            case 1: a.updated = Timestamp(seconds: 1_767_225_600 + Int64(rng.below(3)) * 3600)
            default: a.published = Timestamp(seconds: 1_767_225_600 + Int64(rng.below(3)) * 3600)
            }
            return a
        }
    }

    /// Chunks of one record (every partition on disk), of a few (partitions on disk and in
    /// memory) and of the default size (in memory).
    @Test(arguments: [1, 150, 1 << 13])
    func spilledStoriesPickTheSameNewest(chunk: Int) throws {
        for seed: UInt64 in [1, 2, 3] {
            let articles = Self.articles(3000, seed: seed)
            var memory = Converter.FirstWalk.Learning(keepsPublished: false)
            var disk = Converter.FirstWalk.Learning(keepsPublished: false, spills: true, chunk: chunk)
            for a in articles {
                try memory.add(a, dated: true)
                try disk.add(a, dated: true)
            }
            let m = try memory.walk(articles: nil, environment: [:])
            let d = try disk.walk(articles: nil, environment: [:])
            let newest = (0..<articles.count).filter { m.isNewestVersion(at: $0) }
            #expect(newest == (0..<articles.count).filter { d.isNewestVersion(at: $0) }, "seed \(seed)")
            // One newest article for each story (as Swift's == tells ids apart).
            #expect(newest.count == Set(articles.map(\.id)).count)
            #expect(m.updated == d.updated)
        }
    }
}
