import Testing

/// `rss.element.once`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.element.once/`).
@Suite struct RSSElementOnceTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.element.once")
    }
}
