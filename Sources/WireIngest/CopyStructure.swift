import NewsText
import TextKernel
import WireModel
import XMLCore

/// What became of a line of a cleaned article.
package enum LineFate: Equatable, Sendable {
    case frontMatter
    case body
    case source, rights, credit
    /// Dropped, with the reason (a related link, a sign-off, a repeat of the body…).
    case dropped(String)
}

/// The structure of cleaned newsroom copy, found before any label is believed: the body,
/// then the trailer (the run of source, rights, credit and sign-off lines after the last
/// body paragraph), then, as cleaners often produce, the body (or part of it) pasted again.
///
/// Inside the body a line is the story's unless it is unmistakably not prose (a related-link
/// line, an embed placeholder, a sign-off, a photo caption); a line shaped like a credit or a
/// source there (an interview's `Reporter: …?`) stays in the body, with a note. Every input
/// line ends in the body, in a field (source, rights, people), or in a note that says it was
/// dropped and why: ``fates`` records which, line by line.
struct CopyStructure {
    typealias Fate = LineFate

    var paragraphs: [String] = []
    var source: String?
    var rights: Rights?
    var people: [Person] = []
    var captions: [String] = []
    var notes: [Diagnostic] = []
    /// Each non-blank input line's fate, by 0-based line index.
    var fates: [Fate?] = []

    struct Item {
        var index: Int
        var text: String
        var kind: CopyLine
        /// A blank line (or a page break) stands before it.
        var afterBlank: Bool
    }

    init(lines: [String], from start: Int, file: String) {
        fates = [Fate?](repeating: nil, count: lines.count)
        var items: [Item] = []
        var blank = true
        for index in start..<lines.count {
            let text = lines[index].collapsingWhitespace()
            if text.isEmpty {
                blank = true
                continue
            }
            items.append(Item(index: index, text: text, kind: CopyLine.classify(text), afterBlank: blank))
            blank = false
        }
        guard !items.isEmpty else { return }
        // A first-line byline (`By A and B`, `Par A`, `Oleh A`).
        if case .text = items[0].kind, let people = CopyLine.byline(items[0].text) {
            items[0].kind = .credit(people)
        }
        Self.joinContinuations(&items)
        let trailer = Self.trailerStart(items)
        var bodyLines: [(text: String, startsBlock: Bool)] = []
        var startsBlock = true
        var seenPeople: Set<Person> = []
        var repeats = 0
        func note(_ item: Item, _ message: String, severity: Severity = .info) {
            notes.append(
                Diagnostic(
                    file: file, line: item.index + 1, severity: severity, message: message, rule: "text.structure"))
        }
        func take(_ persons: [Person]) {
            for p in persons where seenPeople.insert(p).inserted { people.append(p) }
        }
        for (k, item) in items.enumerated() {
            if item.afterBlank { startsBlock = true }
            let inTrailer = k >= trailer
            func keepInBody(_ item: Item, _ what: String) {
                bodyLines.append((item.text, startsBlock))
                startsBlock = false
                fates[item.index] = .body
                note(item, "kept in the body: it reads like \(what) but stands inside the story")
            }
            switch item.kind {
            case .text:
                if inTrailer {
                    // Only repeats of the body stand after the trailer (see trailerStart).
                    fates[item.index] = .dropped("a repeat of the body after the trailer")
                    repeats += 1
                } else {
                    bodyLines.append((item.text, startsBlock))
                    startsBlock = false
                    fates[item.index] = .body
                }
            case .relatedLink:
                fates[item.index] = .dropped("a related-story link")
                note(item, "dropped a related-story link: \(item.text.prefix(60))")
                startsBlock = true
            case .boilerplate:
                fates[item.index] = .dropped("page boilerplate (an embed, an advertisement)")
                note(item, "dropped page boilerplate: \(item.text.prefix(60))")
                startsBlock = true
            case .signOff:
                fates[item.index] = .dropped("a sign-off")
                note(item, "dropped a sign-off: \(item.text.prefix(60))")
                startsBlock = true
            case .caption(let caption):
                if !captions.contains(caption) { captions.append(caption) }
                fates[item.index] = .dropped("a photo caption")
                note(item, "a photo caption, not a paragraph: \(item.text.prefix(60))")
                startsBlock = true
            case .source(let value):
                if inTrailer {
                    if source == nil { source = value }
                    fates[item.index] = .source
                } else {
                    keepInBody(item, "a source line")
                }
            case .rights(let value):
                if inTrailer {
                    if rights == nil { rights = value }
                    fates[item.index] = .rights
                } else {
                    keepInBody(item, "a copyright line")
                }
            case .credit(let persons):
                if inTrailer || k == 0 {
                    take(persons)
                    fates[item.index] = .credit
                } else {
                    keepInBody(item, "a credit line")
                }
            }
        }
        if repeats > 0 {
            notes.append(
                Diagnostic(
                    file: file, severity: .info,
                    message:
                        "dropped \(repeats) line\(repeats == 1 ? "" : "s") after the trailer that repeat the body",
                    rule: "text.repeated"))
        }
        paragraphs = Self.paragraphs(bodyLines)
    }

