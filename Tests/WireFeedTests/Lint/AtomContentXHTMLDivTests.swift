import Testing

/// `atom.content.xhtml-div`: a document that breaks the rule and the same document fixed (`fixtures/lint/atom.content.xhtml-div/`).
@Suite struct AtomContentXHTMLDivTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("atom.content.xhtml-div")
    }
}
