import Testing

/// `newsml.embargo.past`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.embargo.past/`).
@Suite struct NewsMLEmbargoPastTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.embargo.past")
    }
}
