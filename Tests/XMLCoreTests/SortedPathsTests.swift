import Dispatch
import Foundation
import Testing

@testable import XMLCore

/// Paths sorted on disk beyond a run (an external merge sort) read back in the byte order of
/// their UTF-8 (canonically equivalent spellings are two names), equal ones in the order added.
@Suite struct SortedPathsTests {
    static func paths(_ count: Int, pieces: [String], seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { n in
            var path = "dir/"
            for _ in 0..<(n % 6 + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                path += pieces[Int(state >> 33) % pieces.count]
            }
            return path
        }
    }

    /// `paths` sorted by their bytes, ties in the order given.
    static func expected(_ paths: [String]) -> [[UInt8]] {
        paths.map { Array($0.utf8) }.enumerated().sorted {
            $0.element == $1.element ? $0.offset < $1.offset : $0.element.lexicographicallyPrecedes($1.element)
        }.map(\.element)
    }

    static func read(_ sorted: SortedPaths) throws -> [[UInt8]] {
        try sorted.all().map { Array($0.utf8) }
    }

    @Test(arguments: [1, 30, 500, Int.max])
    func pathsComeBackInByteOrder(runBytes: Int) throws {
        // "é" as one scalar and as "e" and a combining accent: equal strings, other bytes.
        for pieces in [["a", "B", "/", "0", "9", ".txt", "z", "-"], ["a", "é", "e\u{301}", "f", "日本", "/", ".txt"]] {
            let paths = Self.paths(700, pieces: pieces, seed: 7)
            let sorted = SortedPaths(runBytes: runBytes)
            for path in paths { try sorted.add(path) }
            try sorted.finish()
            #expect(sorted.count == 700)
            #expect(try Self.read(sorted) == Self.expected(paths), "\(pieces)")
        }
    }

    /// Runs larger than a block (64 KB): a path is cut where a block ends.
    @Test func runsLargerThanABlock() throws {
        let paths = Self.paths(20_000, pieces: ["alpha", "beta", "/", "gamma-", "0", "1"], seed: 9)
        let sorted = SortedPaths(runBytes: 150_000)
        for path in paths { try sorted.add(path) }
        try sorted.finish()
        #expect(try Self.read(sorted) == Self.expected(paths))
    }

    /// Cursors on several threads at once read the same list.
    @Test func cursorsOnSeveralThreads() throws {
        let paths = Self.paths(5_000, pieces: ["a", "b", "/", "c"], seed: 3)
        let sorted = SortedPaths(runBytes: 4_000)
        for path in paths { try sorted.add(path) }
        try sorted.finish()
        let expected = Self.expected(paths)
        let results = Results(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            var cursor = SortedPaths.Cursor(sorted)
            var got: [[UInt8]] = []
            while let path = try? cursor.next() { got.append(Array(path.utf8)) }
            results.set(k, got)
        }
        for k in 0..<4 { #expect(results.get(k) == expected, "thread \(k)") }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[[UInt8]]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ k: Int, _ v: [[UInt8]]) { lock.withLock { values[k] = v } }
        func get(_ k: Int) -> [[UInt8]] { lock.withLock { values[k] } }
    }

    /// A tree with names in both spellings is listed on disk as in memory, and as `walk`
    /// (what `validate` lists) orders it.
    @Test func aDirectoryListedOnDiskIsListedAsInMemory() throws {
        let dir = NSTemporaryDirectory() + "wirefeed-listing-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["", "/b", "/a/c"] {
            try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true)
            for name in ["3", "10", "1", "20", "2", "f", "e\u{301}", "\u{e9}a"] {
                #expect(FileManager.default.createFile(atPath: dir + sub + "/\(name).txt", contents: Data("x".utf8)))
                #expect(FileManager.default.createFile(atPath: dir + sub + "/\(name).skip", contents: Data("x".utf8)))
            }
        }
        let inMemory = Files.files(under: dir) { $0.hasSuffix(".txt") }
        #expect(inMemory.count == 24)
        #expect(inMemory.first == dir + "/1.txt")
        // "é" as one scalar sorts after "f", as "e" and an accent before it.
        #expect(inMemory.last.map { Array($0.utf8) } == Array((dir + "/\u{e9}a.txt").utf8))
        let top = inMemory.filter { !$0.dropFirst(dir.count + 1).contains("/") }.map {
            String($0.dropFirst(dir.count + 1))
        }
        #expect(
            top.map { Array($0.utf8) }
                == ["1.txt", "10.txt", "2.txt", "20.txt", "3.txt", "e\u{301}.txt", "f.txt", "\u{e9}a.txt"].map {
                    Array($0.utf8)
                })
        let onDisk = try Files.listing(under: dir, runBytes: 40) { $0.hasSuffix(".txt") }
        #expect(try onDisk.all().map { Array($0.utf8) } == inMemory.map { Array($0.utf8) })
        #expect(Files.walk(dir).files.filter { $0.hasSuffix(".txt") } == inMemory)
    }
}
