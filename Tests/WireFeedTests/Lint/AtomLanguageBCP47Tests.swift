import Testing

/// `atom.language.bcp47`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.language.bcp47/`).
@Suite struct AtomLanguageBCP47Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.language.bcp47")
    }
}
