import Testing

/// `newsml.language.bcp47`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.language.bcp47/`).
@Suite struct NewsMLLanguageBCP47Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.language.bcp47")
    }
}
