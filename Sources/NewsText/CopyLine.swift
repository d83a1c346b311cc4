import Synchronization
import TextKernel
package import WireModel

/// What one line of newsroom copy is, judged on the line alone. Where it stands decides the
/// rest: a credit line counts in the trailer, while a line shaped like one inside the body is
/// the story's (an interview's `Reporter: …?`). The conventions are in ``Newsroom``.
package enum CopyLine: Equatable {
    /// Prose, or anything not recognised.
    case text
    /// `Baca juga: …`: a link to another story.
    case relatedLink
    /// `Sumber: ANTARA`.
    case source(String)
    /// `COPYRIGHT © ANTARA 2023`.
    case rights(Rights)
    /// `Pewarta: A`, `Reporting by A; Editing by B`, `A contributed to this report.`
    case credit([Person])
    /// `-- BERNAMA`, `(ant)`, `(rdp/imk)`, `EFE lfo/jrb`: the desk's sign-off.
    case signOff
    /// `[Gambas:Video 20detik]`, `ADVERTISEMENT`: what the page put around the story.
    case boilerplate
    /// `Foto: Warga mengantre …`: a photo caption (its text).
    case caption(String)

    /// Whether the line belongs to a trailer (source, rights, credits, a sign-off).
    package var isTrailer: Bool {
        switch self {
        case .source, .rights, .credit, .signOff: true
        default: false
        }
    }

    package static func classify(_ line: String) -> CopyLine {
        // Label lines are short, and each test below looks at the line's head (lowercased
        // once) before anything else: a paragraph is never lowercased or scanned whole.
        let bytes = line.utf8.count
        guard bytes <= 900 else { return .text }
        if bytes > 32 && !mayBeLabel(line) { return .text }
        // A batch from one desk repeats its trailer lines (source, copyright, sign-off) in
        // every article: what they are is remembered, not worked out again.
        guard bytes <= Remembered.longest else { return label(line, bytes: bytes) }
        // String keys match canonically equivalent text (é and e + U+0301): a remembered line
        // counts only when its bytes are the same.
        if let known = Remembered.lines.withLock({ $0[line] }), known.line.utf8.elementsEqual(line.utf8) {
            return known.kind
        }
        let kind = label(line, bytes: bytes)
        if kind != .text {
            Remembered.lines.withLock {
                if $0.count >= Remembered.capacity { $0.removeAll(keepingCapacity: true) }
                $0[line] = (line, kind)
            }
        }
        return kind
    }

    /// What recent label lines were (a pure function's results: the same line is the same
    /// thing in every article), shared by the reading threads.
    enum Remembered {
        static let longest = 320
        static let capacity = 4096
        static let lines = Mutex<[String: (line: String, kind: CopyLine)]>([:])
    }

    /// ``classify(_:)`` for a line that may be a label (`bytes` long).
    static func label(_ line: String, bytes: Int) -> CopyLine {
        // Lowercased head: 32 characters, 64 when it may open a long boilerplate phrase.
        var lower = line.lowercasedHead(32)
        if line.utf8.count > 32, Newsroom.boilerplate.contains(where: { $0.count > 30 && $0.hasPrefix(lower) }) {
            lower = line.lowercasedHead(64)
        }
        if let rights = rightsLine(line, lower: lower) { return .rights(rights) }
        guard bytes <= 240 || (bytes <= 720 && line.scalarCount <= 240) else { return .text }
        if bytes <= 128 && isSignOff(line, lower: lower) { return .signOff }
        if isBoilerplate(line, lower: lower) { return .boilerplate }
        if leadingLabel(lower, Newsroom.relatedLinkLabels) != nil { return .relatedLink }
        if let caption = caption(line, lower: lower) { return .caption(caption) }
        if lower.hasPrefix("(") || Newsroom.creditPhrases.contains(where: { lower.hasPrefix($0.phrase) }),
            let people = creditPhrase(line)
        {
            return .credit(people)
        }
        if bytes <= 240, let people = contributedLine(line) {
            return .credit(people)
        }
        // `Label: value` (also `Label : value`, and `A: x | B: y`): a colon near the start.
        guard line.utf8.prefix(72).contains(UInt8(ascii: ":")) else { return .text }
        let segments = line.split(separator: " | ").map(String.init)
        var people: [Person] = []
        for segment in segments {
            guard let colon = segment.firstIndex(of: ":") else { return .text }
            let label = String(segment[..<colon]).trimmingWhitespace().lowercased()
            guard label.count <= 24 else { return .text }
            let value = String(segment[segment.index(after: colon)...]).trimmingWhitespace()
            guard !value.isEmpty else { return .text }
            if segments.count == 1, Newsroom.sourceLabels.contains(label) {
                return isPlausibleSource(value) ? .source(value) : .text
            }
            guard let role = Newsroom.creditLabels[label], let names = names(value) else { return .text }
            people += names.map { Person(name: $0, role: role) }
        }
        return people.isEmpty ? .text : .credit(people)
    }

    /// Whether a line may be anything but prose: its first word opens a convention, it starts
    /// with a bracket, a dash or ©, it has © near the start, or it ends with "contributed …".
    /// Judged on the UTF-8 bytes, without a lowercased copy of the line.
    static func mayBeLabel(_ line: String) -> Bool {
        var copy = line
        return copy.withUTF8 { b in
            guard let first = b.first else { return false }
            // ( [ - – — ©
            if first == 0x28 || first == 0x5B || first == 0x2D { return true }
            if b.count >= 3 && first == 0xE2 && b[1] == 0x80 && (b[2] == 0x93 || b[2] == 0x94) { return true }
            if b.count >= 2 && first == 0xC2 && b[1] == 0xA9 { return true }
            // The first word, lowercased (ASCII here; other scripts through the case tables).
            var end = 0
            var ascii = true
            while end < min(b.count, 28) {
                let byte = b[end]
                if byte == 0x20 || byte == 0x3A || byte == 0x7C || byte == 0xC2 { break }
                if byte >= 0x80 { ascii = false }
                end += 1
            }
            var text = String(unsafeUninitializedCapacity: end) { out in
                for i in 0..<end { out[i] = b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
                return end
            }
            if !ascii { text = text.lowercasedSkippingCaselessScripts() }
            if Newsroom.firstWords.contains(text) { return true }
            // © near the start (`جميع الحقوق محفوظة © 2023 …`).
            let head = b.prefix(96)
            if head.count >= 2, (0..<(head.count - 1)).contains(where: { head[$0] == 0xC2 && head[$0 + 1] == 0xA9 }) {
                return true
            }
            return b.count <= 240 && endsWithContributed(b)
        }
    }

    /// The label among `labels` that opens the line, followed by `:`, `-`, `–` or `|`.
    static func leadingLabel(_ lower: String, _ labels: [String]) -> String? {
        for label in labels where lower.hasPrefix(label) {
            let rest = lower.dropFirst(label.count).drop { $0 == " " || $0 == "\u{A0}" }
            if rest.hasPrefix(":") || rest.hasPrefix("-") || rest.hasPrefix("–") || rest.hasPrefix("|") {
                return label
            }
        }
        return nil
    }

    // MARK: Sign-offs and boilerplate

    static func isSignOff(_ line: String, lower: String) -> Bool {
        guard line.hasAtMostScalars(32) else {
            return false
        }
        var marker = Substring(lower)
        while marker.last == "." { marker = marker.dropLast() }
        if Newsroom.endMarkers.contains(String(marker)) { return true }
        // `-- BERNAMA`, `--BERNAMA`, `-- AFP`
        if line.hasPrefix("-") || line.hasPrefix("–") || line.hasPrefix("—") {
            let word = line.drop { $0 == "-" || $0 == "–" || $0 == "—" || $0 == " " }
            return !word.isEmpty && word.count <= 16 && !word.contains(" ") && word.first!.isUppercase
        }
        // `(ant)`, `(rdp/imk)`, `(dpa)`, `(ANSA).`, `(النهاية)`: one short token in parentheses.
        var inner = Substring(line)
        if inner.hasSuffix(".") { inner = inner.dropLast() }
        if inner.hasPrefix("("), inner.hasSuffix(")") {
            inner = inner.dropFirst().dropLast()
            return !inner.isEmpty && inner.count <= 20 && !inner.contains(" ") && !inner.contains(where: \.isNumber)
        }
        let words = line.split(separator: " ")
        // `EFE lfo/jrb`, `cv/jd/ial`: initials of the desk, slash-separated.
        if let last = words.last, last.contains("/"), words.count <= 2,
            last.split(separator: "/").allSatisfy({ $0.count <= 4 && $0.allSatisfy(\.isLetter) }),
            words.count == 1 || words[0].allSatisfy({ $0.isUppercase || !$0.isLetter })
        {
            return true
        }
        // `JSM // MCL`, `Lusa/Fim`
        if line.contains("//") && words.allSatisfy({ $0 == "//" || $0.allSatisfy(\.isUppercase) }) { return true }
        if let slash = line.lastIndex(of: "/"),
            Newsroom.endMarkers.contains(line[line.index(after: slash)...].lowercased())
        {
            return true
        }
        // `(Schluss) sh/mk`, `(النهاية) ف ن ع / م ع`: an end marker and the desk's initials.
        if words.count >= 2, words.count <= 10, words.allSatisfy(isMarkerToken) { return true }
        // `ف ن ع`: initials in a script without case, one letter each.
        if words.count >= 2, words.count <= 5,
            words.allSatisfy({ $0.count == 1 && $0.first!.isLetter && !$0.first!.isCased })
        {
            return true
        }
        return false
    }

    /// A token of a sign-off: `(Schluss)`, `sh/mk`, `/`, `//`, a single letter without case.
    static func isMarkerToken(_ token: Substring) -> Bool {
        if token == "/" || token == "//" { return true }
        if token.hasPrefix("("), token.hasSuffix(")") {
            return token.count <= 14 && !token.contains(where: \.isNumber)
        }
        if token.count == 1, let c = token.first, c.isLetter, !c.isCased { return true }
        return token.contains("/")
            && token.split(separator: "/").allSatisfy { $0.count <= 4 && $0.allSatisfy(\.isLetter) }
    }

    static func isBoilerplate(_ line: String, lower: String) -> Bool {
        // `[Gambas:Video 20detik]`, `[Gambas:Instagram]`: an embed placeholder.
        if line.hasPrefix("["), line.hasSuffix("]"), line.count <= 80 { return true }
        var trimmed = Substring(lower)
        while let last = trimmed.last, last == "." || last == " " { trimmed = trimmed.dropLast() }
        for phrase in Newsroom.boilerplate where trimmed.hasPrefix(phrase) {
            // The phrase alone, or a label (`Artikel ini disiarkan pada : …`).
            let rest = trimmed.dropFirst(phrase.count).drop { $0 == " " }
            if rest.isEmpty || rest.hasPrefix(":") || phrase.count >= 20 { return true }
        }
        return false
    }

    // MARK: Captions

    /// A caption: a caption label and a sentence (a credit has names only), or a sentence in
    /// parentheses after one (`(Photo: …)`).
    static func caption(_ line: String, lower: String) -> String? {
        var text = Substring(line)
        var lowered = Substring(lower)
        let parenthesized = text.hasPrefix("(") && text.hasSuffix(")")
        if parenthesized {
            text = text.dropFirst().dropLast()
            lowered = lowered.dropFirst()
        }
        guard let label = leadingLabel(String(lowered), Newsroom.captionLabels) else { return nil }
        let rest = text.dropFirst(label.count).drop { $0 == " " || $0 == "\u{A0}" || $0 == ":" || $0 == "-" }
        let value = String(rest).trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        if parenthesized { return value }
        // `Foto: Markus Steiner` and `Foto: dpa` credit; a caption says something.
        if names(value) != nil { return nil }
        return value
    }

    // MARK: Credits

    /// `Reporting by A and B; Additional reporting by C in Makassar; Editing by D`, in
    /// parentheses or not.
    static func creditPhrase(_ line: String) -> [Person]? {
        var text = Substring(line).trimming(" ")
        if text.hasPrefix("("), text.hasSuffix(")") { text = text.dropFirst().dropLast() }
        var people: [Person] = []
        for segment in text.split(separator: ";") {
            let s = String(segment).trimmingWhitespace()
            let lower = s.lowercased()
            guard let (phrase, role) = Newsroom.creditPhrases.first(where: { lower.hasPrefix($0.phrase + " ") }),
                let names = names(String(s.dropFirst(phrase.count)), dropPlaces: true)
            else { return nil }
            people += names.map { Person(name: $0, role: role) }
        }
        return people.isEmpty ? nil : people
    }

    /// Whether "contributed" (any case) stands in the last 48 bytes: the cheap test first.
    static func endsWithContributed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: StaticString = "contributed"
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard b.count >= n else { return false }
        for start in max(0, b.count - 48)...(b.count - n) where b[start] | 0x20 == w[0] {
            var k = 1
            while k < n && b[start + k] | 0x20 == w[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }

    /// `Associated Press writer Lena Ortiz in Baltimore contributed to this report.`
    static func contributedLine(_ line: String) -> [Person]? {
        guard line.count <= 200 else { return nil }
        let lower = line.lowercased()
        guard lower.utf8Range(of: "contributed") != nil else { return nil }
        var end: String.Index?
        for phrase in ["contributed to this report", "contributed to this story", "contributed reporting"] {
            if let r = lower.utf8Range(of: phrase) { end = r.lowerBound }
        }
        guard let end, line.count <= 200 else { return nil }
        // The names start at the first capitalised word that is not a news organisation's.
        var words = line[..<end].split(separator: " ").map(String.init)
        while let first = words.first,
            !(first.first?.isUppercase ?? false)
                || ["associated", "press", "ap", "reuters", "afp"].contains(first.lowercased())
                || (words.count > 1
                    && ["writer", "writers", "correspondent", "correspondents"].contains(words[1].lowercased())
                    && ["associated", "press", "ap"].contains(first.lowercased()))
        {
            words.removeFirst()
        }
        // `Press writer Lena Ortiz`: the role word itself.
        while let first = words.first,
            ["writer", "writers", "correspondent", "correspondents", "staff"].contains(first.lowercased())
        {
            words.removeFirst()
        }
        guard let names = names(words.joined(separator: " "), dropPlaces: true) else { return nil }
        return names.map { Person(name: $0, role: .contributor) }
    }

    /// A first-line byline: `By Maya Kusuma and Peter Hale`, `Par Élise Garnier et Thomas
    /// Roussel`, `Por Mariana Toledo Vasconcelos - Repórter da Agência Brasil`.
    package static func byline(_ line: String) -> [Person]? {
        guard line.hasAtMostScalars(120), let space = line.firstIndex(of: " ") else { return nil }
        let word = line[..<space].lowercased()
        guard Newsroom.bylineWords.contains(word) else { return nil }
        var rest = String(line[line.index(after: space)...])
        if rest.hasPrefix(":") { return nil }  // `Oleh: A` is a labelled credit
        let lower = rest.lowercased()
        for tail in Newsroom.bylineTails {
            if let r = lower.utf8Range(of: tail) {
                rest = String(
                    rest[
                        ..<rest.index(
                            rest.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.lowerBound))])
            }
        }
        guard let names = names(rest) else { return nil }
        return names.map { Person(name: $0, role: .author) }
    }

    /// The names in a credit's value, or nil when it is not a list of names (a sentence, a
    /// question, a date).
    package static func names(_ value: String, dropPlaces: Bool = false) -> [String]? {
        var s = " " + value.trimmingWhitespace() + " "
        for separator in Newsroom.nameSeparators { s = s.replacingAll(separator, with: "\u{1}") }
        var names: [String] = []
        for part in s.split(separator: "\u{1}") {
            var name = String(part).trimmingWhitespace()
            if dropPlaces, let r = name.utf8Range(of: " in ") { name = String(name[..<r.lowerBound]) }
            if name.hasSuffix(".")
                && !(name.dropLast().last.map { $0.isUppercase && name.dropLast().dropLast().last == " " } ?? false)
            {
                name.removeLast()
            }
            guard !name.isEmpty else { continue }
            guard isPlausibleName(name) else { return nil }
            names.append(name)
        }
        return names.isEmpty ? nil : names
    }

    /// One to six words, no digits and no sentence punctuation; each word capitalised, a
    /// name particle (`van`, `bin`), or in a script without case.
    static func isPlausibleName(_ name: String) -> Bool {
        guard name.count <= 60 else { return false }
        let words = name.split(separator: " ")
        guard (1...6).contains(words.count) else { return false }
        if name.contains(where: { $0.isNumber || "?!:\"“”«»()[]".contains($0) }) { return false }
        var capitalised = 0
        for word in words {
            guard let first = word.first(where: \.isLetter) else { return false }
            if first.isUppercase {
                capitalised += 1
            } else if first.isLowercase {
                guard Newsroom.nameParticles.contains(word.lowercased()) || word.count <= 4 && words.count == 1 else {
                    return false
                }
            } else {
                capitalised += 1  // Arabic, Chinese…: no case to judge by
            }
        }
        return capitalised > 0
    }

    /// A source is a name, not a sentence.
    static func isPlausibleSource(_ value: String) -> Bool {
        guard value.scalarCount <= 80, !value.contains(where: { "?!".contains($0) }) else { return false }
        let words = value.split(separator: " ")
        guard words.count <= 8 else { return false }
        // `Sumber: Sejak Februari. Kami …` is an answer in an interview.
        return value.dropLast().utf8Range(of: ". ") == nil
    }

    // MARK: Rights

    static func rightsLine(_ line: String, lower: String) -> Rights? {
        guard line.hasAtMostScalars(320) else { return nil }
        let opens =
            Newsroom.rightsOpeners.contains { lower.hasPrefix($0) }
            || Newsroom.rightsReserved.contains { lower.hasPrefix($0) }
            || (line.utf8.count <= 480 && lower.unicodeScalars.contains("©") && line.scalarCount <= 160)
        guard opens else { return nil }
        // A sentence that starts with the word (`Copyright lawyers said …`) is prose.
        if lower.hasPrefix("copyright"), let next = lower.dropFirst(9).first, next.isLetter || next == "-" {
            return nil
        }
        if lower.hasPrefix("copyright ") && !lower.unicodeScalars.contains("©") && !line.contains(where: \.isNumber)
            && !Newsroom.rightsReserved.contains(where: { lower.contains($0) })
        {
            return nil
        }
        return parseRights(line)
    }

    /// `COPYRIGHT © ANTARA News 2020`, `Copyright (c) 2024 X Ltd. All rights reserved.`,
    /// `© 2008 - 2023 PT. Kompas Cyber Media`, `© dpa-infocom, dpa:230412-99-301299/2`.
    package static func parseRights(_ line: String) -> Rights? {
        var text = line
        // "All rights reserved" and whatever follows it (AP's no-redistribution sentence);
        // when it opens the line (Arabic), what follows is the notice.
        let lower = text.lowercased()
        for phrase in Newsroom.rightsReserved {
            guard let r = lower.utf8Range(of: phrase) else { continue }
            let offset = lower.distance(from: lower.startIndex, to: r.lowerBound)
            let start = text.index(text.startIndex, offsetBy: offset)
            if offset == 0 {
                text = String(text[text.index(start, offsetBy: phrase.count)...])
            } else {
                text = String(text[..<start])
            }
            break
        }
        var rest = Substring(text).trimming(" -–—|,;")
        var changed = true
        while changed {
            changed = false
            rest = rest.drop { $0 == " " || $0 == "." || $0 == "," }
            let head = rest.prefix(12).lowercased()
            for opener in Newsroom.rightsOpeners where head.hasPrefix(opener) {
                rest = rest.dropFirst(opener.count)
                changed = true
                break
            }
        }
        var words = rest.split(separator: " ").map(String.init)
        var year: Int?
        // Years at the start (`2008 - 2023`) or at the end: the latest counts.
        while let first = words.first, let y = yearValue(first) ?? (first == "-" || first == "–" ? year : nil) {
            year = max(year ?? y, y)
            words.removeFirst()
        }
        while let last = words.last, let y = yearValue(last) ?? (last == "-" || last == "–" ? year : nil) {
            year = max(year ?? y, y)
            words.removeLast()
        }
        var holder = words.joined(separator: " ")
        // A sentence after the holder (`Europa Press. Está expresamente prohibida …`).
        if let r = holder.utf8Range(of: ". "),
            holder[..<r.lowerBound].split(separator: " ").last.map({ $0.count > 3 }) == true,
            holder[r.upperBound...].split(separator: " ").count >= 4
        {
            holder = String(holder[..<r.lowerBound])
        }
        // A story id after the holder: `dpa-infocom, dpa:230412-99-301299/2`.
        while let comma = holder.lastIndex(of: ","),
            holder[holder.index(after: comma)...].contains(where: \.isNumber),
            holder[holder.index(after: comma)...].contains(where: { $0 == ":" || $0 == "/" })
        {
            holder = String(holder[..<comma])
        }
        holder = holder.trimmingWhitespace()
        while let last = holder.last, last == "," || last == "." && !endsWithAbbreviation(holder) {
            holder.removeLast()
            holder = holder.trimmingWhitespace()
        }
        guard year != nil || !holder.isEmpty else { return nil }
        return Rights(holder: holder.isEmpty ? nil : holder, year: year, notice: line)
    }

    /// `S.A.`, `Inc.`, `Ltd.`, `N.V.`: the full stop belongs to the name.
    static func endsWithAbbreviation(_ s: String) -> Bool {
        let last = s.split(separator: " ").last ?? ""
        if last.dropLast().contains(".") { return true }  // S.A., N.V.
        return ["ltd.", "inc.", "co.", "corp.", "ltda.", "cia.", "plc."].contains(last.lowercased())
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

extension Substring {
    /// Without the given characters at either end.
    func trimming(_ characters: String) -> Substring {
        var s = self
        while let c = s.first, characters.contains(c) { s = s.dropFirst() }
        while let c = s.last, characters.contains(c) { s = s.dropLast() }
        return s
    }
}
