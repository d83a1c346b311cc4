import Testing

/// `rss.channel.required`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.channel.required/`).
@Suite struct RSSChannelRequiredTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.channel.required")
    }
}
