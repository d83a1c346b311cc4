import Testing

/// `newsml.urgency.range`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.urgency.range/`).
@Suite struct NewsMLUrgencyRangeTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.urgency.range")
    }
}
