import Testing

/// `newsml.date.zone`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.date.zone/`).
@Suite struct NewsMLDateZoneTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.date.zone")
    }
}
