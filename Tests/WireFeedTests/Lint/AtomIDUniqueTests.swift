import Testing

/// `atom.id.unique`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.id.unique/`).
@Suite struct AtomIDUniqueTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.id.unique")
    }
}
