import Foundation
import Testing

@testable import XMLCore

/// Records kept on disk beyond a chunk read back as they went in, from memory and from disk.
@Suite struct SpillTests {
    struct Record: BitwiseCopyable, Equatable {
        var a: Int
        var b: Int32
        var c: UInt8
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func recordsComeBackInOrder(chunk: Int) throws {
        let spill = SpilledRecords<Record>(prefix: "wirefeed-test", chunk: chunk)
        var expected: [Record] = []
        // 0, 1, 2 and 1000 records: nothing spilled, an exact chunk, chunks and a tail.
        for n in 0..<1000 {
            let r = Record(a: n &* 2_654_435_761, b: Int32(truncatingIfNeeded: -n), c: UInt8(n % 251))
            expected.append(r)
            try spill.append(r)
            if [0, 1, 2, 999].contains(n) {
                var got: [Record] = []
                var places: [Int] = []
                try spill.forEach { place, r in
                    places.append(place)
                    got.append(r)
                }
                #expect(got == expected)
                #expect(places == Array(0..<expected.count))
                #expect(spill.count == expected.count)
            }
        }
        // A second reading gives the same.
        var again: [Record] = []
        try spill.forEach { again.append($1) }
        #expect(again == expected)
    }

    @Test(arguments: [1, 10, 100, 1 << 20])
    func partitionsComeBackWhole(chunk: Int) throws {
        let spill = SpilledPartitions(prefix: "wirefeed-test", partitions: 5, chunk: chunk)
        var expected = [[UInt8]](repeating: [], count: 5)
        var state: UInt64 = 42
        for n in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let p = Int(state >> 61) % 5
            let record = (0..<Int(state >> 58 & 15)).map { UInt8(truncatingIfNeeded: n &+ $0) }
            expected[p] += record
            try spill.append(to: p) { $0 += record }
        }
        for p in 0..<5 { #expect(try spill.bytes(of: p) == expected[p], "partition \(p)") }
    }
}
