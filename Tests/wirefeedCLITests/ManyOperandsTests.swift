import Foundation
import Testing

@testable import wirefeed

/// Long path lists bypass ArgumentParser's (quadratic) array parsing: the result must be
/// exactly what ArgumentParser would have parsed.
@Suite("Many paths on the command line")
struct ManyOperandsTests {
    /// The value-taking options ManyOperands knows must be those ArgumentParser knows
    /// (from the binary's own --experimental-dump-help), or a value could be taken for a path.
    @Test(arguments: ["validate", "convert"])
    func knowsEveryOptionThatTakesAValue(_ sub: String) throws {
        let r = try CLI.run([sub, "--experimental-dump-help"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        var expected: Set<String> = []
        for a in command["arguments"] as? [[String: Any]] ?? [] where a["kind"] as? String == "option" {
            for n in a["names"] as? [[String: Any]] ?? [] {
                let name = n["name"] as? String ?? ""
                expected.insert((n["kind"] as? String == "short" ? "-" : "--") + name)
            }
        }
        #expect(!expected.isEmpty)
        #expect(ManyOperands.optionsWithValues[sub] == expected)
    }

    @Test func pathsAfterTheFirstAreSetAsideInOrder() {
        let paths = (0..<100).map { "dir/f\($0).xml" }
        let args =
            ["validate", "-q", "--schema", "s.xsd"] + paths.prefix(50) + ["--format", "json", "-"] + paths.suffix(50)
            + ["--", "-weird.xml"]
        let (parse, aside) = ManyOperands.split(args)
        #expect(parse == ["validate", "-q", "--schema", "s.xsd", "dir/f0.xml", "--format", "json"])
        #expect(aside == Array(paths.dropFirst().prefix(49)) + ["-"] + Array(paths.suffix(50)) + ["-weird.xml"])
        // Few arguments: untouched.
        #expect(ManyOperands.split(["validate", "a.xml", "b.xml"]).parse == ["validate", "a.xml", "b.xml"])
    }

    @Test func aThousandPathsValidateAsAFewDo() throws {
        let dir = try CLI.tempDir()
        defer { CLI.remove(dir) }
        let r = try CLI.run([
            "convert", "fixtures/articles", "--feed", "fixtures/feed.yaml", "--to", "newsml", "--output-dir", dir,
        ])
        #expect(r.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { dir + "/" + $0 }
        // The same 10 files, 100 times over, with options among them.
        var args = ["validate", "--format", "json"]
        for k in 0..<100 { args += files + (k == 50 ? ["--schema-only"] : []) }
        let many = try CLI.run(args)
        #expect(many.status == 0, "\(many.stderr)")
        // JSON Lines: one report per document, in the order given.
        let reported = many.out.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(reported == Array(repeating: files, count: 100).flatMap { $0 })
    }
}
