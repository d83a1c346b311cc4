import Testing

@testable import XMLCore

/// The byte-level count in front of libxml2: it must count what libxml2 will parse as
/// attributes and text pieces, however the bytes are cut, and nothing in values, comments,
/// CDATA sections, instructions or the DOCTYPE.
@Suite struct MarkupGuardTests {
    static func scan(_ text: String, bounds: MarkupGuard.Bounds, chunk: Int) -> MarkupGuard.Violation? {
        var guardian = MarkupGuard(bounds: bounds)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            if let v = bytes[start..<end].withUnsafeBufferPointer({ guardian.scan($0) }) { return v }
            start = end
        }
        return nil
    }

    static let chunks = [1, 2, 3, 7, 64, 1 << 16]

    @Test(arguments: chunks)
    func attributesAreCountedInTagsOnly(_ chunk: Int) {
        let bounds = MarkupGuard.Bounds(attributes: 3)
        let fine = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE rss [<!ATTLIST a b CDATA "x=y">]>
            <!-- a=1 b=2 c=3 d=4 > -->
            <rss a="1=2" b='x="y"' c="3"><a>e=mc2 = == ===</a><![CDATA[<b c=1 d=2 e=3 f=4>]]><?pi a=1 b=2 c=3 d=4?>
            <b
              x="1"
              y="2"
              z="&gt;=>"/></rss>
            """
        #expect(Self.scan(fine, bounds: bounds, chunk: chunk) == nil)
        let many = "<rss>\n<a\n w=\"1\" x=\"2\" y=\"3\" z=\"4\"/></rss>"
        #expect(Self.scan(many, bounds: bounds, chunk: chunk) == .attributes(line: 3))
    }

    @Test(arguments: chunks)
    func textPiecesAreWeighedByLength(_ chunk: Int) {
        let bounds = MarkupGuard.Bounds(textWork: 10_000)
        // 200 references in 1,600 bytes: 200 pieces over an average of 800 bytes.
        let many = "<a>" + String(repeating: "a &amp; ", count: 200) + "</a>"
        if case .textPieces = Self.scan(many, bounds: bounds, chunk: chunk) {} else { Issue.record("not refused") }
        // The same references spread over many elements are as many short texts.
        let spread = "<r>" + String(repeating: "<a>a &amp; </a>", count: 200) + "</r>"
        #expect(Self.scan(spread, bounds: bounds, chunk: chunk) == nil)
    }

    @Test(arguments: chunks)
    func elementTextCountsAcrossComments(_ chunk: Int) {
        let bounds = MarkupGuard.Bounds(elementText: 100)
        let broken =
            "<a>" + Array(repeating: String(repeating: "x", count: 40), count: 3).joined(separator: "<!---->") + "</a>"
        #expect(Self.scan(broken, bounds: bounds, chunk: chunk) == .elementText(line: 1))
        let cdata =
            "<a>" + Array(repeating: "<![CDATA[" + String(repeating: "x", count: 40) + "]]>", count: 3).joined()
            + "</a>"
        #expect(Self.scan(cdata, bounds: bounds, chunk: chunk) == .elementText(line: 1))
        let elements = "<r>" + String(repeating: "<a>" + String(repeating: "x", count: 60) + "</a>", count: 3) + "</r>"
        #expect(Self.scan(elements, bounds: bounds, chunk: chunk) == nil)
    }

    /// UTF-16 is scanned by code unit: a CJK character whose bytes include '<' or '=' is not markup.
    @Test(arguments: chunks)
    func utf16(_ chunk: Int) {
        let bounds = MarkupGuard.Bounds(attributes: 2)
        let text = "<r a=\"1\" b=\"2\"><t>\u{3D3C}\u{3D3D}\u{3D3D}\u{3C3D}\u{223D}</t></r>"
        let units = Array(text.utf16)
        var little: [UInt8] = [0xFF, 0xFE]
        var big: [UInt8] = [0xFE, 0xFF]
        for u in units {
            little += [UInt8(u & 0xFF), UInt8(u >> 8)]
            big += [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        for bytes in [little, big] {
            var guardian = MarkupGuard(bounds: bounds)
            var start = 0
            var found: MarkupGuard.Violation?
            while start < bytes.count && found == nil {
                let end = min(start + chunk, bytes.count)
                found = bytes[start..<end].withUnsafeBufferPointer { guardian.scan($0) }
                start = end
            }
            #expect(found == nil)
        }
    }
}
