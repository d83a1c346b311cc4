import Foundation
import Testing

@testable import XMLCore

/// Path handling done on bytes, held to what Foundation answers for the same paths.
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
}
