import TextKernel

#if canImport(Glibc)
    import Glibc
#endif

/// A look at the markup's bytes before libxml2 parses them, for the shapes libxml2 2.9
/// handles in quadratic time whatever handler it calls back:
///
/// - a start tag with very many attributes or namespace declarations (each is compared
///   with every one before it, before any callback sees the element);
/// - for validation, text that comes in very many pieces: XML Schema's streaming
///   validator appends each piece (an entity reference, a CDATA section, the text after
///   a comment) to the element's value with `xmlStrncat`, which measures the value first,
///   so its cost is the sum of the value's length at every piece.
///
/// Both engines and every validation read through it: bytes are scanned as they are
/// handed to libxml2, 8 at a time in text, so the cost is one pass over the input. It does
/// not judge well-formedness (libxml2 does); it only counts, and stops a document that
/// passes a bound, with the line where it does.
package struct MarkupGuard {
    struct Bounds: Sendable {
        /// Attributes in one start tag, namespace declarations included.
        var attributes = MarkupGuard.maximumAttributes
        /// The sum, over the pieces of one element's text, of the text's length so far
        /// (the work of the schema validator's appends); nil: not bounded (the events engine
        /// joins text in linear time).
        var textWork: Int?
        /// Bytes of text (CDATA included) between two tags; nil: not bounded here. Validation
        /// appends even unbroken text in pieces (libxml2 hands it over a few hundred bytes at a
        /// time), so one element's text is held to libxml2's bound on a text node, 10 MB,
        /// however many comments or CDATA sections break it.
        var elementText: Int?
    }

    /// More than any element of a real feed has (a channel declares a few dozen namespaces).
    static let maximumAttributes = 1_000
    /// About as long as libxml2's appends of a plain 10 MB text take (a second or so here);
    /// a 1.2 MB escaped-HTML body with 150,000 entity references stays under it.
    static let maximumTextWork = 1 << 37
    /// libxml2's bound on one text node (XML_MAX_TEXT_LENGTH).
    static let maximumElementText = 10_000_000

    /// What validation (the text reader with a schema) is held to.
    static let validation = Bounds(textWork: maximumTextWork, elementText: maximumElementText)

    enum Violation: Equatable {
        case attributes(line: Int)
        case textPieces(line: Int, pieces: Int, bytes: Int)
        case elementText(line: Int)

        func message(_ bounds: Bounds) -> String {
            switch self {
            case .attributes:
                return "a start tag holds more than \(bounds.attributes) attributes (namespace declarations included)"
            case .elementText:
                return
                    "one element holds more than \(bounds.elementText ?? 0) bytes of text (comments and CDATA sections included)"
            case .textPieces(_, let pieces, let bytes):
                return
                    "text broken into \(pieces) pieces (entity references, CDATA sections, comments) within \(bytes) bytes of one element: more than validation reads in reasonable time"
            }
        }

        var line: Int {
            switch self {
            case .attributes(let line), .textPieces(let line, _, _), .elementText(let line): line
            }
        }
    }

    private enum State: UInt8 {
        case text, lessThan, startTag, quoted, endTag, bang, bangDash, comment, cdataOpening, cdata, instruction,
            doctype, doctypeQuoted, subsetLessThan, subsetBang
    }

    let bounds: Bounds
    private var state = State.text
    private var quote: UInt8 = 0
    private var attributes = 0
    private var last1: UInt8 = 0
    private var last2: UInt8 = 0
    private var doctypeDepth = 0
    /// A comment or instruction being scanned is inside the DOCTYPE's internal subset.
    private var inSubset = false
    /// 1-based line of the byte being scanned.
    private(set) var line = 1
    /// Text of the current run (since the last tag), its pieces, and the appends' work.
    private var runBytes = 0
    private var pieces = 0
    private var work = 0
    /// UTF-16 input is scanned code unit by code unit (nil: not known yet; 0: bytes).
    private var unitOrder: UInt8?
    private var pendingByte: UInt8?
    private var units: [UInt8] = []

    init(bounds: Bounds) {
        self.bounds = bounds
    }

    /// The error a reader throws for `violation`, naming file and line.
    func error(_ violation: Violation, file: String) -> XMLError {
        XMLError(.tooLarge, file: file, line: violation.line, violation.message(bounds))
    }

    /// The same, as a validation report's finding.
    func diagnostic(_ violation: Violation, file: String) -> Diagnostic {
        Diagnostic(file: file, line: violation.line, severity: .error, message: violation.message(bounds), rule: "xml")
    }

    /// The error for the first bound a whole document passes, under the bounds the import
    /// reads with (what either engine would stop at, had libxml2 read that far).
    package static func refusal(of document: [UInt8], file: String) -> XMLError? {
        var guardian = MarkupGuard(bounds: Bounds())
        let violation = document.withUnsafeBufferPointer { guardian.scan($0) }
        return violation.map { guardian.error($0, file: file) }
    }

    /// Scans the next bytes of the document; the first bound they pass, if any.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
        if unitOrder == nil {
            guard bytes.count > 0 else { return nil }
            // The first two bytes tell: a BOM or a '<' in either byte order is UTF-16;
            // anything else is scanned as bytes. A first read of one byte is held back.
            if pendingByte == nil && bytes.count == 1 {
                pendingByte = bytes[0]
                return nil
            }
            let (b0, b1) = pendingByte.map { ($0, bytes[0]) } ?? (bytes[0], bytes[1])
            if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0x3C && b1 == 0) {
                unitOrder = 1
            } else if (b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 == 0x3C) {
                unitOrder = 2
            } else {
                unitOrder = 0
                if let held = pendingByte {
                    pendingByte = nil
                    if let v = withUnsafeTemporaryAllocation(
                        of: UInt8.self, capacity: 1,
                        { one in
                            one[0] = held
                            return scanUnits(UnsafeBufferPointer(one))
                        })
                    {
                        return v
                    }
                }
            }
        }
        if unitOrder == 0 { return scanUnits(bytes) }
        // UTF-16: each code unit as its ASCII character, or 0x80 for any other.
        units.removeAll(keepingCapacity: true)
        var i = 0
        if let held = pendingByte, bytes.count > 0 {
            units.append(Self.unit(held, bytes[0], order: unitOrder!))
            pendingByte = nil
            i = 1
        }
        while i + 1 < bytes.count {
            units.append(Self.unit(bytes[i], bytes[i + 1], order: unitOrder!))
            i += 2
        }
        if i < bytes.count { pendingByte = bytes[i] }
        let copy = units
        return copy.withUnsafeBufferPointer { scanUnits($0) }
    }

    private static func unit(_ a: UInt8, _ b: UInt8, order: UInt8) -> UInt8 {
        let (high, low) = order == 1 ? (b, a) : (a, b)
        return high == 0 && low < 0x80 ? low : 0x80
    }

    /// `n` new pieces of the current text (a reference, a CDATA section, the text after a
    /// comment or instruction; references of one word are counted together), each weighing
    /// the run's length so far.
    private mutating func addPieces(_ n: Int = 1) -> Violation? {
        guard let limit = bounds.textWork else { return nil }
        pieces += n
        work += n * runBytes
        return work > limit ? .textPieces(line: line, pieces: pieces, bytes: runBytes) : nil
    }

    private mutating func newRun() {
        runBytes = 0
        pieces = 0
        work = 0
    }

    /// Newlines in `count` bytes at `p`, eight at a time.
    @inline(__always)
    private static func newlines(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var n = 0
        var i = 0
        while i + 8 <= count {
            n +=
                ByteWords.matches(ByteWords.load(p + i), 0x0A)
                .nonzeroBitCount
            i += 8
        }
        while i < count {
            if p[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }

    /// Index of the first `byte` in `base[from..<count]`, or `count`.
    @inline(__always)
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        guard from < count, let hit = memchr(base + from, Int32(byte), count - from) else { return count }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    private mutating func scanUnits(_ bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        let countsPieces = bounds.textWork != nil
        var i = 0
        while i < count {
            switch state {
            case .text:
                // Up to the next '<', newlines and (when pieces are counted) references counted
                // on the way, eight bytes at a time: escaped HTML has a reference every few words.
                var stop = count
                while i + 8 <= count {
                    let word = ByteWords.load(base + i)
                    let lt = ByteWords.matches(word, 0x3C)
                    let nl = ByteWords.matches(word, 0x0A)
                    let amp = countsPieces ? ByteWords.matches(word, 0x26) : 0
                    if lt == 0 {
                        line += nl.nonzeroBitCount
                        i += 8
                        runBytes += 8
                        if amp != 0, let v = addPieces(amp.nonzeroBitCount) { return v }
                        continue
                    }
                    let k = lt.trailingZeroBitCount / 8
                    let before: UInt64 = (1 << (8 * UInt64(k))) &- 1
                    line += (nl & before).nonzeroBitCount
                    i += k
                    runBytes += k
                    if amp & before != 0, let v = addPieces((amp & before).nonzeroBitCount) { return v }
                    stop = i
                    break
                }
                if stop == count {
                    while i < count && base[i] != 0x3C {
                        if base[i] == 0x0A { line += 1 }
                        i += 1
                        runBytes += 1
                        if countsPieces && base[i - 1] == 0x26, let v = addPieces() { return v }
                    }
                }
                if let limit = bounds.elementText, runBytes > limit { return .elementText(line: line) }
                guard i < count else { continue }
                state = .lessThan
                i += 1
            case .lessThan:
                let c = base[i]
                i += 1
                switch c {
                case UInt8(ascii: "!"):
                    state = .bang
                case UInt8(ascii: "?"):
                    state = .instruction
                    last1 = 0
                    last2 = 0
                case UInt8(ascii: "/"):
                    state = .endTag
                default:
                    state = .startTag
                    attributes = 0
                    newRun()
                    if c == 0x0A { line += 1 }
                }
            case .startTag:
                // Up to the next quote (each attribute has one quoted value: it is counted at
                // its opening quote) or '>', eight bytes at a time.
                while i + 8 <= count {
                    let word = ByteWords.load(base + i)
                    let hits =
                        ByteWords.matches(word, 0x22) | ByteWords.matches(word, 0x27) | ByteWords.matches(word, 0x3E)
                    let nl = ByteWords.matches(word, 0x0A)
                    if hits == 0 {
                        line += nl.nonzeroBitCount
                        i += 8
                        continue
                    }
                    let k = hits.trailingZeroBitCount / 8
                    line += (nl & ((1 << (8 * UInt64(k))) &- 1)).nonzeroBitCount
                    i += k
                    break
                }
                while i < count && base[i] != 0x22 && base[i] != 0x27 && base[i] != 0x3E {
                    if base[i] == 0x0A { line += 1 }
                    i += 1
                }
                guard i < count else { continue }
                let c = base[i]
                i += 1
                if c == 0x3E {
                    state = .text
                    newRun()
                } else {
                    quote = c
                    state = .quoted
                    attributes += 1
                    if attributes > bounds.attributes { return .attributes(line: line) }
                }
            case .quoted, .doctypeQuoted:
                let end = Self.find(quote, base, from: i, count: count)
                line += Self.newlines(base + i, end - i)
                i = end
                if end < count {
                    i += 1
                    state = state == .quoted ? .startTag : .doctype
                }
            case .endTag:
                let end = Self.find(UInt8(ascii: ">"), base, from: i, count: count)
                line += Self.newlines(base + i, end - i)
                i = end
                if end < count {
                    i += 1
                    state = .text
                    newRun()
                }
            case .bang:
                let c = base[i]
                i += 1
                switch c {
                case UInt8(ascii: "-"):
                    state = .bangDash
                case UInt8(ascii: "["):
                    // "<![CDATA[": its content starts after the second '['.
                    state = .cdataOpening
                    if let v = addPieces() { return v }
                default:
                    state = .doctype
                    doctypeDepth = 0
                    if c == 0x0A { line += 1 }
                }
            case .bangDash:
                // "<!-" then (in a well-formed document) the second '-'.
                i += 1
                state = .comment
                last1 = 0
                last2 = 0
            case .cdataOpening:
                let end = Self.find(UInt8(ascii: "["), base, from: i, count: count)
                i = end
                if end < count {
                    i += 1
                    state = .cdata
                    last1 = 0
                    last2 = 0
                }
            case .comment, .cdata, .instruction:
                // Up to the next '>', which ends the section when the two bytes before it do.
                let end = Self.find(UInt8(ascii: ">"), base, from: i, count: count)
                line += Self.newlines(base + i, end - i)
                if state == .cdata { runBytes += end - i }
                if end - i >= 2 {
                    last2 = base[end - 2]
                    last1 = base[end - 1]
                } else if end - i == 1 {
                    last2 = last1
                    last1 = base[i]
                }
                if state == .cdata, let limit = bounds.elementText, runBytes > limit { return .elementText(line: line) }
                i = end
                guard end < count else { continue }
                i += 1
                let closes: Bool
                switch state {
                case .comment: closes = last1 == 0x2D && last2 == 0x2D
                case .cdata: closes = last1 == 0x5D && last2 == 0x5D
                default: closes = last1 == 0x3F
                }
                if closes {
                    if state == .cdata { runBytes -= 2 }
                    if inSubset {
                        // A comment or instruction inside the DOCTYPE's internal subset.
                        state = .doctype
                        inSubset = false
                        continue
                    }
                    state = .text
                    // What follows a comment or instruction is another piece of the same text.
                    if let v = addPieces() { return v }
                } else {
                    if state == .cdata { runBytes += 1 }
                    last2 = last1
                    last1 = 0x3E
                }
            case .doctype:
                let c = base[i]
                i += 1
                switch c {
                case 0x0A: line += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = c
                    state = .doctypeQuoted
                case UInt8(ascii: "["): doctypeDepth += 1
                case UInt8(ascii: "]"): doctypeDepth -= 1
                case UInt8(ascii: "<") where doctypeDepth > 0:
                    // A declaration, a comment or an instruction inside the internal subset:
                    // quotes and brackets in a comment or instruction are not the subset's.
                    state = .subsetLessThan
                case UInt8(ascii: ">") where doctypeDepth <= 0:
                    state = .text
                    inSubset = false
                default: break
                }
            case .subsetLessThan:
                let c = base[i]
                if c == UInt8(ascii: "?") {
                    i += 1
                    state = .instruction
                    inSubset = true
                    last1 = 0
                    last2 = 0
                } else if c == UInt8(ascii: "!") {
                    i += 1
                    state = .subsetBang
                } else {
                    state = .doctype
                }
            case .subsetBang:
                if base[i] == UInt8(ascii: "-") {
                    i += 1
                    state = .bangDash
                    inSubset = true
                } else {
                    state = .doctype
                }
            }
        }
        return nil
    }
}
