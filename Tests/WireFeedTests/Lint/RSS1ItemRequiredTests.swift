import Testing

/// `rss1.item.required`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss1.item.required/`).
@Suite struct RSS1ItemRequiredTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss1.item.required")
    }
}
