import Testing

/// `atom.element.once`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.element.once/`).
@Suite struct AtomElementOnceTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.element.once")
    }
}
