import Testing

/// `rss.enclosure.once`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.enclosure.once/`).
@Suite struct RSSEnclosureOnceTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.enclosure.once")
    }
}
