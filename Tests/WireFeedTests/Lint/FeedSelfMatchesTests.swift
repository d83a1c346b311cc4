import Testing

/// `feed.self.matches`: a document that breaks the rule and the same document fixed (`fixtures/lint/feed.self.matches/`).
@Suite struct FeedSelfMatchesTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("feed.self.matches")
    }
}
