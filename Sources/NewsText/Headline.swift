import TextKernel

/// Headlines derived from text, for articles that come without one.
package enum Headline {
    /// A headline from the lead: its first sentence when short, else cut at a word
    /// boundary with an ellipsis.
    package static func derive(from lead: String?, limit: Int = 110) -> String? {
        guard let lead, !lead.isEmpty else { return nil }
        let scalars = Array(lead.unicodeScalars)
        // First sentence: up to ". " (or the end), when it fits.
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if (c == "." || c == "!" || c == "?" || c == "。") && (i + 1 == scalars.count || scalars[i + 1] == " ")
                && i >= 12
            {
                break
            }
            i += 1
        }
        if i <= limit {
            var end = min(i, scalars.count)
            if end < scalars.count && scalars[end] != "." { end += 1 }  // keep ! and ?
            return String(String.UnicodeScalarView(scalars[..<end])).trimmingWhitespace()
        }
        var cut = limit
        while cut > 0 && scalars[cut] != " " { cut -= 1 }
        if cut < limit / 2 { cut = limit }
        var title = String(String.UnicodeScalarView(scalars[..<cut])).trimmingWhitespace()
        while let last = title.unicodeScalars.last, ",;:-–—(".unicodeScalars.contains(last) {
            title.unicodeScalars.removeLast()
            title = title.trimmingWhitespace()
        }
        return title + "…"
    }
}