    // MARK: Continuations

    /// A related-link title or a caption that wraps onto the next line takes that line.
    static func joinContinuations(_ items: inout [Item]) {
        var k = 0
        while k + 1 < items.count {
            defer { k += 1 }
            let isLink: Bool
            switch items[k].kind {
            case .relatedLink: isLink = true
            case .caption: isLink = false
            default: continue
            }
            let line = items[k].text
            let next = items[k + 1]
            guard case .text = next.kind, !next.afterBlank, !endsSentence(line), line.scalarCount >= 40,
                next.text.scalarCount <= 90
            else { continue }
            // A link title does not end a sentence; a caption ends with its credit.
            if isLink && endsSentence(next.text) { continue }
            if !isLink && !(next.text.hasSuffix(")") || next.text.hasSuffix(".")) { continue }
            // The line after must not continue it: a blank, the end, another kind, or a long line.
            if k + 2 < items.count {
                let after = items[k + 2]
                let stands = after.afterBlank || after.kind != .text || after.text.scalarCount > 110
                guard stands else { continue }
            }
            if case .caption(let caption) = items[k].kind {
                items[k + 1].kind = .caption(caption + " " + next.text)
                items[k].kind = .caption(caption + " " + next.text)
            } else {
                items[k + 1].kind = .relatedLink
            }
            k += 1
        }
    }

    // MARK: The trailer

    /// Where the trailer starts: the first run of non-prose lines holding at least one
    /// trailer line (source, rights, credit, sign-off) after which no new prose comes, only
    /// lines that repeat the body before it. `items.count` when there is none.
    static func trailerStart(_ items: [Item]) -> Int {
        // For each text line, the position of its first occurrence; then, from the end, the
        // latest first occurrence of any text line from here on. Built only when a run has
        // text after it (most copy ends with its trailer and needs none of it).
        var latestFromHere: [Int] = []
        func buildRepeats() {
            var first: [ByteKey: Int] = [:]
            var firstOccurrence = [Int](repeating: -1, count: items.count)
            for (k, item) in items.enumerated() where item.kind == .text {
                let key = ByteKey(item.text)
                if let f = first[key] {
                    firstOccurrence[k] = f
                } else {
                    first[key] = k
                    firstOccurrence[k] = k
                }
            }
            latestFromHere = [Int](repeating: -1, count: items.count + 1)
            for k in stride(from: items.count - 1, through: 0, by: -1) {
                latestFromHere[k] = max(latestFromHere[k + 1], firstOccurrence[k])
            }
        }
        var k = 0
        while k < items.count {
            guard items[k].kind != .text else {
                k += 1
                continue
            }
            // A run of non-prose lines.
            let runStart = k
            var hasTrailerLine = false
            while k < items.count, items[k].kind != .text {
                if items[k].kind.isTrailer { hasTrailerLine = true }
                k += 1
            }
            // A first-line byline opens the copy; it is no trailer.
            if runStart == 0 && k < items.count
                && !items[runStart..<k].contains(where: {
                    if case .credit = $0.kind { false } else { $0.kind.isTrailer }
                })
            {
                continue
            }
            // Nothing after the run: it is the trailer if it holds a trailer line.
            if k == items.count { return hasTrailerLine ? runStart : items.count }
            // Text after it: the trailer only if that text repeats the body before it (links
            // and boilerplate alone then make a trailer too).
            if latestFromHere.isEmpty { buildRepeats() }
            if latestFromHere[k] < runStart { return runStart }
        }
        return items.count
    }

