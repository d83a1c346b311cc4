import TextKernel

/// The dateline that opens a lead: where (and often when, and from which agency) the story
/// was filed. `JAKARTA, June 3 (Reuters) - …`, `KUALA LUMPUR, 12 Mac (Bernama) -- …`,
/// `TEMPO.CO, Jakarta - …`, `KOMPAS.com - …`, `MADRID, 4 jun (EFE).- …`, `Berlin (dpa) - …`,
/// `IPOH: …`, `الدوحة في 12 يونيو /قنا/ …`.
package struct Dateline: Equatable, Sendable {
    /// The dateline as written, without the dash or colon that ends it.
    package var text: String
    /// The agency named in it (`Reuters`, `dpa`), when there is one in parentheses or slashes.
    package var agency: String?

    /// The separators that end a dateline, longest first.
    static let separators = [" -- ", " — ", " – ", " - ", ").- ", ") -", "/ ", ": "]

    /// The dateline at the start of `lead`, if it has one.
    package static func find(in lead: String) -> Dateline? {
        guard mayHaveDateline(lead) else { return nil }
        let head = String(lead.prefix(90))
        // 1. An agency in parentheses or slashes near the start, then a separator or space.
        if let d = agencyForm(head) { return d }
        // 2. `PLACE - `, `TEMPO.CO, Jakarta - `, `ROMA, 5 GIU - `: a short name-like prefix.
        for separator in [" -- ", " — ", " – ", " - "] {
            guard let r = head.utf8Range(of: separator) else { continue }
            let prefix = String(head[..<r.lowerBound])
            if isPlaceLike(prefix) { return Dateline(text: prefix, agency: nil) }
        }
        // 3. `IPOH: `, `KUALA TERENGGANU: `: a place in capitals and a colon.
        // (Without the byte, no character is a colon: most heads are answered without walking them.)
        if head.utf8.contains(0x3A), let colon = head.firstIndex(of: ":"),
            head[head.index(after: colon)...].hasPrefix(" ")
        {
            let prefix = head[..<colon]
            let words = prefix.split(separator: " ")
            if (1...4).contains(words.count), prefix.count >= 3,
                prefix.allSatisfy({ $0.isUppercase || $0 == " " || $0 == "-" || $0 == "'" || $0 == "." }),
                prefix.contains(where: \.isLetter)
            {
                return Dateline(text: String(prefix), agency: nil)
            }
        }
        return nil
    }

    /// A dateline ends at a dash, a colon or an agency in slashes within the first 90
    /// characters: without one of these bytes there, there is none.
    static func mayHaveDateline(_ lead: String) -> Bool {
        var copy = lead
        return copy.withUTF8 { b in
            b.prefix(360).contains { $0 == 0x2D || $0 == 0x3A || $0 == 0x2F || $0 == 0x94 || $0 == 0x93 }
        }
    }

    static func agencyForm(_ head: String) -> Dateline? {
        for (open, close) in [("(", ")"), ("/", "/")] {
            // Without the byte, no character is it: most leads are answered without walking
            // their characters.
            guard head.utf8.contains(open.utf8.first!), let o = head.firstIndex(of: Character(open)),
                let c = head[head.index(after: o)...].firstIndex(of: Character(close))
            else { continue }
            let before = String(head[..<o]).trimmingWhitespace()
            let agency = String(head[head.index(after: o)..<c]).trimmingWhitespace()
            guard !before.isEmpty, before.count <= 50, before.split(separator: " ").count <= 7,
                !agency.isEmpty, agency.count <= 30, !agency.contains(where: { ".,;:!?".contains($0) }),
                before.first.map({ $0.isUppercase || !$0.isCased }) == true,
                !before.contains(where: { "()/\"“".contains($0) })
            else { continue }
            // After the agency: a separator (`-`, `--`, `—`, `.-`) or, with slashes, a space.
            let after = head[head.index(after: c)...]
            let rest = after.drop { $0 == "." }
            let dashed = rest.hasPrefix(" -") || rest.hasPrefix(" –") || rest.hasPrefix(" —") || rest.hasPrefix("-")
            guard dashed || (open == "/" && rest.hasPrefix(" ")) else { continue }
            // Words before the agency read like a place and a date, not a sentence.
            guard before.split(separator: " ").allSatisfy(isDatelineWord) else { continue }
            return Dateline(text: String(head[...c]), agency: agency)
        }
        return nil
    }

    /// `TEMPO.CO, Jakarta`, `KOMPAS.com`, `Jakarta, CNN Indonesia`, `ROMA, 5 GIU`, `Cibayu`.
    static func isPlaceLike(_ prefix: String) -> Bool {
        let words = prefix.split(separator: " ")
        guard (1...5).contains(words.count), prefix.count <= 40 else { return false }
        guard let first = prefix.first, first.isUppercase || !first.isCased else { return false }
        return words.allSatisfy(isDatelineWord)
    }

    /// A word of a dateline: capitalised (or in a script without case), a number, a short
    /// month abbreviation (`jun`, `mai`), a separator.
    static func isDatelineWord(_ word: Substring) -> Bool {
        let w = word.trimming(",.")
        guard let first = w.first else { return true }
        if first.isUppercase || !first.isCased { return true }
        if w.allSatisfy(\.isNumber) { return true }
        if w == "-" || w == "–" { return true }
        // Month abbreviations and names in lower case (`4 jun`, `12 mai 2023`), `de`, `di`, `في`.
        return w.count <= 9 && w.allSatisfy(\.isLetter) && Dateline.lowerWords.contains(w.lowercased())
    }

    static let lowerWords: Set<String> = [
        "jan", "feb", "mar", "abr", "apr", "mei", "mai", "may", "mayo", "jun", "juni", "juin", "jul", "juli", "juil",
        "ago", "agu", "aug", "août", "set", "sep", "sept", "okt", "oct", "out", "ott", "nov", "dez", "dic", "dec",
        "des",
        "januari", "februari", "maret", "april", "juni", "juli", "agustus", "september", "oktober", "november",
        "desember", "enero", "febrero", "marzo", "abril", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "janvier", "février", "mars", "avril", "juillet", "septembre", "octobre",
        "novembre", "décembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "outubro", "novembro",
        "dezembro", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
        "dicembre", "de", "di", "del", "da", "giu", "lug", "mag", "gen", "mac", "okt", "ogos", "dis",
    ]
}
