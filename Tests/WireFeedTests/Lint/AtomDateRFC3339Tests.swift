import Testing

/// `atom.date.rfc3339`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.date.rfc3339/`).
@Suite struct AtomDateRFC3339Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.date.rfc3339")
    }
}
