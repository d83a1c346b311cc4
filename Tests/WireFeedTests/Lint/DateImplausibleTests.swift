import Testing

/// `date.implausible`: a document that breaks the rule and the same document fixed (`fixtures/lint/date.implausible/`).
@Suite struct DateImplausibleTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("date.implausible")
    }
}
