import Testing

/// `html.well-formed`: a document that breaks the rule and the same document fixed (`fixtures/lint/html.well-formed/`).
@Suite struct HTMLWellFormedTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("html.well-formed")
    }
}
