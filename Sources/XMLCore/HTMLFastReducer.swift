import TextKernel

/// The common case of HTML in feeds (paragraphs, inline markup, the usual entities)
/// reduced on the bytes, without building a tree. Anything unusual (an entity it does
/// not know, CDATA, an image, a tag it cannot read) makes it give up: libxml2's HTML
/// parser then does the work, so the result is the same either way.
enum HTMLFastReducer {
    static let blocks: Set<[UInt8]> = Set(HTMLReducer.blocks.map { Array($0.utf8) })
    static let dropped: Set<[UInt8]> = Set(HTMLReducer.dropped.map { Array($0.utf8) })
    static let br = Array("br".utf8)
    /// Elements that never have an end tag.
    static let voidElements: Set<[UInt8]> = Set(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"].map {
            Array($0.utf8)
        })
    static let img = Array("img".utf8)
    /// Blocks that hold text, not other blocks.
    static let leafBlocks: Set<[UInt8]> = Set(
        ["h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption", "summary", "figcaption"].map {
            Array($0.utf8)
        })

    static let p = Array("p".utf8)
    static let legacyBlocks: Set<[UInt8]> = Set(
        ["col", "colgroup", "dir", "menu", "listing", "xmp", "plaintext"].map { Array($0.utf8) })
    static let documentTags: Set<[UInt8]> = Set(
        ["html", "head", "body", "title", "meta", "link", "base", "frameset", "noframes"].map { Array($0.utf8) })
    static let td = Array("td".utf8)
    static let th = Array("th".utf8)

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// Elements open at once beyond which libxml2 reads the fragment (well below its own
    /// bound of 256, which counts the elements it implies).
    static let maximumDepth = 128

    /// Paragraphs and the number of elements seen, or nil to let libxml2 decide.
    static func reduce(_ b: UnsafeBufferPointer<UInt8>) -> (paragraphs: [String], elements: Int)? {
        // Control characters anywhere (in text, in a tag, in a skipped element): what HTML
        // keeps of them is libxml2's call.
        if b.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) { return nil }
        var text = ParagraphBuilder()
        var elements = 0
        var name: [UInt8] = []
        // Block elements open now, by name: an end tag for one that is not open is left to
        // libxml2 (which ignores it, or not, by HTML's rules).
        var openBlocks: [(name: [UInt8], count: Int)] = []
        var blockStack: [[UInt8]] = []
        // Inline elements open, with the depth of blocks they opened in: an end tag that closes
        // one opened outside the current block also ends that block, by libxml2's rules.
        var inlineOpen: [(name: [UInt8], depth: Int)] = []
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                guard i + 1 < n else { return nil }
                let d = b[i + 1]
                if d == UInt8(ascii: "!") || d == UInt8(ascii: "?") {
                    // Comments only: anything else (CDATA, doctype) goes to libxml2.
                    guard i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") else { return nil }
                    var j = i + 4
                    while j + 2 < n
                        && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-")
                            && b[j + 2] == UInt8(ascii: ">"))
                    {
                        // Only plain comments: "--" or markup ("<!", "<body>") inside one is
                        // read by HTML's own rules, which libxml2 follows its own way.
                        if (b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-")) || b[j] == UInt8(ascii: "<") {
                            return nil
                        }
                        j += 1
                    }
                    guard j + 2 < n, j == i + 4 || b[j - 1] != UInt8(ascii: "-") else { return nil }
                    i = j + 3
                    continue
                }
                let closing = d == UInt8(ascii: "/")
                var j = closing ? i + 2 : i + 1
                guard j < n, isLetter(b[j]) else {
                    if closing { return nil }
                    // "x < y": a literal '<'. Anything else after it ("<-", "<=", "<9") is
                    // markup libxml2 reads in ways of its own: it decides.
                    guard d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D else { return nil }
                    // Text: two <br> around it are two line breaks, not a paragraph break.
                    text.character(c)
                    i += 1
                    continue
                }
                name.removeAll(keepingCapacity: true)
                while j < n, isLetter(b[j]) || (b[j] >= 0x30 && b[j] <= 0x39) {
                    name.append(b[j] | 0x20)
                    j += 1
                }
                // The name ends at white space, `>` or `/`; anything else (`<p:x>`) is a name
                // libxml2 reads its own way.
                guard j < n, b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "/") || Whitespace.isHTMLSpace(b[j])
                else { return nil }
                // An end tag is `</name>`; white space before its '>' is read by rules of libxml2's own.
                if closing && b[j] != UInt8(ascii: ">") { return nil }
                // To the end of the tag: attributes in their plain grammar only (name, `=`,
                // a quoted or bare value). Anything else is libxml2's to read its own way.
                @inline(__always) func isSpace(_ x: UInt8) -> Bool { Whitespace.isHTMLSpace(x) }
                @inline(__always) func isNameByte(_ x: UInt8) -> Bool {
                    isLetter(x) || (x >= 0x30 && x <= 0x39) || x == 0x2D || x == 0x5F || x == 0x3A || x == 0x2E
                }
                while j < n {
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n else { return nil }
                    if b[j] == UInt8(ascii: ">") { break }
                    if b[j] == UInt8(ascii: "/"), j + 1 < n, b[j + 1] == UInt8(ascii: ">") {
                        j += 1
                        break
                    }
                    if closing { return nil }
                    let nameStart = j
                    while j < n && isNameByte(b[j]) { j += 1 }
                    guard j > nameStart, j < n else { return nil }
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n, b[j] == UInt8(ascii: "=") else { continue }
                    j += 1
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n else { return nil }
                    let q = b[j]
                    if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                        j += 1
                        while j < n && b[j] != q {
                            if b[j] == UInt8(ascii: "<") { return nil }
                            j += 1
                        }
                        guard j < n else { return nil }
                        j += 1
                        guard j < n, isSpace(b[j]) || b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "/") else {
                            return nil
                        }
                    } else {
                        while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: ">") {
                            let x = b[j]
                            if x == UInt8(ascii: "\"") || x == UInt8(ascii: "'") || x == UInt8(ascii: "<")
                                || x == UInt8(ascii: "=") || x == UInt8(ascii: "`")
                            {
                                return nil
                            }
                            j += 1
                        }
                    }
                }
                guard j < n else { return nil }
                i = j + 1
                elements += closing ? 0 : 1
                if name == br && closing { return nil }  // `</br>`: libxml2's reading
                if name == br {
                    text.lineBreak()
                    continue
                }
                if name == img { return nil }
                // Table columns and HTML 2's list and listing elements end an open <p> by
                // libxml2's rules, which the fast path does not repeat (they are rare in feeds).
                if Self.legacyBlocks.contains(name) { return nil }
                // Document-level tags inside a fragment (`<html>`, `<body>`…) are read by libxml2's rules.
                if documentTags.contains(name) { return nil }
                if !closing && dropped.contains(name) {
                    // Skip to the matching end tag.
                    var k = i
                    while k + name.count + 2 < n {
                        if b[k] == UInt8(ascii: "<") && b[k + 1] == UInt8(ascii: "/") {
                            var match = true
                            for (o, ch) in name.enumerated() where b[k + 2 + o] | 0x20 != ch {
                                match = false
                                break
                            }
                            // `</iframebr>` does not end an iframe: the name must end there.
                            if match {
                                let after = b[k + 2 + name.count]
                                if after == UInt8(ascii: ">") { break }
                                // `</style  >` ends it; anything else before the '>' is read by
                                // libxml2's own rules.
                                guard Whitespace.isHTMLSpace(after) else { return nil }
                                var e = k + 2 + name.count
                                while e < n && Whitespace.isHTMLSpace(b[e]) { e += 1 }
                                guard e < n, b[e] == UInt8(ascii: ">") else { return nil }
                                break
                            }
                            // Another end tag inside (`<style></div>p</style>`): libxml2 may end
                            // the element there, by its own rules.
                            return nil
                        }
                        // A tag inside (`<body>` in a style sheet), or a declaration (`<!DOCTYPE`,
                        // `<?x`): where libxml2 ends the element then is its own rule.
                        if b[k] == UInt8(ascii: "<")
                            && ((b[k + 1] | 0x20 >= UInt8(ascii: "a") && b[k + 1] | 0x20 <= UInt8(ascii: "z"))
                                || b[k + 1] == UInt8(ascii: "!") || b[k + 1] == UInt8(ascii: "?"))
                        {
                            return nil
                        }
                        k += 1
                    }
                    guard k + name.count + 2 < n else { return nil }
                    var m = k
                    while m < n && b[m] != UInt8(ascii: ">") { m += 1 }
                    i = m + 1
                    continue
                }
                if blocks.contains(name) {
                    // A block start tag written self-closed (`<p/>`): libxml2 reads it as an
                    // empty element, so an end tag after it may end nothing; its rules decide.
                    if !closing && b[i - 2] == UInt8(ascii: "/") { return nil }
                    // HTML closes an open <p> when a block starts (a <div> cannot sit in a <p>).
                    if !closing, let pk = openBlocks.firstIndex(where: { $0.name == Self.p }) {
                        // Only the innermost: where a <p> below others ends is libxml2's rule.
                        if openBlocks[pk].count > 0 && blockStack.last != Self.p { return nil }
                        // Inline elements opened inside that <p> (`<p><a><li>`): what libxml2
                        // makes of them, and of their end tags, is its own rule.
                        if openBlocks[pk].count > 0 && inlineOpen.contains(where: { $0.depth >= blockStack.count }) {
                            return nil
                        }
                        openBlocks[pk].count = 0
                        blockStack.removeAll { $0 == Self.p }
                    }
                    // A block inside a heading, a list item or a cell: where libxml2 ends which
                    // is its own rule.
                    if !closing, let top = blockStack.last, Self.leafBlocks.contains(top) { return nil }
                    // A block ends in the order blocks opened; another order (`<h2>…<li>…</h2>`)
                    // is libxml2's to read.
                    if closing {
                        guard blockStack.last == name else { return nil }
                        blockStack.removeLast()
                    } else {
                        blockStack.append(name)
                    }
                    if let k = openBlocks.firstIndex(where: { $0.name == name }) {
                        if closing {
                            guard openBlocks[k].count > 0 else { return nil }
                            openBlocks[k].count -= 1
                        } else {
                            openBlocks[k].count += 1
                        }
                    } else {
                        if closing { return nil }
                        openBlocks.append((name, 1))
                    }
                    text.endParagraph()
                } else if name == td || name == th {
                    // Table cells: where libxml2 breaks paragraphs around them depends on the
                    // table around them (a cell outside a table is a block of its own).
                    return nil
                } else if closing {
                    if let k = inlineOpen.lastIndex(where: { $0.name == name }) {
                        if inlineOpen[k].depth != blockStack.count { return nil }
                        inlineOpen.removeSubrange(k...)
                    }
                } else if b[i - 2] != UInt8(ascii: "/") && !Self.voidElements.contains(name) {
                    inlineOpen.append((name, blockStack.count))
                }
                // Deep nesting (unclosed `<b>` after `<b>`) is libxml2's to read: its HTML parser
                // stops at a depth of 256, and the elements it implies count too.
                if blockStack.count + inlineOpen.count > Self.maximumDepth { return nil }
                continue
            }
            if c == UInt8(ascii: "&") {
                guard let (scalar, length) = entity(b, at: i) else {
                    // No entity here ("AT&T"): the '&' is text. A broken character reference
                    // ("&#x;", "&#" and no digits) is libxml2's to read.
                    if i + 1 < n, b[i + 1] == UInt8(ascii: "#") { return nil }
                    if i + 1 < n, isLetter(b[i + 1]) || b[i + 1] == UInt8(ascii: "#") {
                        // Looks like an entity the fast path does not know: let libxml2 decide.
                        var k = i + 1
                        while k < n && k < i + 12
                            && (isLetter(b[k]) || b[k] == UInt8(ascii: "#") || (b[k] >= 0x30 && b[k] <= 0x39))
                        { k += 1 }
                        if k < n && b[k] == UInt8(ascii: ";") { return nil }
                        // A long name after '&' ("&vvevvv…", no ';'): libxml2 reads it its own way.
                        if k == i + 12 { return nil }
                    }
                    // Text between two <br>: they are no paragraph break.
                    text.character(c)
                    i += 1
                    continue
                }
                text.scalar(scalar)
                i += length
                continue
            }
            // Text up to the next '<' or '&', copied whole.
            let run = i
            var sawText = false
            while i < n {
                let x = b[i]
                if x == UInt8(ascii: "<") || x == UInt8(ascii: "&") { break }
                if x == 0x20 {
                } else if x >= 0x09 && x <= 0x0D {
                    if x != 0x0A && x != 0x09 && x != 0x0D { sawText = true }
                } else {
                    // Unicode's other spaces (no-break, em…) are white space between two <br>
                    // too, as the general reading judges it.
                    let space =
                        x == 0xC2 || x == 0xE1 || x == 0xE2 || x == 0xE3 ? Whitespace.spaceLength(b, at: i) : 0
                    if space > 0 {
                        i += space
                        continue
                    }
                    sawText = true
                }
                i += 1
            }
            text.text(UnsafeBufferPointer(rebasing: b[run..<i]), blank: !sawText)
        }
        return (text.paragraphs(), elements)
    }

    /// A character reference or one of the common named entities at `i`, and its length.
    static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        let n = b.count
        guard j < n else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < n, b[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var v: UInt32 = 0
            let start = j
            while j < n, j < start + 8 {
                let c = b[j]
                if c >= 0x30 && c <= 0x39 {
                    v = v * (hex ? 16 : 10) + UInt32(c - 0x30)
                } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
                    v = v * 16 + UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > start, j < n, b[j] == UInt8(ascii: ";") else { return nil }
            // What HTML does with references to C1 controls (windows-1252) is libxml2's business.
            guard v >= 0x20 || v == 0x9 || v == 0xA || v == 0xD, !(0x80...0x9F).contains(v), v != 0xFFFE, v != 0xFFFF,
                let s = Unicode.Scalar(v),
                v != 0
            else { return nil }
            return (s, j + 1 - i)
        }
        let start = j
        while j < n, j < start + 8, isLetter(b[j]) { j += 1 }
        guard j < n, b[j] == UInt8(ascii: ";") else { return nil }
        let scalar: Unicode.Scalar
        let len = j - start
        @inline(__always) func at(_ k: Int) -> UInt8 { b[start + k] }
        if len == 3 && at(0) == 0x61 && at(1) == 0x6D && at(2) == 0x70 {
            scalar = "&"  // amp
        } else if len == 2 && at(1) == 0x74 && (at(0) == 0x6C || at(0) == 0x67) {
            scalar = at(0) == 0x6C ? "<" : ">"  // lt gt
        } else if len == 4 && at(0) == 0x71 && at(1) == 0x75 && at(2) == 0x6F && at(3) == 0x74 {
            scalar = "\""  // quot
        } else if len == 4 && at(0) == 0x61 && at(1) == 0x70 && at(2) == 0x6F && at(3) == 0x73 {
            scalar = "'"  // apos
        } else if len == 4 && at(0) == 0x6E && at(1) == 0x62 && at(2) == 0x73 && at(3) == 0x70 {
            scalar = "\u{A0}"  // nbsp
        } else {
            return nil
        }
        return (scalar, j + 1 - i)
    }
}
