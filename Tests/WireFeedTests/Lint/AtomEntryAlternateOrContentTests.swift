import Testing

/// `atom.entry.alternate-or-content`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.entry.alternate-or-content/`).
@Suite struct AtomEntryAlternateOrContentTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.entry.alternate-or-content")
    }
}
