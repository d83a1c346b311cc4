import Testing

/// `text.double-escaped`: a document that breaks the rule and the same document fixed (`fixtures/lint/text.double-escaped/`).
@Suite struct TextDoubleEscapedTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("text.double-escaped")
    }
}
