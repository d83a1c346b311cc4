import Testing

/// `rss.guid.unique`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.guid.unique/`).
@Suite struct RSSGuidUniqueTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.guid.unique")
    }
}
