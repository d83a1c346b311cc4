import Testing

/// `rss.atom-self.present`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.atom-self.present/`).
@Suite struct RSSAtomSelfPresentTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.atom-self.present")
    }
}
