import Foundation
import Testing
import WireFeed
import XMLCore

@testable import WireFormats

/// `validate` tells small files' formats from their bytes (DocumentFormat.sniff) and asks
/// the parser only when the bytes are not plain: the two must never disagree.
@Suite("Format sniffing agrees with the parser")
struct FormatSniffTests {
    static func xmlFiles(under dir: String) -> [String] {
        Files.files(under: dir) { $0.hasSuffix(".xml") || $0.hasSuffix(".rss") || $0.hasSuffix(".atom") }
    }

    @Test func everyFixtureGetsTheParsersAnswerOrNone() throws {
        var sniffed = 0
        var files = Self.xmlFiles(under: Paths.fixtures + "/import") + Self.xmlFiles(under: Paths.fixtures + "/lint")
        files += Self.xmlFiles(under: Paths.golden)
        #expect(files.count > 300)
        for file in files {
            let bytes = try Paths.bytes(file)
            guard let format = DocumentFormat.sniff(bytes) else { continue }
            sniffed += 1
            if let parsed = try? DocumentFormat.detect(XMLStreamReader(.bytes(bytes), file: file)).0 {
                #expect(parsed == format, "\(file): sniffed \(format), parsed \(parsed)")
            } else {
                // The parser stops on the bytes before it gets past the root (not UTF-8,
                // not well-formed): validation still says so, from the schema pass.
                let report = DocumentValidator(schemasDirectory: Paths.schemas).validate(file: file)
                #expect(report.diagnostics.contains { $0.severity == .error }, "\(file)")
            }
        }
        // Most files are plain; the others (DOCTYPEs, other encodings, RDF) go to the parser.
        #expect(sniffed > files.count / 2)
    }

    /// The roots directory discovery takes for documents are the roots detection knows, and
    /// the other way round (RSS 0.90 and 1.0's `rdf:RDF` is told by its channel).
    @Test func discoveryAndDetectionKnowTheSameRoots() {
        let namespaces = ["", Namespace.atom, Namespace.atom03, Namespace.nar]
        for name in DocumentFormat.documentRoots where name != "RDF" {
            #expect(
                namespaces.contains { DocumentFormat.fromRoot(name, namespace: $0, version: nil) != nil },
                "\(name) is taken as a document but detected as none")
        }
        for name in ["rss", "feed", "entry", "newsMessage", "newsItem", "catalogItem"] {
            #expect(DocumentFormat.documentRoots.contains(name))
        }
    }

    @Test func whatItLeavesToTheParser() {
        let cases = [
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"/>",
            "<!DOCTYPE rss SYSTEM \"http://example.org/x.dtd\"><rss version=\"2.0\"/>",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
            "<feed xmlns:atom=\"http://www.w3.org/2005/Atom\"/>",
            "<feed xmlns = \"http://www.w3.org/2005/Atom\"/>",
            "<html><body/></html>",
            "not xml",
        ]
        for c in cases { #expect(DocumentFormat.sniff(Array(c.utf8)) == nil, "\(c)") }
        #expect(
            DocumentFormat.sniff(
                Array("\u{FEFF}<!-- c --><?xml-stylesheet href=\"s.xsl\"?>\n<rss version=\"0.91\">".utf8)) == .rss091)
        #expect(
            DocumentFormat.sniff(
                Array("<nar:newsItem xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\" guid='x'>".utf8)) == .newsml)
    }
}
