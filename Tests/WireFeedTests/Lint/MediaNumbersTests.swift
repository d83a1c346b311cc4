import Testing

/// `media.numbers`: a document that breaks the rule and the same document fixed (`fixtures/lint/media.numbers/`).
@Suite struct MediaNumbersTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("media.numbers")
    }
}
