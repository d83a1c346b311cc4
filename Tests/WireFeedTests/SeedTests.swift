import Testing
import WireFeed

/// The article the project started from, read from `../shared/seed/`.
@Suite("Seed article (../shared/seed)", .enabled(if: Paths.sharedAvailable, "needs ../shared/seed"))
struct SeedTests {
    @Test func readsFifteenParagraphsInOrderEachOnce() throws {
        let articles = try Fixtures.seedArticles()
        #expect(articles.count == 1)
        let a = try #require(articles.first)
        #expect(a.body.count == 15)
        #expect(Set(a.body).count == 15)
        #expect(a.body.first?.hasPrefix("Utusan khusus Amerika Serikat") == true)
        #expect(a.body.last?.hasPrefix("Mantan penasihat keamanan nasional Trump") == true)
        // Order: the paragraphs appear in the file's order.
        let text = String(decoding: try Paths.bytes(Paths.files(in: Paths.seed, ext: "txt")[0]), as: UTF8.self)
        let positions = a.body.map { text.firstRange(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func trailerBecomesSourceAndRights() throws {
        let a = try #require(try Fixtures.seedArticles().first)
        #expect(a.source == "Reuters")
        #expect(a.rights?.holder == "ANTARA News Kalimantan Selatan")
        #expect(a.rights?.year == 2020)
        #expect(a.rights?.notice == "COPYRIGHT © ANTARA News Kalimantan Selatan 2020")
        #expect(!a.body.contains { $0.hasPrefix("Sumber") || $0.uppercased().hasPrefix("COPYRIGHT") })
    }

    @Test func idIsStableAndTitleDerived() throws {
        let first = try #require(try Fixtures.seedArticles().first)
        let second = try #require(try Fixtures.seedArticles().first)
        #expect(first.id == second.id)
        #expect(first.id.hasPrefix("urn:uuid:"))
        // Same file, same id, whatever the machine and whatever corrections its text gets:
        // the id is a pure function of the file's name (UUID v5 of "name:" + its stem).
        #expect(first.id == "urn:uuid:979a07c4-d889-5b0b-a411-298e425c38d3")
        let title = try #require(first.title)
        #expect(title.hasPrefix("Utusan khusus Amerika Serikat untuk Korea Utara"))
        #expect(title.unicodeScalars.count <= 111)
        #expect(title.hasSuffix("…"))
        #expect(first.language == "id")
    }
}
