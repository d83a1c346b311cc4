/// Text cut into paragraphs by one rule, whatever walks it: libxml2's HTML tree, the fast
/// HTML scanner, an XHTML or NITF tree, the streaming reader's inline XML, plain text's
/// lines. The walker says what it meets; the builder decides where paragraphs end:
///
/// - a block starts or ends (``endParagraph()``): the paragraph so far ends;
/// - a line break (``lineBreak()``, HTML's `<br>`) is a space, and the second in a row ends
///   the paragraph, unless text that is not blank came between them;
/// - white space collapses (Unicode's White_Space and NBSP, as ``Whitespace`` counts it) and
///   empty paragraphs are dropped, when the paragraphs are taken (``paragraphs()``): a
///   walker on one thread can hand the builder to another to finish.
///
/// What a walker drops, which elements are blocks, and images are the walker's own.
package struct ParagraphBuilder: Sendable {
    /// Every paragraph's bytes end to end, white space as it came.
    private var bytes: [UInt8] = []
    /// Where each paragraph ends in `bytes`.
    private var ends: [Int] = []
    /// Where the paragraph being built starts.
    private var start = 0
    /// Line breaks since the last text that was not blank.
    private var breaks = 0

    package init() {}

    /// Bytes of text in the paragraph being built (white space included).
    package var pendingCount: Int { bytes.count - start }

    /// How many bytes were appended in all.
    package var byteCount: Int { bytes.count }

    /// Text (UTF-8): a line break after text that is not blank is a first one again.
    package mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        if !Whitespace.isBlank(bytes: utf8) { breaks = 0 }
    }

    /// ``text(_:)`` for a string.
    package mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { text($0) }
    }

    /// Text the walker has judged itself: `blank` says whether it is only white space.
    package mutating func text(_ utf8: UnsafeBufferPointer<UInt8>, blank: Bool) {
        bytes.append(contentsOf: utf8)
        if !blank { breaks = 0 }
    }

    /// One byte of text that is not blank (a literal `<`, a character reference's first byte…).
    package mutating func character(_ byte: UInt8) {
        bytes.append(byte)
        breaks = 0
    }

    /// One character (a decoded character reference): text unless it is white space.
    package mutating func scalar(_ u: Unicode.Scalar) {
        UTF8.encode(u) { bytes.append($0) }
        if !Whitespace.isSpace(u) { breaks = 0 }
    }

    /// Appends the bytes `body` writes to the end of the text, and says whether they are
    /// all blank (a walker that decodes as it copies: entities, mojibake repair).
    package mutating func appending(_ body: (inout [UInt8]) -> Void) {
        let before = bytes.count
        body(&bytes)
        let blank = bytes.withUnsafeBufferPointer {
            Whitespace.isBlank(bytes: UnsafeBufferPointer(rebasing: $0[before...]))
        }
        if !blank { breaks = 0 }
    }

    /// A space between words (the end of a table cell, a line joined to the one before).
    package mutating func space() { bytes.append(0x20) }

    /// A line break (`<br>`): a space; the second in a row ends the paragraph.
    package mutating func lineBreak() {
        breaks += 1
        if breaks >= 2 { endParagraph() } else { bytes.append(0x20) }
    }

    /// A block starts or ends: the paragraph so far (if any) ends.
    package mutating func endParagraph() {
        if bytes.count > start { ends.append(bytes.count) }
        start = bytes.count
        breaks = 0
    }

    /// The paragraphs: the one being built ended, white space collapsed, empty ones dropped.
    package func paragraphs() -> [String] {
        var all = self
        all.endParagraph()
        var out: [String] = []
        out.reserveCapacity(all.ends.count)
        all.bytes.withUnsafeBufferPointer { b in
            var from = 0
            for end in all.ends {
                let raw = UnsafeBufferPointer(rebasing: b[from..<end])
                from = end
                let p = Whitespace.collapse(bytes: raw) ?? String(decoding: raw, as: UTF8.self)
                if !p.isEmpty { out.append(p) }
            }
        }
        return out
    }
}
