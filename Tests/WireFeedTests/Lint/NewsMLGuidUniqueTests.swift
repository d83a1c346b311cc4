import Testing

/// `newsml.guid.unique`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.guid.unique/`).
@Suite struct NewsMLGuidUniqueTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.guid.unique")
    }
}
