import Testing

/// `rss.url.absolute`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.url.absolute/`).
@Suite struct RSSURLAbsoluteTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.url.absolute")
    }
}
