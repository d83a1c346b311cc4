import Testing

/// `rss.channel.items`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.channel.items/`).
@Suite struct RSSChannelItemsTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.channel.items")
    }
}
