import Testing

/// `rss.language.bcp47`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.language.bcp47/`).
@Suite struct RSSLanguageBCP47Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.language.bcp47")
    }
}
