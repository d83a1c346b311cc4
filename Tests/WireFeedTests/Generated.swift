import SeededRandom
import WireFeed

/// Seeded random articles: unicode, markup-like text, empty optionals, many authors, categories and media.
enum Generated {
    typealias RNG = SplitMix64

    static let words = [
        "harbour", "council", "Jakarta", "pemerintah", "kerajaan", "économie", "Straße", "東京", "مؤشر", "שלום", "🚢", "📈",
        "A&B", "<b>bold</b>", "]]>", "\"quoted\"", "'single'", "R&D", "x < y", "a > b", "naïve", "café", "—", "…",
        "¿qué?",
        "&amp;", "&lt;p&gt;", "tab\there", "ok",
    ]

    static func text(_ rng: inout RNG, words n: Int) -> String {
        (0..<n).map { _ in rng.pick(words) }.joined(separator: " ")
    }

    static func timestamp(_ rng: inout RNG) -> Timestamp {
        let offsets = [0, 420, -300, 330, 780, -600, 60]
        return Timestamp(seconds: Int64(rng.int(946_684_800...1_900_000_000)), offsetMinutes: Int16(rng.pick(offsets)))
    }

    static func articles(count: Int, seed: UInt64) -> [Article] {
        var rng = RNG(state: seed)
        return (0..<count).map { i in
            var a = Article(id: "tag:gen.example.org,2024:\(seed)-\(i)")
            a.body = (0..<rng.int(0...6)).map { _ in text(&rng, words: rng.int(1...30)) }
            if rng.bool() || a.body.isEmpty { a.title = text(&rng, words: rng.int(1...8)) }
            if rng.bool() { a.subtitle = text(&rng, words: 5) }
            if rng.bool() { a.summary = text(&rng, words: 12) }
            if rng.bool() { a.url = "https://news.example.org/\(seed)/\(i)" }
            if rng.int(0...4) == 0, let url = a.url { a.id = url }
            if rng.bool() { a.version = rng.int(1...5) }
            if rng.bool() { a.language = rng.pick(["en", "id", "ms", "ar", "fr-CA", "zh-Hant-TW"]) }
            if rng.bool() { a.published = timestamp(&rng) }
            if rng.bool() { a.updated = timestamp(&rng) }
            // A revision comes after the first publication.
            if let p = a.published, let u = a.updated, u < p { (a.published, a.updated) = (u, p) }
            a.authors = (0..<rng.int(0...4)).map { k in
                Person(
                    name: text(&rng, words: 2), email: rng.bool() ? "p\(k)@example.org" : nil,
                    uri: rng.int(0...3) == 0 ? "https://example.org/p/\(k)" : nil,
                    role: rng.bool() ? rng.pick(Person.Role.allCases) : nil)
            }
            a.categories = (0..<rng.int(0...4)).map { k in
                Category(
                    term: rng.bool() ? String(format4(rng.int(1...20)) + "000000") : "topic-\(k)",
                    scheme: rng.bool() ? Category.iptcMediaTopics : (rng.bool() ? "https://example.org/cat/" : nil),
                    label: rng.bool() ? text(&rng, words: 2) : nil)
            }
            a.keywords = (0..<rng.int(0...3)).map { _ in text(&rng, words: 2) }
            if rng.bool() { a.dateline = text(&rng, words: 1).uppercased() }
            if rng.bool() { a.source = rng.pick(["Reuters", "AP & AFP", "https://source.example.org/feed"]) }
            if rng.bool() { a.publisher = text(&rng, words: 2) }
            if rng.bool() {
                a.rights = Rights(
                    holder: rng.bool() ? text(&rng, words: 2) : nil, year: rng.bool() ? rng.int(1990...2030) : nil,
                    notice: rng.bool() ? "© " + text(&rng, words: 3) : nil)
            }
            a.media = (0..<rng.int(0...3)).map { k in
                Media(
                    url: "https://img.example.org/\(seed)/\(i)/\(k)." + rng.pick(["jpg", "png", "mp4", "mp3"]),
                    type: rng.bool() ? "image/jpeg" : nil, length: rng.bool() ? rng.int(1...5_000_000) : nil,
                    caption: rng.bool() ? text(&rng, words: 6) : nil, credit: rng.bool() ? text(&rng, words: 2) : nil,
                    width: rng.bool() ? rng.int(100...4000) : nil, height: rng.bool() ? rng.int(100...4000) : nil)
            }
            if rng.bool() { a.embargo = timestamp(&rng) }
            if rng.bool() { a.urgency = rng.int(1...9) }
            if rng.bool() { a.status = rng.pick(PublicationStatus.allCases) }
            return a
        }
    }

    static func format4(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
