import Testing

/// `newsml.qcode.exactly-one`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.qcode.exactly-one/`).
@Suite struct NewsMLQCodeExactlyOneTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.qcode.exactly-one")
    }
}
