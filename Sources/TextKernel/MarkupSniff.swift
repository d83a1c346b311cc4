/// The quick looks at text that decide whether it holds markup, before any parser is asked.
/// One owner for the question: the feed readers, the HTML reducer and the feed rules ask here.
package enum MarkupSniff {
    /// Whether text could hold markup or entities at all: a `<` or a `&` (the fast path for
    /// plain text).
    package static func mayHoldMarkup(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
    }

    /// Whether text holds the start of a tag: `<` then `/`, `!` or an ASCII letter (`<b>`,
    /// `</p>`, `<!--`).
    package static func hasTag(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if previous == UInt8(ascii: "<") && (b == UInt8(ascii: "/") || b == UInt8(ascii: "!") || isASCIILetter(b)) {
                return true
            }
            previous = b
        }
        return false
    }

    /// Whether text holds an entity reference: `&`, one to ten of `#`, letters and digits,
    /// then `;` (`&amp;`, `&#8217;`).
    package static func hasEntity(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while let amp = scalars[i...].firstIndex(of: "&") {
            var j = scalars.index(after: amp)
            var count = 0
            while j < scalars.endIndex, count < 10,
                scalars[j] == "#" || scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j])
            {
                j = scalars.index(after: j)
                count += 1
            }
            if count > 0, j < scalars.endIndex, scalars[j] == ";" { return true }
            i = scalars.index(after: amp)
        }
        return false
    }

    /// Whether text that arrived as plain text is HTML after all: it holds a tag or an entity.
    package static func looksLikeHTML(_ s: String) -> Bool {
        mayHoldMarkup(s) && (hasTag(s) || hasEntity(s))
    }

    /// Whether a paragraph names a common HTML element (`<p>`, `<br`, `<a `…): what text
    /// reduced from markup still holds when the markup was escaped twice.
    package static func hasCommonHTMLTag(_ paragraph: String) -> Bool {
        guard paragraph.contains("<") else { return false }
        let lower = paragraph.lowercased()
        return commonTags.contains { lower.contains($0) }
    }

    static let commonTags = [
        "<p>", "<p ", "</p>", "<br", "<div", "</div>", "<b>", "<i>", "<a ", "</a>", "<em>", "<strong>", "<ul>",
        "<li>", "<h1", "<h2", "<h3", "<img ", "<span", "<script", "<iframe",
    ]

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { b | 0x20 >= 0x61 && b | 0x20 <= 0x7A }
}
