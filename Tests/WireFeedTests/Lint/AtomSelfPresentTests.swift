import Testing

/// `atom.self.present`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.self.present/`).
@Suite struct AtomSelfPresentTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.self.present")
    }
}
