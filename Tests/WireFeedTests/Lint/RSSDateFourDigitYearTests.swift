import Testing

/// `rss.date.four-digit-year`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.date.four-digit-year/`).
@Suite struct RSSDateFourDigitYearTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.date.four-digit-year")
    }
}
