import Foundation
import Testing

@testable import XMLCore

/// Path handling done on bytes, held to what Foundation answers for the same paths; files read whole.
@Suite struct FilesTests {
    /// Every path built from a small alphabet of the characters that matter (dots, slashes,
    /// letters in both cases, a space, a non-ASCII letter), up to four characters long, gives
    /// the extension Foundation gives, ASCII letters lowercased.
    @Test func extensionAgreesWithFoundation() {
        let alphabet: [String] = [".", "/", "a", "T", " ", "é", "x"]
        var paths: [String] = [""]
        var frontier: [String] = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + $0 } }
            paths += frontier
        }
        paths += ["dir/A.TXT", "a.json/", "x/y.NDJSON//", "./0001.txt", "a..txt", "dir.d/name"]
        var compared = 0
        // Foundation's own answer traps on a path with a doubled slash and a non-ASCII letter
        // (`//é`): those are left to the test below.
        for path in paths where !(path.contains("//") && !path.allSatisfy(\.isASCII)) {
            let expected = String(
                (path as NSString).pathExtension.unicodeScalars.map { scalar in
                    scalar.isASCII ? Character(String(scalar).lowercased()) : Character(scalar)
                })
            #expect(Files.lowercasedExtension(of: path) == expected, "\(path.debugDescription)")
            compared += 1
        }
        #expect(compared > 2_000)
    }

    /// Paths on which Foundation's `pathExtension` traps are answered.
    @Test func extensionOfPathsFoundationTrapsOn() {
        #expect(Files.lowercasedExtension(of: "//é") == "")
        #expect(Files.lowercasedExtension(of: "//tmp/café.TXT") == "txt")
        #expect(Files.lowercasedExtension(of: "a//b/é.json") == "json")
    }

    /// A regular file comes back whole, its end found by a short read, at every size around
    /// the reads' edges (empty, one byte, a 64 KB chunk and one byte either side); and the
    /// limit is held at the byte.
    @Test func regularFilesReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wirefeed-files-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537, 200_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = dir.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            guard case .success(let read) = Files.read(path, limit: 1 << 20) else {
                Issue.record("\(size): not read")
                continue
            }
            #expect(read == bytes, "\(size)")
            if size > 0 {
                guard case .failure(.tooLarge) = Files.read(path, limit: size - 1) else {
                    Issue.record("\(size): a limit one byte short was not held")
                    continue
                }
                guard case .success = Files.read(path, limit: size) else {
                    Issue.record("\(size): a limit of its size refused it")
                    continue
                }
            }
        }
    }
}
