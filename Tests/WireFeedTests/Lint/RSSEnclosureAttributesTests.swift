import Testing

/// `rss.enclosure.attributes`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.enclosure.attributes/`).
@Suite struct RSSEnclosureAttributesTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.enclosure.attributes")
    }
}
