import Foundation
import SeededRandom
import Testing
import XMLCore
import YAMLCore

/// The block scanner gives libyaml's events exactly, or nothing: over generated texts full
/// of YAML's traps, and over every front matter in the fixtures.
@Suite struct YAMLBlockScanTests {
    /// Scalars as front matter writes them, and the ones that trip a hand-written scanner.
    static let values = [
        "plain", "two words", "Reuters", "2026-12-05T09:00:00Z", "3", "-5", "0x1F", "1e3", "true", "No", "null", "~",
        "\"double\"", "\"esc \\\" \\\\ \\/ \\n \\t \\u00e9 \\u4e2d\"", "\"bad \\x41\"", "\"\\U0001F600\"",
        "\"\\ud83d\\ude00\"", "\"open", "\"a\" b", "'single'", "'it''s'", "'open", "a: b", "a:b",
        "http://x.org/a?b=c#d",
        "a #comment", "a#b", "#c", "[a, b]", "{a: 1}", "a, b", "|", ">", "&anchor a", "*alias", "!tag a", "!!str 3",
        "%x", "@x", "`x`", "? x", ": x", "- x", "-", "--", "...", "café économie", "مؤشر", "東京", "x\u{85}y",
        "x\u{2028}y", "x\u{A0}y", "\u{FEFF}x", "a\tb", "x\u{7F}", "'a' ", "\"a\" ", "a  b", "\"\"", "''", "a:", "a :",
        "\"\\0\"", "\"\\e\"", "\"\\u0000\"", "\"\\ \"", "\"\\N\"",
    ]
    static let keys = [
        "id", "title", "authors", "name", "role", "media", "x-y", "_k", "K9", "2k", "a b", "é", "<<", "\"q\"",
    ]

    /// A random text: mappings and sequences nested a few levels, comments, blank lines,
    /// odd indents, empty values.
    static func text(_ rng: inout Generated.RNG) -> String {
        var lines: [String] = []
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }
        func mapping(_ indent: Int, depth: Int, first: String? = nil) {
            for k in 0..<(1 + Int(rng.next() % 4)) {
                let pad = k == 0 && first != nil ? first! : String(repeating: " ", count: indent)
                let key = chance(8) ? pick(keys) : pick(Array(keys.prefix(7)))
                if chance(12) { lines.append(String(repeating: " ", count: Int(rng.next() % 5)) + "# note") }
                if chance(15) { lines.append("") }
                if depth < 3 && chance(3) {
                    lines.append(pad + key + ":" + (chance(10) ? " " : ""))
                    if chance(2) {
                        sequence(chance(3) ? indent : indent + pick([1, 2, 4]), depth: depth + 1)
                    } else if chance(8) {
                        continue  // an empty value
                    } else {
                        mapping(indent + pick([1, 2, 3]), depth: depth + 1)
                    }
                } else {
                    let value = chance(3) ? pick(values) : pick(Array(values.prefix(14)))
                    lines.append(pad + key + ":" + pick([" ", "  ", " "]) + value + (chance(10) ? "  " : ""))
                }
                if chance(25) { lines.append(String(repeating: " ", count: indent + 1) + "continued") }
            }
        }
        func sequence(_ indent: Int, depth: Int) {
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let pad = String(repeating: " ", count: indent)
                if depth < 3 && chance(2) {
                    let dash = pick(["- ", "-  ", "-   "])
                    mapping(indent + dash.count, depth: depth + 1, first: pad + dash)
                } else {
                    lines.append(
                        pad + pick(["- ", "-  ", "-"]) + (chance(3) ? pick(values) : pick(Array(values.prefix(14)))))
                }
            }
        }
        if chance(20) { lines.append(pick(["---", "%YAML 1.1", "  x: 1", "- a"])) }
        mapping(0, depth: 0)
        return lines.joined(separator: "\n") + (chance(3) ? "\n" : "")
    }

    @Test func generatedTextsGiveLibyamlsEventsOrNothing() {
        var rng = Generated.RNG(state: 2026)
        var taken = 0
        let count = 20000
        for _ in 0..<count {
            let yaml = Self.text(&rng)
            guard let fast = YAMLEvents.blockScan(yaml) else { continue }
            taken += 1
            let slow = YAMLEvents.libyaml(yaml)
            #expect(fast == slow, "\(yaml)")
            if fast != slow { return }
        }
        // The generator mostly writes the subset, with a trap here and there.
        #expect(taken * 10 >= count * 2, "the scanner took \(taken) of \(count)")
        #expect(taken * 10 <= count * 9, "the generator sets traps (\(taken) of \(count) taken)")
    }

    @Test func theFixturesFrontMatterGivesLibyamlsEvents() throws {
        let files = Paths.cleanedTexts
        var taken = 0
        var readable = 0
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                let yaml = FrontMatterEventsTests.frontMatter(text)
            else { continue }
            let slow = YAMLEvents.libyaml(yaml)
            if slow != nil { readable += 1 }
            if let fast = YAMLEvents.blockScan(yaml) {
                taken += 1
                #expect(fast == slow, "\(file)")
            }
        }
        // All but the odd one (a multi-line scalar) of what libyaml reads.
        #expect(taken >= 8 && taken * 10 >= readable * 8, "taken \(taken) of \(readable)")
    }

    @Test func whatItTakesAndWhatItLeaves() {
        #expect(YAMLEvents.blockScan("id: a\ntitle: \"B\"\nauthors:\n- name: C\n  role: author\n") != nil)
        // A simple key longer than libyaml takes (1,024 characters).
        let long = String(repeating: "k", count: 1025)
        #expect(YAMLEvents.blockScan(long + ": x") == nil && YAMLEvents.libyaml(long + ": x") == nil)
        #expect(YAMLEvents.blockScan("- " + long + ": x") == nil)
        let longest = String(repeating: "k", count: 1024)
        #expect(YAMLEvents.blockScan(longest + ": x") == YAMLEvents.libyaml(longest + ": x"))
        for outside in ["a: [1]", "a: |\n  x", "a: &x 1", "a: 1 # c", "a:\nb: 1", "a: x\n  y", "a:\tb", "- a\nb: c"] {
            #expect(YAMLEvents.blockScan(outside) == nil, "\(outside)")
        }
    }
}
