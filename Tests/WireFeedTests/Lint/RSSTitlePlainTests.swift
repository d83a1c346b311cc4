import Testing

/// `rss.title.plain`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.title.plain/`).
@Suite struct RSSTitlePlainTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.title.plain")
    }
}
