import Testing

/// `newsml.canceled.content`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.canceled.content/`).
@Suite struct NewsMLCanceledContentTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.canceled.content")
    }
}
