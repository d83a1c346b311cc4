import Testing

/// `rss.item.title-or-description`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.item.title-or-description/`).
@Suite struct RSSItemTitleOrDescriptionTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.item.title-or-description")
    }
}
