import Foundation
import Testing
import XMLCore

/// `newsml.language.bcp47`: a document that breaks the rule and the same document fixed (`fixtures/lint/newsml.language.bcp47/`).
@Suite struct NewsMLLanguageBCP47Tests {
    @Test func failingAndPassingDocuments() {
        LintFixture.check("newsml.language.bcp47")
    }

    /// The root of a NewsML-G2 item of a kind wirefeed does not map (a package) is still
    /// judged: the document layout skips what is in it, not its root.
    @Test func theRootOfAnotherKindOfItemIsJudged() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("package-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(
            #"<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="english"/>"#
                .utf8
        ).write(to: URL(fileURLWithPath: path))
        let rules = LintFixture.findings(path).compactMap(\.rule)
        #expect(rules.contains("newsml.language.bcp47"), "\(rules)")
    }
}
