import SeededRandom
import Testing

@testable import TextKernel

/// One white-space definition: Unicode's White_Space property, on scalars and on UTF-8
/// bytes alike; the markup grammars' narrower spaces; padding trimmed, not collapsed.
@Suite struct WhitespaceTests {
    @Test func isSpaceIsUnicodesWhiteSpaceProperty() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(value) else { continue }  // surrogates
            if Whitespace.isSpace(u) != u.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements == [])
    }

    @Test func bytesAgreeWithScalars() {
        // Every scalar of the first three planes' worth of UTF-8 lengths, alone and between letters.
        for value in UInt32(0)...0xFFFF {
            guard let u = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(u).utf8)
            let length = bytes.withUnsafeBufferPointer { Whitespace.spaceLength($0, at: 0) }
            #expect(length == (Whitespace.isSpace(u) ? bytes.count : 0), "U+\(String(value, radix: 16))")
        }
    }

    @Test func collapsedMeansCollapseChangesNothing() {
        // A fixed pseudo-random walk over letters, spaces of every kind and padding.
        let alphabet: [String] = [
            "a", "é", "—", " ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{85}",
        ]
        var rng = SplitMix64(state: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<2000 {
            let s = rng.text(of: alphabet, count: 0...15)
            let collapsed = Whitespace.collapse(s)
            var copy = s
            let judged = copy.withUTF8 { Whitespace.isCollapsed($0) }
            #expect(judged == (collapsed == s), "\(Array(s.unicodeScalars))")
            #expect(!collapsed.unicodeScalars.contains { Whitespace.isSpace($0) && $0 != " " })
            #expect(!collapsed.contains("  ") && collapsed.first != " " && collapsed.last != " ")
        }
    }

    /// Long mixed-script texts (words of eight bytes with and without letters outside ASCII)
    /// judged on bytes as their scalars say: collapsed when no white space stands at an end,
    /// none but U+0020 inside, and no two side by side.
    @Test func collapsedOnLongMixedText() {
        let alphabet: [String] = [
            "a", "word", "é", "東京", "مؤشر", "—", "…", "“", "\u{2003}", "\u{3000}", "\u{A0}", "\u{85}", "\u{1680}",
            "\u{205F}", "\u{2028}", "\t", " ", " ", " ", "ab", "\u{200B}", "\u{2010}", "\u{3001}", "\u{C0}",
        ]
        var rng = SplitMix64(state: 18)
        var collapsedSeen = 0
        for _ in 0..<20_000 {
            let s = rng.text(of: alphabet, count: 0...63)
            let scalars = Array(s.unicodeScalars)
            let expected =
                !(scalars.first.map(Whitespace.isSpace) ?? false) && !(scalars.last.map(Whitespace.isSpace) ?? false)
                && !scalars.contains { Whitespace.isSpace($0) && $0 != " " } && !s.contains("  ")
            var copy = s
            #expect(copy.withUTF8 { Whitespace.isCollapsed($0) } == expected, "\(scalars)")
            if expected { collapsedSeen += 1 }
        }
        #expect(collapsedSeen > 500)
    }

    @Test func zeroWidthSpaceIsKeptInsideAndTrimmedAtTheEnds() {
        // U+200B separates Thai words: it is not white space and stays inside the text.
        #expect(Whitespace.collapse("ภาษา\u{200B}ไทย") == "ภาษา\u{200B}ไทย")
        #expect("\u{FEFF}\u{200B} text \u{200B}".trimmingWhitespace() == "text")
        #expect("\u{200B}  two   words\u{A0}".collapsingWhitespace() == "two words")
        #expect("\u{200B}\u{FEFF}".trimmingWhitespace() == "")
    }

    @Test func markupSpacesAreTheGrammars() {
        let xml = (UInt8(0)...255).filter { Whitespace.isXMLSpace($0) }
        let html = (UInt8(0)...255).filter { Whitespace.isHTMLSpace($0) }
        #expect(xml == [0x09, 0x0A, 0x0D, 0x20])
        #expect(html == [0x09, 0x0A, 0x0C, 0x0D, 0x20])
    }
}

/// The one place that decides whether text holds markup.
@Suite struct MarkupSniffTests {
    @Test func tagsAndEntities() {
        #expect(MarkupSniff.looksLikeHTML("Bold <b>news</b>"))
        #expect(MarkupSniff.looksLikeHTML("</p>"))
        #expect(MarkupSniff.looksLikeHTML("a <!-- note -->"))
        #expect(MarkupSniff.looksLikeHTML("Fish &amp; chips"))
        #expect(MarkupSniff.looksLikeHTML("it&#8217;s"))
        #expect(!MarkupSniff.looksLikeHTML("3 < 4 and 5 > 2"))
        #expect(!MarkupSniff.looksLikeHTML("Fish & chips; peas"))
        #expect(!MarkupSniff.looksLikeHTML("&averyveryverylongname;"))  // more than ten
        #expect(!MarkupSniff.looksLikeHTML("<1> is not a tag"))
        #expect(MarkupSniff.hasTag("<b>") && !MarkupSniff.hasTag("&amp;"))
        #expect(MarkupSniff.hasEntity("&amp;") && !MarkupSniff.hasEntity("<b>"))
        #expect(!MarkupSniff.mayHoldMarkup("plain text"))
    }

    @Test func commonTagsAfterOneReduction() {
        #expect(MarkupSniff.hasCommonHTMLTag("<P>escaped twice</P>"))
        #expect(MarkupSniff.hasCommonHTMLTag("see <a href=\"x\">this</a>"))
        #expect(!MarkupSniff.hasCommonHTMLTag("a <custom> element"))
        #expect(!MarkupSniff.hasCommonHTMLTag("no markup"))
    }
}
