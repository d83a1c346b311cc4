import Testing

/// `html.unsafe`: a document that breaks the rule and the same document fixed (`fixtures/lint/html.unsafe/`).
@Suite struct HTMLUnsafeTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("html.unsafe")
    }
}
