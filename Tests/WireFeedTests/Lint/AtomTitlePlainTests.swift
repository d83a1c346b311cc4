import Testing

/// `atom.title.plain`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.title.plain/`).
@Suite struct AtomTitlePlainTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.title.plain")
    }
}
