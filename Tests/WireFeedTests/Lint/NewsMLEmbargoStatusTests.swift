import Testing

/// `newsml.embargo.status`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.embargo.status/`).
@Suite struct NewsMLEmbargoStatusTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.embargo.status")
    }
}
