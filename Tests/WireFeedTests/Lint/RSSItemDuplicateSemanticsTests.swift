import Testing

/// `rss.item.duplicate-semantics`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.item.duplicate-semantics/`).
@Suite struct RSSItemDuplicateSemanticsTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.item.duplicate-semantics")
    }
}
