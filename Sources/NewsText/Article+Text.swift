import TextKernel
package import WireModel

extension Article {
    /// The title to show: the title, else one derived from the lead or summary, else "Untitled"
    /// (for formats that require a title: Atom, NewsML-G2).
    package var displayTitle: String {
        if let title, !title.trimmingWhitespace().isEmpty { return title }
        return Headline.derive(from: body.first ?? summary) ?? "Untitled"
    }
}

extension Rights {
    /// Rights from a notice: holder and year when it reads like `© 2024 Holder`.
    package static func fromNotice(_ notice: String) -> Rights? {
        let n = Whitespace.collapse(notice)
        guard !n.isEmpty else { return nil }
        if let parsed = CopyLine.parseRights(n), CopyLine.classify(n) != .text {
            return Rights(holder: parsed.holder, year: parsed.year, notice: n)
        }
        return Rights(notice: n)
    }
}
