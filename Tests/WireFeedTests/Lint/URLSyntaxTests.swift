import Testing

/// `url.syntax`: a document that breaks the rule and the same document fixed (`fixtures/lint/url.syntax/`).
@Suite struct URLSyntaxTests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("url.syntax")
    }
}
