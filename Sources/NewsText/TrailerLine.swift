import TextKernel
package import WireModel

/// What a non-paragraph line of cleaned text means.
package enum TrailerLine: Equatable {
    case text
    case readAlso
    case source(String)
    case rights(Rights)
    case byline([Person])

    static let sourceLabels: Set<String> = [
        "sumber", "source", "sources", "fuente", "quelle", "fonte", "bron", "kaynak", "المصدر", "источник",
    ]
    static let readAlsoLabels: [String] = [
        "baca juga", "baca pula", "lihat juga", "read also", "also read", "read more", "see also", "lire aussi",
        "à lire aussi", "lesen sie auch", "lea también", "leia também", "baca lagi", "simak juga", "اقرأ أيضا",
    ]
    static let bylineLabels: [String: Person.Role] = [
        "pewarta": .author, "reporter": .author, "penulis": .author, "wartawan": .author, "author": .author,
        "writer": .author, "by": .author, "oleh": .author, "autor": .author, "auteur": .author, "redacción": .author,
        "editor": .editor, "penyunting": .editor, "redaktur": .editor, "editing by": .editor, "édition": .editor,
        "pewarta foto": .photographer, "fotografer": .photographer, "photographer": .photographer,
        "photo": .photographer,
        "foto": .photographer, "contributor": .contributor, "kontributor": .contributor,
    ]

    package static func classify(_ line: String) -> TrailerLine {
        // Trailer lines are short: a paragraph is never lowercased or scanned whole.
        let length = line.utf8.count
        guard length <= 800 else { return .text }
        let lower = String(line.prefix(24)).lowercased()
        if lower.hasPrefix("copyright") || lower.hasPrefix("©") || lower.hasPrefix("(c) ")
            || lower.hasPrefix("hak cipta")
        {
            if line.unicodeScalars.count <= 160, let r = parseRights(line) { return .rights(r) }
        }
        guard line.unicodeScalars.count <= 200 else { return .text }
        for label in readAlsoLabels where lower.hasPrefix(label) {
            let rest = lower.dropFirst(label.count).drop(while: { $0 == " " || $0 == "\u{A0}" })
            if rest.hasPrefix(":") || rest.hasPrefix("-") || rest.hasPrefix("–") { return .readAlso }
        }
        // On the UTF-8 view: a Character search would break the whole line into graphemes.
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .text }
        let label = String(line[..<colon]).trimmingWhitespace().lowercased()
        let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
        guard !value.isEmpty, label.count <= 24 else { return .text }
        if sourceLabels.contains(label), value.unicodeScalars.count <= 100 { return .source(value) }
        if let role = bylineLabels[label], value.unicodeScalars.count <= 120 {
            let names = splitNames(value)
            if !names.isEmpty { return .byline(names.map { Person(name: $0, role: role) }) }
        }
        return .text
    }

    static func splitNames(_ value: String) -> [String] {
        var s = value
        for sep in [" dan ", " and ", " & ", " y ", " et ", " und ", ";", "/"] {
            s = s.replacingAll(sep, with: ",")
        }
        return s.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// `COPYRIGHT © ANTARA News 2020`, `Copyright (c) 2024 X Ltd. All rights reserved.`, `© X 2019`.
    static func parseRights(_ line: String) -> Rights? {
        var rest = Substring(line)
        var changed = true
        while changed {
            changed = false
            rest = rest.drop(while: { $0 == " " })
            let head = rest.prefix(9).lowercased()
            for prefix in ["copyright", "hak cipta", "©", "(c)"] where head.hasPrefix(prefix) {
                rest = rest.dropFirst(prefix.count)
                changed = true
                break
            }
        }
        var text = String(rest).trimmingWhitespace()
        let tail = text.suffix(40).lowercased()
        for suffix in [
            "all rights reserved.", "all rights reserved", "hak cipta dilindungi undang-undang.",
            "hak cipta dilindungi undang-undang", "tous droits réservés.", "todos los derechos reservados.",
        ] where tail.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingWhitespace()
            break
        }
        var year: Int?
        var words = text.split(separator: " ").map(String.init)
        if let first = words.first, let y = yearValue(first) {
            year = y
            words.removeFirst()
        } else if let last = words.last, let y = yearValue(last) {
            year = y
            words.removeLast()
        }
        var holder = words.joined(separator: " ").trimmingWhitespace()
        while let last = holder.last,
            last == "," || last == "." && !holder.hasSuffix("Ltd.") && !holder.hasSuffix("Inc.")
        {
            holder.removeLast()
        }
        holder = holder.trimmingWhitespace()
        guard year != nil || !holder.isEmpty else { return nil }
        return Rights(holder: holder.isEmpty ? nil : holder, year: year, notice: line)
    }

    static func yearValue(_ word: String) -> Int? {
        var w = Substring(word)
        while let l = w.last, l == "," || l == "." { w = w.dropLast() }
        // "2019-2020": the latest year counts.
        if let dash = w.lastIndex(where: { $0 == "-" || $0 == "–" }) { w = w[w.index(after: dash)...] }
        guard w.count == 4, let y = Int(w), (1800...2999).contains(y) else { return nil }
        return y
    }
}
