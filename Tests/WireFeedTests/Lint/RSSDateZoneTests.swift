import Testing

/// `rss.date.zone`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.date.zone/`).
@Suite struct RSSDateZoneTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.date.zone")
    }
}
