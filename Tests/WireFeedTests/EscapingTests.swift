import Foundation
import Testing
import WireFeed
import XMLCore

/// Text that needs escaping comes out well-formed and, for legal characters, unchanged.
@Suite struct EscapingTests {
    static let tricky = [
        "Fish & chips < 5 € > 3", "Ends with ]]> inside", "\"double\" and 'single' quotes", "Emoji 🚢📈👩🏽‍💻",
        "نص عربي من اليمين إلى اليسار", "עברית עם מספרים 123", "&amp; already escaped &lt;p&gt;", "<p>not markup</p>",
    ]

    func roundTripText(_ format: OutputFormat) throws -> String {
        var a = Article(id: "tag:example.org,2024:esc")
        a.title = Self.tricky[0]
        a.summary = Self.tricky[1]
        a.body = Self.tricky
        a.authors = [Person(name: Self.tricky[2])]
        a.categories = [Category(term: Self.tricky[6], scheme: "https://example.org/?a=1&b=2", label: Self.tricky[7])]
        a.source = Self.tricky[5]
        let bytes = try Converter.render(
            [a], feed: Feed(title: Self.tricky[4], url: "https://example.org/"), format: format,
            updated: Fixtures.updated)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func trickyTextIsWellFormedAndUnchanged(_ format: OutputFormat) throws {
        let xml = try roundTripText(format)
        // Well-formed: libxml2 parses it (validation against an empty grammar is not needed: use XMLDocumentText).
        let texts = try XMLTextContent.allText(Array(xml.utf8))
        for s in Self.tricky where format != .rss {
            #expect(texts.contains(s), "\(s) lost in \(format)")
        }
        if format == .rss {
            for s in Self.tricky {
                // In RSS the body travels as escaped HTML inside content:encoded.
                #expect(texts.contains { $0 == s || $0.contains("<p>" + htmlEscaped(s) + "</p>") }, "\(s)")
            }
        }
        #expect(!xml.contains("]]>"))
    }

    func htmlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml])
    func illegalCharactersNeverReachTheOutput(_ format: OutputFormat) throws {
        var a = Article(id: "tag:example.org,2024:ctl")
        a.title = "Bell\u{07} and null\u{00}s and \u{FFFE} gone"
        a.body = ["Vertical\u{0B}tab", "Escape \u{1B}[31m red"]
        let bytes = try Converter.render([a], feed: Fixtures.leastFeed, format: format, updated: Fixtures.updated)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D })
        let texts = try XMLTextContent.allText(bytes)
        #expect(texts.contains("Bell and nulls and  gone"))
        #expect(texts.contains { $0 == "Verticaltab" || $0.contains("<p>Verticaltab</p>") })
    }
}
