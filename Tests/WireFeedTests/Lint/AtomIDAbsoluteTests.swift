import Testing

/// `atom.id.absolute`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.id.absolute/`).
@Suite struct AtomIDAbsoluteTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.id.absolute")
    }
}
