import Synchronization
import Testing
import Workers
import XMLCore

@testable import WireFeed

/// Converting and importing on many threads at once gives the same results as one at a time.
@Suite struct ConcurrencyTests {
    @Test func convertAndImportInParallel() async throws {
        let articles = Generated.articles(count: 1000, seed: 77)
        let updated = Fixtures.updated
        let formats: [OutputFormat] = [.rss, .atom, .newsml]
        func work(_ i: Int) throws -> ([UInt8], [Article]) {
            let bytes = try Converter.render(
                [articles[i]], feed: Fixtures.leastFeed, format: formats[i % 3], updated: updated)
            return (bytes, try FeedImporter.document(.bytes(bytes), file: "doc\(i)").0.articles)
        }
        let sequential = try (0..<articles.count).map(work)
        let parallel = try await withThrowingTaskGroup(of: (Int, [UInt8], [Article]).self) { group in
            for i in 0..<articles.count {
                group.addTask {
                    let (b, a) = try work(i)
                    return (i, b, a)
                }
            }
            var out = [([UInt8], [Article])?](repeating: nil, count: articles.count)
            for try await (i, b, a) in group { out[i] = (b, a) }
            return out.map { $0! }
        }
        for i in 0..<articles.count {
            #expect(parallel[i].0 == sequential[i].0)
            #expect(parallel[i].1 == sequential[i].1)
        }
    }

    @Test func validationInParallelSharesOneCompiledSchema() async throws {
        let schema = Schemas.rssOwn
        let docs = try (0..<200).map { i in
            try Converter.render(
                Generated.articles(count: 3, seed: UInt64(i)), feed: Feed(title: "t", url: "https://x.example.org/"),
                format: .rss, updated: Fixtures.updated)
        }
        let results = await withTaskGroup(of: Int.self) { group in
            for (i, d) in docs.enumerated() { group.addTask { schema.validate(d, file: "d\(i)").count } }
            var n = 0
            for await c in group { n += c }
            return n
        }
        #expect(results == 0)
    }

    @Test func orderedParallelDeliversEveryResultInInputOrder() {
        var delivered: [Int] = []
        var values: [String] = []
        OrderedParallel.forEach(
            count: 500, threads: 4,
            work: { i in
                // Uneven work, so later inputs often finish first.
                var x = 0
                for k in 0..<((i * 7919) % 20_000) { x &+= k }
                return "\(i):\(x & 1)"
            },
            deliver: { i, v in
                delivered.append(i)
                values.append(v)
            })
        #expect(delivered == Array(0..<500))
        #expect(values.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset):") })
    }

    /// An error thrown by `deliver` stops the work: it is thrown once, after the results before
    /// it were delivered, and the threads start nothing more than the window they were ahead.
    @Test func orderedParallelStopsOnADeliveryError() {
        struct Enough: Error {}
        let started = Mutex(0)
        var delivered: [Int] = []
        #expect(throws: Enough.self) {
            try OrderedParallel.forEach(
                count: 5_000, threads: 2,
                work: { i in
                    started.withLock { $0 += 1 }
                    return i
                },
                deliver: { i, _ in
                    if i == 10 { throw Enough() }
                    delivered.append(i)
                })
        }
        #expect(delivered == Array(0..<10))
        // At most a window (256) and a batch per thread past the failed delivery.
        let count = started.withLock { $0 }
        #expect(count > 10 && count <= 11 + 256 + 2 * 8)
        // Nothing is started once it returned.
        #expect(started.withLock { $0 } == count)
    }
}
