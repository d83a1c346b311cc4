import Testing

/// `dc.date.w3cdtf`: a document that breaks the rule and the same document fixed (`fixtures/lint/dc.date.w3cdtf/`).
@Suite struct DCDateW3CDTFTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("dc.date.w3cdtf")
    }
}
