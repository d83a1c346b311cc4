import Testing

/// `newsml.version-created.order`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.version-created.order/`).
@Suite struct NewsMLVersionCreatedOrderTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.version-created.order")
    }
}
