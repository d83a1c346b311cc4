import Testing

/// `rss.guid.permalink`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.guid.permalink/`).
@Suite struct RSSGuidPermalinkTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.guid.permalink")
    }
}
