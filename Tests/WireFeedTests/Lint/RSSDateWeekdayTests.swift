import Testing

/// `rss.date.weekday`: a document that breaks the rule and the same document fixed (`fixtures/lint/rss.date.weekday/`).
@Suite struct RSSDateWeekdayTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("rss.date.weekday")
    }
}
