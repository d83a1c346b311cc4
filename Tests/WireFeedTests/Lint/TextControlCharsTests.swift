import Testing

/// `text.control-chars`: a document that breaks the rule and the same document fixed (`fixtures/lint/text.control-chars/`).
@Suite struct TextControlCharsTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("text.control-chars")
    }
}
