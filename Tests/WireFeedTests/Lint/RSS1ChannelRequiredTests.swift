import Testing

/// `rss1.channel.required`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss1.channel.required/`).
@Suite struct RSS1ChannelRequiredTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss1.channel.required")
    }
}