    // MARK: Paragraphs

    /// Body lines made paragraphs, block by block (a block: lines with no blank line or
    /// removed line between them), on the evidence of each line break: a line cut at the
    /// wrap width in mid-sentence, or a next line that starts in lower case, continues the
    /// paragraph; a line that ends a sentence short of the width, or is longer than any wrap,
    /// ends it.
    static func paragraphs(_ lines: [(text: String, startsBlock: Bool)]) -> [String] {
        var paragraphs: [String] = []
        var block: [String] = []
        func flush() {
            guard !block.isEmpty else { return }
            paragraphs += Self.paragraphs(ofBlock: block)
            block.removeAll(keepingCapacity: true)
        }
        for line in lines {
            if line.startsBlock { flush() }
            block.append(line.text)
        }
        flush()
        return paragraphs
    }

    static func paragraphs(ofBlock block: [String]) -> [String] {
        guard block.count > 1 else { return block }
        // Lengths in characters, counted only where the bytes leave them in doubt: a line of
        // more than 400 bytes (over 100 characters) before the last rules out a wrap width of
        // 40-100, and a line is long past 110 characters.
        // A line of more than 100 characters before the last rules out a wrap width too: once
        // one is found, no other line is counted.
        var lengths: [Int] = []
        var width = 0
        if !block.dropLast().contains(where: { $0.utf8.count > 400 || !$0.hasAtMostScalars(100) }) {
            lengths = block.map { $0.scalarCount }
            width = lengths.dropLast().max() ?? 0
        }
        let wrapWidth = (40...100).contains(width)
        func isLong(_ i: Int) -> Bool { lengths.isEmpty ? !block[i].hasAtMostScalars(110) : lengths[i] > 110 }
        enum Break { case join, split, unsure }
        var breaks: [Break] = []
        breaks.reserveCapacity(block.count - 1)
        var joins = 0
        var splits = 0
        for i in 0..<(block.count - 1) {
            let ends = endsSentence(block[i])
            let nearWidth = wrapWidth && Double(lengths[i]) >= 0.8 * Double(width)
            // An ASCII first letter is judged on its byte, anything else as a character.
            let lead = block[i + 1].utf8.first ?? 0
            let nextLower = lead < 0x80 ? lead >= 0x61 && lead <= 0x7A : block[i + 1].first?.isLowercase ?? false
            let decision: Break
            if !ends && nextLower {
                decision = .join  // mid-sentence, and the next line goes on in lower case
            } else if isLong(i) {
                decision = .split
            } else if !ends && nearWidth {
                decision = .join
            } else if !ends {
                decision = .split  // a short line without an end: a heading, a line of its own
            } else if nearWidth {
                decision = nextLower ? .join : .unsure
            } else {
                decision = .split
            }
            if decision == .join { joins += 1 }
            if decision == .split { splits += 1 }
            breaks.append(decision)
        }
        var out: [String] = []
        var current = block[0]
        for i in 0..<breaks.count {
            let join = breaks[i] == .join || (breaks[i] == .unsure && joins > splits)
            if join {
                current += " " + block[i + 1]
            } else {
                out.append(current)
                current = block[i + 1]
            }
        }
        out.append(current)
        return out
    }

    /// Whether a line ends a sentence (or a quotation).
    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return ".!?…\"”»’'):;。؟".unicodeScalars.contains(last)
    }
}
