import Foundation
import Testing
import WireFeed
import XMLCore

/// The importer reduces XHTML content to paragraphs while reading (no tree):
/// the paragraphs must be those the tree reducer gives for the same element.
@Suite("XHTML reduced while reading = reduced from the tree")
struct StreamingReductionTests {
    /// Every element named `name` in the XHTML namespace, read with and without reduction.
    static func compare(_ bytes: [UInt8], file: String, name: String) throws -> Int {
        func elements(reducing: Bool) throws -> [XMLElement] {
            let r = try XMLStreamReader(.bytes(bytes), file: file)
            var found: [XMLElement] = []
            var roots: [XMLElement] = []
            while try r.next() {
                guard r.kind == .element,
                    r.depth == 1
                        || (r.depth == 0 && !r.isEmptyElement && r.localName != "feed" && r.localName != "newsMessage")
                else { continue }
                roots.append(
                    try r.readElement(
                        base: nil,
                        reduceWhen: reducing
                            ? { e, _ in e.name == name && e.namespace == "http://www.w3.org/1999/xhtml" } : nil))
            }
            func walk(_ e: XMLElement) {
                if e.name == name && e.namespace == "http://www.w3.org/1999/xhtml" {
                    found.append(e)
                    return
                }
                for c in e.elements { walk(c) }
            }
            roots.forEach(walk)
            return found
        }
        let streamed = try elements(reducing: true)
        let built = try elements(reducing: false)
        #expect(streamed.count == built.count, "\(file)")
        for (s, b) in zip(streamed, built) {
            #expect(s.paragraphs == HTMLReducer.paragraphs(ofTree: b.children), "\(file):\(b.line)")
            #expect(b.paragraphs == nil)
        }
        return streamed.count
    }

    @Test func atomAndNewsMLFixtures() throws {
        var compared = 0
        var files = Files.files(under: Paths.fixtures + "/import") { $0.hasSuffix(".xml") }
        files += [Paths.golden + "/articles.atom.xml", Paths.golden + "/articles.newsml.xml"]
        for file in files {
            let bytes = try Paths.bytes(file)
            // Hostile and broken ones are skipped.
            guard let s = try? Self.compare(bytes, file: file, name: "div") else { continue }
            compared += s
            compared += (try? Self.compare(bytes, file: file, name: "body")) ?? 0
        }
        #expect(compared > 20)
    }

    @Test func generatedMarkup() throws {
        // Mixed inline and block markup, breaks, dropped elements, tables, entities, blank text.
        let div = """
            <entry xmlns="http://www.w3.org/2005/Atom"><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
              lead <b>bold</b>&#160;<i>it</i>
              <p>one<br/>two<br/><br/>three</p><script>x()</script><img src="a.png"/>
              <table><tr><td>a</td><td>b</td></tr></table><ul><li>x</li><li> <em>y</em> </li></ul>
              <p>  </p><P>Upper</P><pre>  keep
              lines </pre>tail &amp; &lt;done&gt;
            </div></content></entry>
            """
        #expect(try Self.compare(Array(div.utf8), file: "generated", name: "div") == 1)
    }
}
