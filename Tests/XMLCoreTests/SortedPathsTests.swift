import Foundation
import Testing

@testable import XMLCore

/// Paths sorted on disk beyond a run (an external merge sort) read back in byte order.
@Suite struct SortedPathsTests {
    @Test(arguments: [1, 30, 500, Int.max])
    func pathsComeBackInByteOrder(runBytes: Int) throws {
        var state: UInt64 = 7
        var expected: [String] = []
        let sorted = SortedPaths(runBytes: runBytes)
        let pieces = ["a", "B", "é", "e\u{301}", "/", "0", "9", ".txt", "z", "日本"]
        for n in 0..<700 {
            var path = "dir/"
            for _ in 0..<(n % 6 + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                path += pieces[Int(state >> 33) % pieces.count]
            }
            expected.append(path)
            try sorted.add(path)
        }
        try sorted.finish()
        expected.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(sorted.count == 700)
        #expect(try sorted.all() == expected)
        // Read again, and by two cursors at once.
        var a = SortedPaths.Cursor(sorted)
        var b = SortedPaths.Cursor(sorted)
        for path in expected {
            #expect(try a.next() == path)
            #expect(try b.next() == path)
        }
        #expect(try a.next() == nil)
    }

    @Test func aDirectoryListedOnDiskIsListedAsInMemory() throws {
        let dir = NSTemporaryDirectory() + "wirefeed-listing-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["", "/b", "/a/c"] {
            try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true)
            for n in [3, 10, 1, 20, 2] {
                FileManager.default.createFile(atPath: dir + sub + "/\(n).txt", contents: Data("x".utf8))
                FileManager.default.createFile(atPath: dir + sub + "/\(n).skip", contents: Data("x".utf8))
            }
        }
        let inMemory = Files.files(under: dir) { $0.hasSuffix(".txt") }
        #expect(inMemory.count == 15)
        #expect(inMemory.first == dir + "/1.txt")
        #expect(inMemory.last == dir + "/b/3.txt")
        let onDisk = try Files.listing(under: dir, runBytes: 40) { $0.hasSuffix(".txt") }
        #expect(try onDisk.all() == inMemory)
    }
}
