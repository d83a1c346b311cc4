import Testing

/// `text.html-in-plain`: a document that breaks the rule and the same document fixed (`fixtures/lint/text.html-in-plain/`).
@Suite struct TextHTMLInPlainTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("text.html-in-plain")
    }
}
