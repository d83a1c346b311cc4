import Foundation
import Testing

@testable import XMLCore

/// The repair pass: what each kind of breakage becomes, that the result is well-formed and
/// keeps its lines, and what stays refused.
@Suite struct XMLRepairTests {
    static func repair(_ s: String, items: Set<String> = ["item", "entry"]) throws -> (String, [XMLRepair.Note]) {
        let r = try XMLRepair.repair(Array(s.utf8), file: "t.xml", items: items)
        return (String(decoding: r.bytes, as: UTF8.self), r.notes)
    }

    /// Whether libxml2 reads `s` as well-formed (the strict reader, as the importer uses it).
    static func wellFormed(_ s: String) -> Bool {
        guard let r = try? XMLStreamReader(bytes: Array(s.utf8), file: "t.xml") else { return false }
        return (try? r.readToEnd()) != nil
    }

    static let cases: [(input: String, output: String, kinds: [XMLRepair.Kind])] = [
        ("<a>caf&eacute; &nbsp;&rsquo;</a>", "<a>caf\u{E9} \u{A0}\u{2019}</a>", [.entity]),
        ("<a>&AMP; &lt;</a>", "<a>&amp; &lt;</a>", [.entity]),
        ("<a>AT&T &amp Q&A &foo; &#x;</a>", "<a>AT&amp;T &amp;amp Q&amp;A &amp;foo; &amp;#x;</a>", [.ampersand]),
        (
            "<a>&#0;&#xD800;&#1114112;&#99999999999;&#65;</a>", "<a>&#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD;&#65;</a>",
            [.charref]
        ),
        ("<a>b\u{0}e\u{1B}l\u{C}l\u{B}s</a>", "<a>bel l s</a>", [.control]),
        ("<a>x < y ]]> z</a>", "<a>x &lt; y ]]&gt; z</a>", [.markup]),
        ("<a>x ]]\u{1}\u{0}> ]\u{0}]> z</a>", "<a>x ]]&gt; ]]&gt; z</a>", [.control, .markup]),
        ("<a><t>One</titel></a>", "<a><t>One</t></a>", [.tag]),
        ("<a><b>x</c></b></a>", "<a><b>x</b></a>", [.tag]),
        ("<a><b><i>x</b></a>", "<a><b><i>x</i></b></a>", [.tag]),
        ("<a><T>x</t></a>", "<a><T>x</T></a>", [.tag]),
        ("<a><br>x</a>", "<a><br>x</br></a>", [.tag]),
        (
            "<a><e u=x.mp3 u=\"y\" flag k='a\"b'>t</e></a>", "<a><e u=\"x.mp3\" flag=\"\" k=\"a&quot;b\">t</e></a>",
            [.attribute]
        ),
        ("<a b=\"1\" \u{B3}\u{B3} \u{E9}t\u{B7}=\"2\">x</a>", "<a b=\"1\"  \u{E9}t\u{B7}=\"2\">x</a>", [.attribute]),
        ("<\u{B3}a>x</\u{B3}a><z/>", "<z/>", [.markup, .tag]),
        ("<a t=\"x\u{FFFF}y\"/>", "<a t=\"xy\"/>", [.control]),
        ("<!DOCTYPE c [<!ENTITY e \"a\u{0}\u{1}b\u{FFFE}\">]><c>&e;</c>", "<c>ab</c>", [.internalEntity]),
        ("<a t=\"R&D &eacute;\"/>", "<a t=\"R&amp;D \u{E9}\"/>", [.ampersand, .entity]),
        ("<entry><x><entry>in</entry></x></entry>", "<entry><x><entry>in</entry></x></entry>", []),
        ("<c><item>1</item><item>2<item>3</item></c>", "<c><item>1</item><item>2</item><item>3</item></c>", [.tag]),
        // An item inside another that has its own end tag (in an HTML body) is content, even
        // where the document is cut after it: an item that reads well is never split.
        ("<c><item><d>x<item>in</item>y</d></item></c>", "<c><item><d>x<item>in</item>y</d></item></c>", []),
        ("<c><item><d>x<item>in</item>y</d></item>", "<c><item><d>x<item>in</item>y</d></item></c>", [.truncated]),
        (
            "<c><item><d>x<item>in</item>y</d><item>z</item></c>",
            "<c><item><d>x</d></item><item>in</item>y<item>z</item></c>", [.tag]
        ),
        ("<c><t>T</t><item>1</item><item><t>cu", "<c><t>T</t><item>1</item></c>", [.truncated]),
        ("<c><t>T</t><item>1</item><ite", "<c><t>T</t><item>1</item></c>", [.truncated]),
        ("<c><t>T</t><item>1</item><!-- cut", "<c><t>T</t><item>1</item></c>", [.truncated]),
        ("<c><t>T</t></c>\n<c>again</c>", "<c><t>T</t></c>\n", [.markup]),
        (
            "<!DOCTYPE c [<!ENTITY co \"Caf&#233; &amp; Co\">]><c>&co;</c>", "<c>Caf\u{E9} &amp; Co</c>",
            [.internalEntity]
        ),
        ("<!DOCTYPE rss PUBLIC \"-//X//DTD Y//EN\" \"http://x.example/y.dtd\"><c/>", "<c/>", [.doctype]),
        ("<?xml version=g=\"UTF-8\"?><a/>", "<?xml version=\"1.0\"?><a/>", []),
        (
            "<?xml\u{B9} version=\"1.0\"?><a><?xml-stylesheet href=\"s\"?><?9x?></a>",
            "<a><?xml-stylesheet href=\"s\"?></a>", [.markup]
        ),
        ("<a><?pi data?></a>", "<a><?pi data?></a>", []),
        ("<?xmlx encoding=\"nonesuch\"?><a/>", "<?xmlx encoding=\"nonesuch\"?><a/>", []),
        ("<a><b:c:d x:=\"1\">t</b:c:d></a>", "<a><b_c_d x_=\"1\">t</b_c_d></a>", [.markup]),
        ("<a><!-- a -- b --></a>", "<a><!-- a  - b --></a>", []),
        ("<a><!--->x--><!----></a>", "<a><!-- >x--><!----></a>", []),
        ("<a><!-- a -\u{0}- b --></a>", "<a><!-- a  - b --></a>", [.control]),
        ("<a><![CDATA[x]]\u{0}>y]]></a>", "<a><![CDATA[x]]]]><![CDATA[>y]]></a>", [.control]),
    ]

