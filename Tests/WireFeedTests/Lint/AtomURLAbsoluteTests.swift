import Testing

/// `atom.url.absolute`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.url.absolute/`).
@Suite struct AtomURLAbsoluteTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.url.absolute")
    }
}
