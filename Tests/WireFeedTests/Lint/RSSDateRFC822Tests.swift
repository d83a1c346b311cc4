import Testing

/// `rss.date.rfc822`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.date.rfc822/`).
@Suite struct RSSDateRFC822Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.date.rfc822")
    }
}