    @Test(arguments: cases.indices)
    func repairs(_ k: Int) throws {
        let (input, expected, kinds) = Self.cases[k]
        let (output, notes) = try Self.repair(input)
        #expect(output == expected)
        #expect(notes.map(\.kind) == kinds)
        #expect(Self.wellFormed(output), "\(output)")
    }

    @Test func linesAreKept() throws {
        let input =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE c [\n<!ENTITY e \"one\ntwo\">\n]>\n<c\n a=b>\n&e; &nbsp;\n<item>x\n<item>\ncut"
        let (output, notes) = try Self.repair(input)
        #expect(
            output.split(separator: "\n", omittingEmptySubsequences: false).count
                == input.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(notes.first { $0.kind == .entity }?.line == 8)
        #expect(notes.first { $0.kind == .truncated }?.line == 11)
        #expect(notes.first { $0.kind == .attribute }?.line == 6)
        #expect(Self.wellFormed(output), "\(output)")
    }

    @Test func countsEachKindOnceWithItsFirstLine() throws {
        let (_, notes) = try Self.repair("<a>\n&nbsp;\n&eacute;&eacute;\n</a>")
        #expect(notes == [XMLRepair.Note(kind: .entity, line: 2, count: 3, detail: "nbsp")])
    }

    @Test func encodings() throws {
        // Not UTF-8: each bad byte is windows-1252.
        let latin = Array("<a>caf".utf8) + [0xE9, 0x20, 0x93, 0x71, 0x94] + Array("</a>".utf8)
        var r = try XMLRepair.repair(latin, file: "t.xml", items: [])
        #expect(String(decoding: r.bytes, as: UTF8.self) == "<a>caf\u{E9} \u{201C}q\u{201D}</a>")
        #expect(r.notes.map(\.kind) == [.encoding])
        // UTF-16 without a byte order mark (Appendix F), its declaration dropped.
        let utf16 = Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>\u{420}&nbsp;</a>".utf16).flatMap {
            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }
        r = try XMLRepair.repair(utf16, file: "t.xml", items: [])
        #expect(String(decoding: r.bytes, as: UTF8.self) == "<?xml version=\"1.0\"?><a>\u{420}\u{A0}</a>")
        // Declared KOI8-R.
        let koi = Array("<?xml version='1.0' encoding='KOI8-R'?><a>".utf8) + [0xF2, 0xD5] + Array("&amp</a>".utf8)
        r = try XMLRepair.repair(koi, file: "t.xml", items: [])
        #expect(String(decoding: r.bytes, as: UTF8.self) == "<?xml version=\"1.0\"?><a>\u{420}\u{443}&amp;amp</a>")
    }

    @Test(arguments: [
        ("<!DOCTYPE c [<!ENTITY % p \"x\">]><c/>", "parameter entities"),
        ("<!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><c>&x;</c>", "external entities"),
        ("<!DOCTYPE c [<!ENTITY x PUBLIC \"-//A//B\" \"http://a.example/\">]><c>&x;</c>", "external entities"),
        ("<!DOCTYPE c [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]><c>&b;</c>", "made of other entities"),
        ("<!DOCTYPE c [<!ENTITY m \"<b>x</b>\">]><c>&m;</c>", "markup"),
        (
            "<!DOCTYPE c [<!ENTITY a \"" + String(repeating: "A", count: 100_000) + "\">]><c>"
                + String(repeating: "&a;", count: 20) + "</c>", "expand past 1 MB"
        ),
    ])
    func refusesWhatCouldReachOutOrMultiply(_ input: String, _ why: String) {
        do {
            _ = try Self.repair(input)
            Issue.record("expected a refusal")
        } catch let error as XMLError {
            #expect(error.code == .hostile)
            #expect(error.message.contains(why), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
