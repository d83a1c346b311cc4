import Foundation
import Testing
import WireFeed

/// RFC 6721 tombstones read back as the contract says: id (`ref`), status canceled,
/// updated (`when`), and the page (`link`), in document order with the entries.
@Suite("Import: Atom tombstones")
struct TombstoneImportTests {
    @Test func aDeletedEntryIsACanceledArticle() throws {
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0">
              <title>Desk</title><id>tag:desk.example.org,2026:feed</id><updated>2026-12-01T10:00:00Z</updated>
              <at:deleted-entry ref="tag:desk.example.org,2026:killed" when="2026-12-01T09:30:00+01:00">
                <link rel="alternate" type="text/html" href="https://desk.example.org/killed"/>
                <at:comment>Legal</at:comment>
              </at:deleted-entry>
              <at:deleted-entry when="2026-12-01T09:30:00Z"/>
              <entry><id>tag:desk.example.org,2026:kept</id><title>Kept</title><updated>2026-12-01T08:00:00Z</updated></entry>
            </feed>
            """
        let (document, warnings) = try FeedImporter.document(.bytes(Array(feed.utf8)), file: "desk.xml")
        #expect(document.articles.map(\.id) == ["tag:desk.example.org,2026:killed", "tag:desk.example.org,2026:kept"])
        let killed = document.articles[0]
        #expect(killed.status == .canceled)
        #expect(killed.updated?.rfc3339 == "2026-12-01T09:30:00+01:00")
        #expect(killed.url == "https://desk.example.org/killed")
        #expect(killed.title == nil && killed.body.isEmpty)
        #expect(document.articles[1].status == nil)
        // The tombstone without a ref names nothing: left out, with a warning naming its line.
        #expect(warnings.contains { $0.rule == "atom.tombstone" && $0.line == 8 }, "\(warnings)")
    }
}
