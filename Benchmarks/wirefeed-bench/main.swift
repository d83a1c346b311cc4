// wirefeed-bench: deterministic synthetic corpora and the cleaned-text reader benchmark.
//
//   wirefeed-bench generate COUNT DIR [SEED]   COUNT cleaned-article .txt files in DIR/text/ and the
//                                              same articles as DIR/articles.jsonl
//   wirefeed-bench read-text DIR              reads DIR/text/*.txt with the cleaned-article reader
//   wirefeed-bench parse-text DIR [ROUNDS]    the reader's own CPU: the files loaded first, then
//                                              parsed ROUNDS times on one thread (no I/O, no workers)
//
// Build it in release mode: swift build -c release --product wirefeed-bench
import Foundation
import SeededRandom
import WireFeed

#if canImport(Glibc)
    import Glibc
#endif

typealias SplitMix = SplitMix64

let words = [
    "the", "council", "said", "on", "Tuesday", "that", "harbour", "repairs", "would", "cost", "more", "than",
    "expected",
    "residents", "waited", "for", "news", "pemerintah", "mengatakan", "bahwa", "kerajaan", "berkata", "économie",
    "Straße",
    "東京", "مؤشر", "A&B", "R&D", "\"quoted\"", "'single'", "x < y", "a > b", "—", "…", "café", "naïve", "ministers",
    "agreed",
    "talks", "resume", "next", "week", "according", "to", "officials", "in", "Jakarta", "Wellington", "and", "Madrid",
]

func sentence(_ rng: inout SplitMix, chars: Int) -> String {
    var s = ""
    while s.count < chars { s += (s.isEmpty ? "" : " ") + rng.pick(words) }
    return s.prefix(1).uppercased() + s.dropFirst() + "."
}

func article(_ i: Int, _ rng: inout SplitMix) -> Article {
    var a = Article(id: "tag:bench.example.org,2024:\(i)")
    a.body = (0..<rng.int(5...15)).map { _ in sentence(&rng, chars: rng.int(40...400)) }
    a.title = sentence(&rng, chars: rng.int(30...90))
    a.summary = sentence(&rng, chars: rng.int(80...200))
    a.language = "en"
    a.url = "https://news.example.org/\(i)"
    a.published = Timestamp(
        seconds: 1_700_000_000 + Int64(i) * 600, offsetMinutes: Int16(rng.pick([0, 420, -300, 780])))
    a.authors = (0..<rng.int(1...3)).map { k in
        Person(name: "Reporter \(rng.int(1...500))", role: k == 0 ? .author : .editor)
    }
    a.categories = (0..<rng.int(1...4)).map { _ in
        Category(
            term: String(format: "%08d", rng.int(1...20) * 1_000_000), scheme: Category.iptcMediaTopics,
            label: rng.pick(["politics", "economy", "sport", "weather"]))
    }
    a.source = rng.pick(["Reuters", "AP & AFP", "Example Wire"])
    a.rights = Rights(holder: "Example Wire", year: 2024, notice: "Copyright © 2024 Example Wire")
    a.media = (0..<rng.int(0...2)).map { k in
        Media(
            url: "https://img.example.org/\(i)/\(k).jpg", type: "image/jpeg", length: rng.int(10_000...900_000),
            caption: sentence(&rng, chars: 60), credit: "Example Wire", width: 1600, height: 900)
    }
    return a
}

/// A YAML scalar: JSON string syntax is valid YAML and escapes everything that needs it.
func yaml(_ s: String) -> String {
    String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
}

func cleanedText(_ a: Article) -> String {
    var t = "---\n"
    t +=
        "id: \(yaml(a.id))\ntitle: \(yaml(a.title!))\nsummary: \(yaml(a.summary!))\nurl: \(yaml(a.url!))\nlanguage: en\n"
    t += "published: \(a.published!.rfc3339)\n"
    t += "authors:\n" + a.authors.map { "  - name: \(yaml($0.name))\n    role: \($0.role!.rawValue)\n" }.joined()
    t +=
        "categories:\n"
        + a.categories.map {
            "  - term: \(yaml($0.term))\n    scheme: \(yaml($0.scheme!))\n    label: \(yaml($0.label!))\n"
        }.joined()
    if !a.media.isEmpty {
        t +=
            "media:\n"
            + a.media.map { m in
                "  - url: \(yaml(m.url))\n    type: image/jpeg\n    length: \(m.length!)\n    caption: \(yaml(m.caption!))\n    credit: \(yaml(m.credit!))\n    width: 1600\n    height: 900\n"
            }.joined()
    }
    t += "---\n"
    t += a.body.joined(separator: "\n") + "\n"
    t += "Source: \(a.source!)\n\(a.rights!.notice!)\n"
    return t
}

let args = CommandLine.arguments
func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data((s + "\n").utf8))
    exit(2)
}

switch args.dropFirst().first {
case "generate":
    guard args.count >= 4, let count = Int(args[2]) else { fail("usage: wirefeed-bench generate COUNT DIR [SEED]") }
    let dir = args[3]
    var rng = SplitMix(state: args.count > 4 ? UInt64(args[4]) ?? 1 : 1)
    try FileManager.default.createDirectory(atPath: dir + "/text", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: dir + "/articles.jsonl", contents: nil)
    let jsonl = FileHandle(forWritingAtPath: dir + "/articles.jsonl")!
    let encoder = JSONEncoder()
    var buffer = Data()
    for i in 0..<count {
        let a = article(i, &rng)
        try cleanedText(a).write(toFile: dir + String(format: "/text/%07d.txt", i), atomically: false, encoding: .utf8)
        buffer.append(try encoder.encode(a))
        buffer.append(0x0A)
        if buffer.count > 1 << 20 {
            jsonl.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    jsonl.write(buffer)
    try jsonl.close()
case "read-text":
    guard args.count >= 3 else { fail("usage: wirefeed-bench read-text DIR") }
    let inputs = ArticleInputs(paths: [args[2] + "/text"], reader: CleanedArticleReader())
    let start = Date()
    var n = 0
    var bytes = 0
    try inputs.forEach { a, _ in
        n += 1
        bytes += a.body.reduce(0) { $0 + $1.utf8.count }
    }
    let s = Date().timeIntervalSince(start)
    print(
        String(
            format: "read-text: %d articles in %.2f s = %.0f articles/s (%.1f MB of text/s)", n, s, Double(n) / s,
            Double(bytes) / s / 1e6))
case "parse-text":
    guard args.count >= 3 else { fail("usage: wirefeed-bench parse-text DIR [ROUNDS]") }
    let dir = args[2] + "/text"
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
    let files = try names.map { name in (name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))) }
    let rounds = args.count >= 4 ? max(1, Int(args[3]) ?? 1) : 1
    let reader = CleanedArticleReader()
    var paragraphs = 0
    let start = Date()
    for _ in 0..<rounds {
        for (name, bytes) in files { paragraphs += try reader.read(bytes: bytes, file: name).article.body.count }
    }
    let s = Date().timeIntervalSince(start)
    let n = files.count * rounds
    print(
        String(
            format: "parse-text: %d articles (%d paragraphs) in %.3f s on one thread = %.1f µs/article", n,
            paragraphs, s, s / Double(n) * 1e6))
default:
    fail("usage: wirefeed-bench generate COUNT DIR [SEED] | read-text DIR | parse-text DIR [ROUNDS]")
}
