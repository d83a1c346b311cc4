import TextKernel

/// Makes a document that is not well-formed XML into one that is, the way the mature feed
/// parsers read such feeds: HTML's named entities read as their characters, a bare `&` as
/// text, references to characters XML forbids as U+FFFD, forbidden control characters
/// removed, end tags matched to what is open, a document cut off closed where it stops
/// (leaving out the item it stopped in), bytes the encoding cannot decode read as
/// windows-1252.
///
/// It runs only after the strict reading failed, on the whole document in memory, and
/// its result is read by the same strict reader with the same limits: recovery adds no
/// way in. What it refuses stays refused: external entities, parameter entities, entities
/// made of other entities or of markup, and expansion past ``Budget/entityBytes``. Lines
/// are kept (every repair happens within its line), so warnings name the original lines.
package struct XMLRepair {
    /// What was repaired, with the line it was first met on and how often.
    package struct Note: Sendable, Equatable {
        package var kind: Kind
        package var line: Int
        package var count: Int
        /// A detail for the message (an entity's name, a DOCTYPE's identifier, where an item was cut).
        package var detail: String
    }

    /// The kinds of repair; each becomes one warning.
    package enum Kind: String, Sendable, CaseIterable {
        case encoding, control, entity, ampersand, charref, markup, attribute, tag, truncated, doctype, internalEntity
    }

    package struct Result {
        package var bytes: [UInt8]
        package var notes: [Note]
        /// Whether there is a root element (without one there is no document to read).
        package var hasRoot: Bool
    }

    /// How much internal entities may add to a document.
    package enum Budget {
        package static let entityBytes = 1 << 20
        /// Open elements: beyond this the strict reader refuses the document anyway.
        static let depth = 4096
    }

    /// Repairs `input` (in any encoding XML allows) into well-formed UTF-8. `items` are the
    /// local names of the elements a cut may leave incomplete (`item`, `entry`): the one
    /// open where the document stops is left out. Throws for what stays refused.
    package static func repair(_ input: [UInt8], file: String, items: Set<String>) throws -> Result {
        var notes = Notes()
        let utf8 = Transcoding.utf8(input, notes: &notes)  // its declaration is written anew by the pass
        let names = Set(items.map { Array($0.utf8) })
        var r = XMLRepair(b: utf8, file: file, items: names, notes: notes)
        try r.run()
        if r.splitAnItem {
            // An item started inside another: the outer one is ended there, unless its own end
            // tag comes later (the inner one is then content: `<item>` in an HTML body, say).
            // A pass that never ends items early tells which have their end tag; the repair is
            // made again with that. (Without it the repair would split an item that reads
            // well: one engine can have handed it on whole before the document's error and
            // the other not, and the two would import different documents.)
            var whole = XMLRepair(b: utf8, file: file, items: names, notes: notes)
            whole.splitsItems = false
            try whole.run()
            r = XMLRepair(b: utf8, file: file, items: names, notes: notes)
            r.knownEnded = whole.endedItems
            try r.run()
        }
        return Result(bytes: r.out, notes: r.notes.list, hasRoot: r.rootSeen)
    }

    /// Notes in the order their kinds were first met.
    struct Notes {
        var list: [Note] = []

        mutating func add(_ kind: Kind, line: Int, _ detail: @autoclosure () -> String = "") {
            if let k = list.firstIndex(where: { $0.kind == kind }) {
                list[k].count += 1
            } else {
                list.append(Note(kind: kind, line: line, count: 1, detail: detail()))
            }
        }
    }

    private let b: [UInt8]
    private let file: String
    private let items: Set<[UInt8]>
    private var notes: Notes
    private var out: [UInt8] = []
    private var i = 0
    private var line = 1
    /// Open elements: name, where its start tag begins in `out`, its line, whether it holds
    /// elements, and for an item its number (items counted from 0 as their start tags come).
    private var open: [(name: [UInt8], at: Int, line: Int, parent: Bool, item: Int)] = []
    /// How many item start tags came.
    private var itemCount = 0
    /// Whether an item's start tag ends the item open (the pass that finds out which items
    /// have their own end tag does not).
    private var splitsItems = true
    /// Whether it did.
    private var splitAnItem = false
    /// The items ended by their own end tag (by number).
    private var endedItems: Set<Int> = []
    /// ``endedItems`` of a pass that did not split items: the items not to split; nil when
    /// not known (then an item's start tag ends any item open).
    private var knownEnded: Set<Int>?
    private var rootClosed = false
    private var rootSeen = false
    private var entities: [[UInt8]: [UInt8]] = [:]
    private var expanded = 0

    private init(b: [UInt8], file: String, items: Set<[UInt8]>, notes: Notes) {
        self.b = b
        self.file = file
        self.items = items
        self.notes = notes
        out.reserveCapacity(b.count + b.count / 16)
    }

    private mutating func run() throws {
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: "<"):
                if try !markup() { return finishCut() }
            case UInt8(ascii: "&"):
                if open.isEmpty {
                    outside(c)
                } else {
                    try reference()
                }
            case UInt8(ascii: "]") where i + 2 < n && b[i + 1] == UInt8(ascii: "]") && b[i + 2] == UInt8(ascii: ">"):
                // "]]>" may not stand in text.
                if open.isEmpty {
                    outside(c)
                } else {
                    out.append(contentsOf: "]]&gt;".utf8)
                    notes.add(.markup, line: line)
                    i += 3
                }
            default:
                if let skip = forbidden(at: i) {
                    notes.add(.control, line: line)
                    // A vertical tab (Word's line break) or a form feed separates words.
                    if c == 0x0B || c == 0x0C, !open.isEmpty { out.append(UInt8(ascii: " ")) }
                    i += skip
                } else if open.isEmpty {
                    outside(c)
                } else {
                    copyText()
                }
            }
        }
        finishCut()
    }

    /// Copies the run of text from `i` up to the next byte that may need a repair (markup,
    /// a reference, `]`, a control character, the lead byte of U+FFFE/U+FFFF) in one piece:
    /// most of a document is such runs.
    private mutating func copyText() {
        // "]]>" may not stand in text: a '>' after "]]" (a control character removed between
        // them, say: "]]\u{1}>") is written as a reference. (A run stops at every ']', so
        // only its first byte can complete one.)
        if b[i] == UInt8(ascii: ">") && out.count >= 2 && out[out.count - 1] == UInt8(ascii: "]")
            && out[out.count - 2] == UInt8(ascii: "]")
        {
            out.append(contentsOf: "&gt;".utf8)
            notes.add(.markup, line: line)
            i += 1
            return
        }
        let start = i
        var newlines = 0
        b.withUnsafeBufferPointer { p in
            var k = start
            let n = p.count
            while k < n {
                let c = p[k]
                if c >= 0x20 {
                    if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") || c == UInt8(ascii: "]") || c == 0xEF { break }
                } else if c == 0x0A {
                    newlines += 1
                } else if c != 0x09 && c != 0x0D {
                    break
                }
                k += 1
            }
            i = max(k, start + 1)
        }
        line += newlines
        out.append(contentsOf: b[start..<i])
    }

    /// Bytes of a character XML forbids at `k` (a C0 control but tab, LF and CR; U+FFFE,
    /// U+FFFF), or nil.
    @inline(__always)
    private func forbidden(at k: Int) -> Int? {
        let c = b[k]
        if c < 0x20 { return c == 0x09 || c == 0x0A || c == 0x0D ? nil : 1 }
        if c == 0xEF && k + 2 < b.count && b[k + 1] == 0xBF && (b[k + 2] == 0xBE || b[k + 2] == 0xBF) { return 3 }
        return nil
    }

    /// A byte of text outside the root element: white space is kept, anything else dropped.
    private mutating func outside(_ c: UInt8) {
        if c == 0x0A { line += 1 }
        if Whitespace.isXMLSpace(c) {
            out.append(c)
        } else {
            notes.add(.markup, line: line, rootClosed ? "text after the root element" : "text before the root element")
        }
        i += 1
    }

    // MARK: Markup

    /// Reads the markup at `<`; false when the document ends inside it.
    private mutating func markup() throws -> Bool {
        let n = b.count
        guard i + 1 < n else { return false }
        let next = b[i + 1]
        if next == UInt8(ascii: "!") {
            if starts("<!--") { return comment() }
            if starts("<![CDATA[") { return cdata() }
            if startsCaseInsensitive("<!DOCTYPE") { return try doctype() }
            // The document ends in the middle of one of these: a cut.
            let rest = b[i...]
            if ["<![CDATA[", "<!--", "<!DOCTYPE"].contains(where: { $0.utf8.starts(with: rest) }) { return false }
            literalLessThan()
            return true
        }
        if next == UInt8(ascii: "?") { return instruction() }
        if next == UInt8(ascii: "/") { return endTag() }
        if Self.nameLength(b, at: i + 1) > 0 { return try startTag() }
        literalLessThan()
        return true
    }

    private mutating func literalLessThan() {
        if open.isEmpty {
            outside(b[i])
            return
        }
        out.append(contentsOf: "&lt;".utf8)
        notes.add(.markup, line: line)
        i += 1
    }

    private func starts(_ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        return s.withUTF8Buffer { p in (0..<len).allSatisfy { b[i + $0] == p[$0] } }
    }

    private func startsCaseInsensitive(_ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        return s.withUTF8Buffer { p in (0..<len).allSatisfy { b[i + $0] | 0x20 == p[$0] | 0x20 } }
    }

    /// The index of `pattern` from `from`, or nil.
    private func find(_ pattern: StaticString, from: Int) -> Int? {
        let len = pattern.utf8CodeUnitCount
        return pattern.withUTF8Buffer { p -> Int? in
            var k = from
            while k + len <= b.count {
                if b[k] == p[0] && (1..<len).allSatisfy({ b[k + $0] == p[$0] }) { return k }
                k += 1
            }
            return nil
        }
    }

    /// Copies `b[from..<to]` without forbidden characters, counting lines.
    private mutating func copyFiltered(_ from: Int, _ to: Int) {
        var k = from
        while k < to {
            if let skip = forbidden(at: k) {
                notes.add(.control, line: line)
                if b[k] == 0x0B || b[k] == 0x0C { out.append(UInt8(ascii: " ")) }
                k += skip
                continue
            }
            if b[k] == 0x0A { line += 1 }
            out.append(b[k])
            k += 1
        }
    }

    private mutating func comment() -> Bool {
        guard let end = find("-->", from: i + 4) else { return false }
        // Filtered first (a control character removed may join two '-'), then: "--" may not
        // stand inside a comment, nor "-" at its end; nor, here, at its start: libxml2's push
        // parser (both engines feed it in chunks) takes "<!--->" for a whole comment and, when
        // the real end is not in the same chunk, fails on it (2.9.14: the text reader, whose
        // chunks are small, refused a repaired document the events engine read).
        let text = filtered(i + 4, end)
        out.append(contentsOf: "<!--".utf8)
        for (k, c) in text.enumerated() {
            let dash = UInt8(ascii: "-")
            out.append(c == dash && (k == 0 || k + 1 == text.count || text[k + 1] == dash) ? UInt8(ascii: " ") : c)
        }
        out.append(contentsOf: "-->".utf8)
        i = end + 3
        return true
    }

    private mutating func cdata() -> Bool {
        guard let end = find("]]>", from: i + 9) else { return false }
        if open.isEmpty {
            notes.add(.markup, line: line, "a CDATA section outside the root element")
            for k in i..<end where b[k] == 0x0A {
                line += 1
                out.append(0x0A)
            }
        } else {
            // Filtered first; a "]]>" the filtering made is split, as CDATA sections are.
            let text = filtered(i + 9, end)
            out.append(contentsOf: "<![CDATA[".utf8)
            var k = 0
            while k < text.count {
                if k + 2 < text.count && text[k] == UInt8(ascii: "]") && text[k + 1] == UInt8(ascii: "]")
                    && text[k + 2] == UInt8(ascii: ">")
                {
                    out.append(contentsOf: "]]]]><![CDATA[>".utf8)
                    k += 3
                    continue
                }
                out.append(text[k])
                k += 1
            }
            out.append(contentsOf: "]]>".utf8)
        }
        i = end + 3
        return true
    }

    /// `b[from..<to]` without the characters XML forbids (noted), lines counted.
    private mutating func filtered(_ from: Int, _ to: Int) -> [UInt8] {
        let start = out.count
        copyFiltered(from, to)
        let text = Array(out[start...])
        out.removeSubrange(start...)
        return text
    }

    private mutating func instruction() -> Bool {
        guard let end = find("?>", from: i + 2) else { return false }
        // The target: a name, then white space or the end. `xml` (any case) is the
        // declaration; a target that is no name, or a declaration anywhere but at the start,
        // is dropped.
        let target = Self.nameLength(b, at: i + 2)
        let after = i + 2 + target
        let isDeclaration =
            target == 3 && b[(i + 2)..<after].map({ $0 | 0x20 }) == Array("xml".utf8)
        let wellFormed = target > 0 && (after == end || Whitespace.isXMLSpace(b[after]))
        if !wellFormed || (isDeclaration && !out.allSatisfy(Whitespace.isXMLSpace)) {
            notes.add(
                .markup, line: line,
                isDeclaration ? "an XML declaration after the start" : "a broken processing instruction")
            for k in i..<end where b[k] == 0x0A {
                line += 1
                out.append(0x0A)
            }
        } else if isDeclaration {
            // Written anew: the text is UTF-8 now, and a broken declaration would be refused.
            out.removeAll()
            out.append(contentsOf: Array("<?xml version=\"1.0\"?>".utf8))
            for k in i..<end where b[k] == 0x0A {
                line += 1
                out.append(0x0A)
            }
        } else {
            copyFiltered(i, end + 2)
        }
        i = end + 2
        return true
    }

    static func isNameStart(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: ":")
    }

    static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: ".")
    }

    /// The name at `k`, made a QName as namespaces require (one colon at most, neither
    /// first nor last: the others become `_`).
    private func name(at k: Int) -> [UInt8] {
        var n = Array(b[k..<(k + Self.nameLength(b, at: k))])
        let colons = n.indices.filter { n[$0] == UInt8(ascii: ":") }
        if !colons.isEmpty && (colons.count > 1 || colons[0] == 0 || colons[0] == n.count - 1) {
            for c in colons { n[c] = UInt8(ascii: "_") }
        }
        return n
    }

    /// Notes a name `name(at:)` changed (once the tag it is in turned out whole).
    private mutating func noteRenamed(_ written: [UInt8], at k: Int) {
        if !b[k...].starts(with: written) {
            notes.add(.markup, line: line, "a name namespaces cannot read (its colons made '_')")
        }
    }

    /// The bytes of the XML Name starting at `k` (0 when none starts there), by XML 1.0's
    /// NameStartChar and NameChar (the bytes are UTF-8 by now).
    static func nameLength(_ b: [UInt8], at k: Int) -> Int {
        var e = k
        while e < b.count {
            let c = b[e]
            if c < 0x80 {
                guard e == k ? isNameStart(c) : isNameByte(c) else { break }
                e += 1
                continue
            }
            let len = UTF8Check.sequenceLength(b, at: e)
            guard len > 0 else { break }
            var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for j in 1..<len { v = v << 6 | UInt32(b[e + j] & 0x3F) }
            guard isNameScalar(v, start: e == k) else { break }
            e += len
        }
        return e - k
    }

    /// XML 1.0's NameStartChar (and, not `start`, NameChar) above ASCII.
    static func isNameScalar(_ v: UInt32, start: Bool) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040: return !start
        default: return false
        }
    }

    private static func localName(_ name: [UInt8]) -> [UInt8] {
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { return Array(name[(colon + 1)...]) }
        return name
    }

    private mutating func endTag() -> Bool {
        let nameAt = i + 2
        let name = self.name(at: nameAt)
        var k = nameAt + name.count
        while k < b.count && b[k] != UInt8(ascii: ">") && b[k] != UInt8(ascii: "<") { k += 1 }
        guard k < b.count else { return false }
        let after = b[k] == UInt8(ascii: ">") ? k + 1 : k
        noteRenamed(name, at: nameAt)
        let tagLines = b[i..<after].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        defer {
            line += tagLines
            for _ in 0..<tagLines { out.append(0x0A) }
            i = after
        }
        if let top = open.last, top.name == name, !name.isEmpty {
            if top.item >= 0 { endedItems.insert(top.item) }
            open.removeLast()
            out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")] + name + [UInt8(ascii: ">")])
            if open.isEmpty { rootClosed = true }
            return true
        }
        // Which open element it ends: the innermost of that name, else of that name in
        // another case (`</Title>`); one it does not name is left open.
        let lower = name.map { $0 | 0x20 }
        let match =
            open.lastIndex(where: { $0.name == name }) ?? open.lastIndex(where: { $0.name.map { $0 | 0x20 } == lower })
        guard let match, !name.isEmpty else {
            // A misspelt end tag (`<title>…</titel>`) of an element holding only text ends it.
            if let top = open.last, !top.parent, Self.similar(top.name, name) {
                notes.add(.tag, line: line, "a misspelt end tag")
                open.removeLast()
                out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")] + top.name + [UInt8(ascii: ">")])
                if open.isEmpty { rootClosed = true }
            } else {
                notes.add(.tag, line: line, "an end tag that ends nothing open")
            }
            return true
        }
        if match != open.count - 1 || open[match].name != name {
            notes.add(.tag, line: line, "an end tag that does not match the element open")
        }
        if open[match].item >= 0 && open[match].name == name { endedItems.insert(open[match].item) }
        while open.count > match {
            let e = open.removeLast()
            out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")] + e.name + [UInt8(ascii: ">")])
        }
        if open.isEmpty { rootClosed = true }
        return true
    }

    private mutating func startTag() throws -> Bool {
        let startLine = line
        let name = self.name(at: i + 1)
        var k = i + 1 + name.count
        var attributes: [(name: [UInt8], value: [UInt8], space: [UInt8])] = []
        var attributeStarts: [Int] = []
        var selfClosing = false
        var space: [UInt8] = []
        var lines = 0
        scan: while true {
            guard k < b.count else { return false }
            let c = b[k]
            switch c {
            case UInt8(ascii: ">"):
                k += 1
                break scan
            case UInt8(ascii: "/") where k + 1 < b.count && b[k + 1] == UInt8(ascii: ">"):
                selfClosing = true
                k += 2
                break scan
            case UInt8(ascii: "<"):
                notes.add(.markup, line: line, "a tag without its '>'")
                break scan
            case _ where Whitespace.isXMLSpace(c):
                if c == 0x0A { lines += 1 }
                space.append(c)
                k += 1
            case _ where Self.nameLength(b, at: k) > 0:
                let attr = self.name(at: k)
                let attrAt = k
                k += attr.count
                var look = k
                while look < b.count && Whitespace.isXMLSpace(b[look]) { look += 1 }
                var value: [UInt8] = []
                var written = true
                if look < b.count && b[look] == UInt8(ascii: "=") {
                    look += 1
                    while look < b.count && Whitespace.isXMLSpace(b[look]) { look += 1 }
                    guard look < b.count else { return false }
                    let q = b[look]
                    if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                        guard let close = b[(look + 1)...].firstIndex(of: q) else { return false }
                        value = Array(b[(look + 1)..<close])
                        look = close + 1
                    } else {
                        var e = look
                        while e < b.count && !Whitespace.isXMLSpace(b[e]) && b[e] != UInt8(ascii: ">")
                            && b[e] != UInt8(ascii: "<")
                        {
                            e += 1
                        }
                        guard e < b.count else { return false }
                        value = Array(b[look..<e])
                        look = e
                        notes.add(.attribute, line: line, "an attribute value without quotes")
                    }
                    lines += b[k..<look].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                    k = look
                } else {
                    notes.add(.attribute, line: line, "an attribute without a value")
                }
                if attributes.contains(where: { $0.name == attr }) {
                    notes.add(.attribute, line: line, "an attribute given twice (the first is kept)")
                    written = false
                }
                if written {
                    attributes.append((attr, value, space))
                    attributeStarts.append(attrAt)
                }
                space = []
            default:
                notes.add(.attribute, line: line, "a stray character in a tag")
                k += 1
            }
        }
        noteRenamed(name, at: i + 1)
        for (attr, at) in zip(attributes, attributeStarts) { noteRenamed(attr.name, at: at) }
        if rootClosed {
            // A second root: what follows the first is not read.
            notes.add(.markup, line: line, "content after the root element")
            i = b.count
            return true
        }
        // An item does not hold another: `<item>` while one is open ends it.
        // (Never the root: a lone <entry> document may hold anything.)
        let isItem = items.contains(Self.localName(name))
        let item = isItem ? itemCount : -1
        if isItem { itemCount += 1 }
        if isItem, splitsItems, let same = open.lastIndex(where: { $0.name == name }), same > 0,
            !(knownEnded?.contains(open[same].item) ?? false)
        {
            splitAnItem = true
            notes.add(.tag, line: line, "an element not closed before the next")
            while open.count > same {
                let e = open.removeLast()
                out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")] + e.name + [UInt8(ascii: ">")])
            }
        }
        let at = out.count
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: name)
        for a in attributes {
            out.append(contentsOf: a.space.isEmpty ? [UInt8(ascii: " ")] : a.space)
            out.append(contentsOf: a.name)
            out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            try attributeValue(a.value)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: space)
        out.append(contentsOf: selfClosing ? [UInt8(ascii: "/"), UInt8(ascii: ">")] : [UInt8(ascii: ">")])
        line = startLine + lines
        i = k
        rootSeen = true
        if !open.isEmpty { open[open.count - 1].parent = true }
        if !selfClosing {
            guard open.count < Budget.depth else {
                throw XMLError(.notWellFormed, file: file, line: line, "elements nest deeper than \(Budget.depth)")
            }
            open.append((name, at, startLine, false, item))
        } else if open.isEmpty {
            rootClosed = true
        }
        return true
    }

    /// Whether two names differ by a slip of the keyboard: at most two edits, case aside.
    static func similar(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let a = a.map { $0 | 0x20 }
        let b = b.map { $0 | 0x20 }
        guard abs(a.count - b.count) <= 2, a.count <= 64, b.count <= 64, min(a.count, b.count) >= 2 else {
            return false
        }
        let d = EditDistance.between(a, b)
        return d <= 2 && d < min(a.count, b.count)
    }

    /// An attribute value, repaired as text is, with its quotes and `<` escaped.
    private mutating func attributeValue(_ value: [UInt8]) throws {
        var k = 0
        while k < value.count {
            let c = value[k]
            switch c {
            case UInt8(ascii: "\""):
                out.append(contentsOf: "&quot;".utf8)
                k += 1
            case UInt8(ascii: "<"):
                out.append(contentsOf: "&lt;".utf8)
                notes.add(.attribute, line: line, "'<' in an attribute value")
                k += 1
            case UInt8(ascii: "&"):
                k += try referenceIn(value, at: k)
            case 0x0A:
                // A line break in a value: kept, so lines stay where they were.
                out.append(c)
                k += 1
            case 0xEF
            where k + 2 < value.count && value[k + 1] == 0xBF && (value[k + 2] == 0xBE || value[k + 2] == 0xBF):
                // U+FFFE, U+FFFF.
                notes.add(.control, line: line)
                k += 3
            default:
                if c < 0x20 && c != 0x09 && c != 0x0D {
                    notes.add(.control, line: line)
                    if c == 0x0B || c == 0x0C { out.append(UInt8(ascii: " ")) }
                } else {
                    out.append(c)
                }
                k += 1
            }
        }
    }

    // MARK: References

    /// The reference at `i` in text.
    private mutating func reference() throws {
        let used = try referenceIn(b, at: i)
        for k in i..<(i + used) where b[k] == 0x0A { line += 1 }
        i += used
    }

    /// Repairs the reference starting with `&` at `k` of `s` into `out`; the bytes it used.
    private mutating func referenceIn(_ s: [UInt8], at k: Int) throws -> Int {
        let n = s.count
        // XML's five, by far the most common (escaped HTML is full of them): copied as they are.
        if k + 3 < n {
            let c1 = s[k + 1]
            let c2 = s[k + 2]
            let c3 = s[k + 3]
            let length: Int? =
                if (c1 == UInt8(ascii: "l") || c1 == UInt8(ascii: "g")) && c2 == UInt8(ascii: "t")
                    && c3 == UInt8(ascii: ";")
                {
                    4
                } else if c1 == UInt8(ascii: "a") && c2 == UInt8(ascii: "m") && c3 == UInt8(ascii: "p") && k + 4 < n
                    && s[k + 4] == UInt8(ascii: ";")
                {
                    5
                } else if k + 5 < n && s[k + 5] == UInt8(ascii: ";")
                    && ((c1 == UInt8(ascii: "q") && c2 == UInt8(ascii: "u") && c3 == UInt8(ascii: "o")
                        && s[k + 4] == UInt8(ascii: "t"))
                        || (c1 == UInt8(ascii: "a") && c2 == UInt8(ascii: "p") && c3 == UInt8(ascii: "o")
                            && s[k + 4] == UInt8(ascii: "s")))
                {
                    6
                } else {
                    nil
                }
            if let length {
                out.append(contentsOf: s[k..<(k + length)])
                return length
            }
        }
        var e = k + 1
        if e < n && s[e] == UInt8(ascii: "#") {
            e += 1
            let hex = e < n && (s[e] == UInt8(ascii: "x") || s[e] == UInt8(ascii: "X"))
            if hex { e += 1 }
            let digitsAt = e
            var value: UInt32 = 0
            var overflow = false
            while e < n, let d = HTMLPrepare.digit(s[e], hex: hex) {
                let (m, o1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
                let (v, o2) = m.addingReportingOverflow(d)
                overflow = overflow || o1 || o2
                value = v
                e += 1
            }
            // The document ends in the reference: a cut, not a bare '&' (what the cut leaves is dropped).
            if e >= n && isDocument(s) { return n - k }
            guard e > digitsAt, e < n, s[e] == UInt8(ascii: ";") else {
                out.append(contentsOf: "&amp;".utf8)
                notes.add(.ampersand, line: line)
                return 1
            }
            if !overflow && Self.isXMLChar(value) {
                out.append(contentsOf: s[k...e])
            } else {
                out.append(contentsOf: "&#xFFFD;".utf8)
                notes.add(.charref, line: line, String(decoding: s[k...e], as: UTF8.self))
            }
            return e + 1 - k
        }
        while e < n && e - k <= 32
            && ((s[e] | 0x20 >= UInt8(ascii: "a") && s[e] | 0x20 <= UInt8(ascii: "z"))
                || (e > k + 1 && s[e] >= UInt8(ascii: "0") && s[e] <= UInt8(ascii: "9")))
        {
            e += 1
        }
        if e >= n && isDocument(s) { return n - k }
        guard e > k + 1, e < n, s[e] == UInt8(ascii: ";") else {
            out.append(contentsOf: "&amp;".utf8)
            notes.add(.ampersand, line: line)
            return 1
        }
        let name = Array(s[(k + 1)..<e])
        switch String(decoding: name, as: UTF8.self) {
        case "amp", "lt", "gt", "quot", "apos":
            out.append(contentsOf: s[k...e])
        case let word:
            if let text = entities[name] {
                expanded += text.count
                guard expanded <= Budget.entityBytes else {
                    throw XMLError(
                        .hostile, file: file, line: line,
                        "internal entities expand past \(Budget.entityBytes >> 20) MB (an entity expansion attack?)")
                }
                escape(text)
                notes.add(.internalEntity, line: line, word)
            } else if let chars = HTMLEntities.characters(Substring(word)) {
                escape(Array(chars.utf8))
                notes.add(.entity, line: line, word)
            } else {
                out.append(contentsOf: "&amp;".utf8)
                notes.add(.ampersand, line: line)
                return 1
            }
        }
        return e + 1 - k
    }

    /// Whether `s` is the document itself (not an attribute's value).
    private func isDocument(_ s: [UInt8]) -> Bool {
        s.count == b.count
            && s.withUnsafeBufferPointer { $0.baseAddress } == b.withUnsafeBufferPointer { $0.baseAddress }
    }

    /// Text written escaped (`&`, `<`, `>`, `"`; line breaks as references, to keep lines).
    private mutating func escape(_ text: [UInt8]) {
        for c in text {
            switch c {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x0A: out.append(contentsOf: "&#10;".utf8)
            default: out.append(c)
            }
        }
    }

    private static let predefined: [String: UInt8] = [
        "amp": UInt8(ascii: "&"), "lt": UInt8(ascii: "<"), "gt": UInt8(ascii: ">"), "quot": UInt8(ascii: "\""),
        "apos": UInt8(ascii: "'"),
    ]

    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    // MARK: The end

    /// Closes what is open where the document stops; the item open there is left out.
    private mutating func finishCut() {
        guard !open.isEmpty else { return }
        let cutLine = line
        if let k = open.indices.dropFirst().first(where: { items.contains(Self.localName(open[$0].name)) }) {
            let item = open[k]
            // Keep the cut item's lines, so nothing after moves.
            let lines = out[item.at...].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            out.removeSubrange(item.at...)
            out.append(contentsOf: [UInt8](repeating: 0x0A, count: lines))
            open.removeSubrange(k...)
            notes.add(
                .truncated, line: cutLine,
                "the <\(String(decoding: item.name, as: UTF8.self))> begun on line \(item.line) is left out")
        } else {
            notes.add(.truncated, line: cutLine, "")
        }
        while let e = open.popLast() {
            out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")] + e.name + [UInt8(ascii: ">")])
        }
        i = b.count
    }

    // MARK: DOCTYPE

    /// A DOCTYPE: never loaded. Its external identifier is noted; its internal subset may
    /// declare general entities of plain text (character references allowed), which are
    /// expanded; any other entity is refused. The declaration leaves only its line breaks.
    private mutating func doctype() throws -> Bool {
        let n = b.count
        var k = i + 9
        var subset: Range<Int>?
        var subsetStart: Int?
        while k < n {
            let c = b[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let close = b[(k + 1)...].firstIndex(of: c) else { return false }
                k = close + 1
                continue
            }
            if subsetStart != nil && c == UInt8(ascii: "<") && k + 3 < n && b[k + 1] == UInt8(ascii: "!")
                && b[k + 2] == UInt8(ascii: "-") && b[k + 3] == UInt8(ascii: "-")
            {
                let save = i
                i = k
                let end = find("-->", from: k + 4)
                i = save
                guard let end else { return false }
                k = end + 3
                continue
            }
            if c == UInt8(ascii: "[") && subsetStart == nil && subset == nil {
                subsetStart = k + 1
            } else if c == UInt8(ascii: "]"), let s = subsetStart {
                subset = s..<k
                subsetStart = nil
            } else if c == UInt8(ascii: ">") && subsetStart == nil {
                break
            }
            k += 1
        }
        guard k < n else { return false }
        let head = String(decoding: b[(i + 9)..<(subset.map { $0.lowerBound - 1 } ?? k)], as: UTF8.self)
        if head.contains("PUBLIC") || head.contains("SYSTEM") {
            let ids = head.split(whereSeparator: { $0 == "\"" || $0 == "'" }).enumerated().filter { $0.offset % 2 == 1 }
            notes.add(
                .doctype, line: line, ids.map { String($0.element) }.first(where: { !$0.isEmpty }) ?? "external DTD")
        }
        if let subset { try declarations(subset) }
        for c in b[i...k] where c == 0x0A {
            line += 1
            out.append(0x0A)
        }
        i = k + 1
        return true
    }

    /// The internal subset's declarations: general entities of plain text are kept for
    /// expansion; everything that could reach outside or multiply is refused.
    private mutating func declarations(_ range: Range<Int>) throws {
        var k = range.lowerBound
        var declLine = line
        func refuse(_ why: String) -> XMLError {
            XMLError(.hostile, file: file, line: declLine, "the DOCTYPE declares \(why), which wirefeed never expands")
        }
        while k < range.upperBound {
            let c = b[k]
            if c == 0x0A { declLine += 1 }
            if c == UInt8(ascii: "%") { throw refuse("parameter entities") }
            guard c == UInt8(ascii: "<") else {
                k += 1
                continue
            }
            // Find the declaration's end, quotes respected.
            var e = k + 1
            while e < range.upperBound && b[e] != UInt8(ascii: ">") {
                if b[e] == UInt8(ascii: "\"") || b[e] == UInt8(ascii: "'") {
                    e = b[(e + 1)..<range.upperBound].firstIndex(of: b[e]) ?? range.upperBound
                }
                e += 1
            }
            let decl = Array(b[k..<min(e, range.upperBound)])
            let lines = decl.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            defer {
                declLine += lines
                k = e + 1
            }
            guard decl.starts(with: Array("<!ENTITY".utf8)) else { continue }
            var p = 8
            while p < decl.count && Whitespace.isXMLSpace(decl[p]) { p += 1 }
            if p < decl.count && decl[p] == UInt8(ascii: "%") { throw refuse("parameter entities") }
            var q = p
            while q < decl.count && Self.isNameByte(decl[q]) { q += 1 }
            let name = Array(decl[p..<q])
            while q < decl.count && Whitespace.isXMLSpace(decl[q]) { q += 1 }
            guard q < decl.count, decl[q] == UInt8(ascii: "\"") || decl[q] == UInt8(ascii: "'"),
                let close = decl[(q + 1)...].firstIndex(of: decl[q])
            else { throw refuse("external entities") }
            let value = try plainText(decl[(q + 1)..<close], refuse)
            if entities[name] == nil
                && !["amp", "lt", "gt", "quot", "apos"].contains(String(decoding: name, as: UTF8.self))
            {
                entities[name] = value
            }
        }
    }

    /// An entity's replacement text if it is plain text: character references are read,
    /// any other reference or markup is refused.
    private func plainText(_ v: ArraySlice<UInt8>, _ refuse: (String) -> XMLError) throws -> [UInt8] {
        var text: [UInt8] = []
        var k = v.startIndex
        while k < v.endIndex {
            let c = v[k]
            if c == UInt8(ascii: "<") { throw refuse("entities holding markup") }
            if c == UInt8(ascii: "%") { throw refuse("parameter entities") }
            if c == UInt8(ascii: "&") {
                var e = k + 1
                // XML's five stand for their characters once the entity is used.
                if let semi = v[e...].prefix(6).firstIndex(of: UInt8(ascii: ";")),
                    let c = Self.predefined[String(decoding: v[e..<semi], as: UTF8.self)]
                {
                    text.append(c)
                    k = semi + 1
                    continue
                }
                guard e < v.endIndex, v[e] == UInt8(ascii: "#") else { throw refuse("entities made of other entities") }
                e += 1
                let hex = e < v.endIndex && v[e] == UInt8(ascii: "x")
                if hex { e += 1 }
                var value: UInt32 = 0
                let digitsAt = e
                while e < v.endIndex, e - digitsAt < 8, let d = HTMLPrepare.digit(v[e], hex: hex) {
                    value = value * (hex ? 16 : 10) + d
                    e += 1
                }
                guard e > digitsAt, e < v.endIndex, v[e] == UInt8(ascii: ";"), Self.isXMLChar(value),
                    let u = Unicode.Scalar(value)
                else { throw refuse("entities holding bad character references") }
                // A reference to '<' or '&' makes markup or a reference once the entity is used.
                if u == "<" || u == "&" { throw refuse("entities holding markup") }
                text.append(contentsOf: Array(String(Character(u)).utf8))
                k = e + 1
                continue
            }
            // Characters XML forbids are left out (they would be written as they are).
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
                k += 1
                continue
            }
            if c == 0xEF && k + 2 < v.endIndex && v[k + 1] == 0xBF && (v[k + 2] == 0xBE || v[k + 2] == 0xBF) {
                k += 3
                continue
            }
            text.append(c)
            k += 1
        }
        return text
    }
}
