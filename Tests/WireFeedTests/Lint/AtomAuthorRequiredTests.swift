import Testing

/// `atom.author.required`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.author.required/`).
@Suite struct AtomAuthorRequiredTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.author.required")
    }
}
