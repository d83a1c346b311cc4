import TextKernel
import XMLCore

/// Turns the bytes of a text file into clean lines: BOM removed, invalid UTF-8 and
/// XML-illegal control characters dropped (each reported), CRLF/CR made LF.
struct TextRepair {
    struct Result {
        var lines: [String]
        var warnings: [Diagnostic]
    }

    /// Fails when the bytes are clearly not text (NUL bytes).
    static func lines(from bytes: [UInt8], file: String) throws(IngestError) -> Result {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw IngestError(
                file: file, line: 1,
                message: "is UTF-16 text; wirefeed reads UTF-8 articles (convert it with iconv first)")
        }
        if signature(bytes, from: start) == nil, let lines = cleanLines(bytes, from: start) {
            return Result(lines: lines, warnings: [])
        }
        if let problem = binaryEvidence(bytes, from: start) {
            throw IngestError(
                file: file, line: lineNumber(of: problem.offset, in: bytes),
                message: "is not a text file (binary data: \(problem.what))")
        }
        return repairedLines(bytes, from: start, file: file)
    }

    /// The general reading, byte by byte: what ``cleanLines(_:from:)`` gives for clean text,
    /// and the repairs, each reported, for the rest.
    static func repairedLines(_ bytes: [UInt8], from start: Int, file: String) -> Result {
        var warnings: [Diagnostic] = []
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(512)
        var lineNo = 1
        var invalidOnLine = 0
        var controlsOnLine = 0
        func endLine() {
            if invalidOnLine > 0 {
                warnings.append(
                    Diagnostic(
                        file: file, line: lineNo, severity: .warning,
                        message: "dropped \(invalidOnLine) invalid UTF-8 byte\(invalidOnLine == 1 ? "" : "s")",
                        rule: "text.utf8"))
            }
            if controlsOnLine > 0 {
                warnings.append(
                    Diagnostic(
                        file: file, line: lineNo, severity: .warning,
                        message:
                            "dropped \(controlsOnLine) control character\(controlsOnLine == 1 ? "" : "s") that XML cannot carry",
                        rule: "text.control"))
            }
            lines.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
            invalidOnLine = 0
            controlsOnLine = 0
            lineNo += 1
        }
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            // A run of printable ASCII (most of any article) is copied in one piece.
            if b >= 0x20 && b < 0x7F {
                var j = i + 1
                while j < n && bytes[j] >= 0x20 && bytes[j] < 0x7F { j += 1 }
                line.append(contentsOf: bytes[i..<j])
                i = j
                continue
            }
            if b < 0x80 {
                if b == 0x0A {
                    endLine()
                } else if b == 0x0D {
                    endLine()
                    if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                } else if b == 0x09 {
                    line.append(0x20)
                } else if b == 0x0C {
                    // A form feed: a page break (PDF text). On a line of its own it leaves a
                    // blank line, a paragraph boundary; inside a line it is a space.
                    if !line.isEmpty { line.append(0x20) }
                } else if b < 0x20 || b == 0x7F {
                    controlsOnLine += 1
                } else {
                    line.append(b)
                }
                i += 1
                continue
            }
            let len = UTF8Check.sequenceLength(bytes, at: i)
            if len == 0 {
                invalidOnLine += 1
                i += 1
                continue
            }
            // Decode the scalar to reject C1 controls and non-characters XML forbids.
            let scalar = decodeScalar(bytes, at: i, length: len)
            if (0x80...0x9F).contains(scalar) || scalar == 0xFFFE || scalar == 0xFFFF {
                controlsOnLine += 1
            } else if scalar == 0xFEFF {
                // A BOM in the middle of the text: drop silently.
            } else {
                line.append(contentsOf: bytes[i..<(i + len)])
            }
            i += len
        }
        if !line.isEmpty || invalidOnLine > 0 || controlsOnLine > 0 { endLine() }
        return Result(lines: lines, warnings: warnings)
    }

    /// The lines of text that needs no repair, each made a String straight from its bytes;
    /// nil when some byte needs the general reading below: ill-formed UTF-8, a control byte
    /// other than a line end (a tab, a form feed, NUL…), a C1 control, U+FEFF, U+FFFE or
    /// U+FFFF. Most articles are such text, and are scanned eight bytes at a time.
    static func cleanLines(_ bytes: [UInt8], from start: Int) -> [String]? {
        bytes.withUnsafeBufferPointer { buf -> [String]? in
            guard let base = buf.baseAddress else { return [] }
            // One validation for the whole text; each line is then copied out of it unchecked.
            guard let text = String(validating: UnsafeBufferPointer(rebasing: buf[start...]), as: UTF8.self) else {
                return nil
            }
            // A line's bytes, copied out of `text` (offsets in `buf`; UTF-8 offsets index a native String).
            func line(_ from: Int, _ to: Int) -> String {
                let utf8 = text.utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: from - start)
                return String(text[lower..<utf8.index(lower, offsetBy: to - from)])
            }
            let n = buf.count
            var lines: [String] = []
            var lineStart = start
            var i = start
            while i < n {
                if i + 8 <= n {
                    let v = ByteWords.load(base + i)
                    // Eight bytes with no control, no DEL and no lead byte of a character to
                    // look at: nothing to do.
                    if !ByteWords.hasByte(below: 0x20, v) && ByteWords.matches(v, 0x7F) == 0
                        && (v & ByteWords.highs == 0 || (ByteWords.matches(v, 0xC2) | ByteWords.matches(v, 0xEF)) == 0)
                    {
                        i += 8
                        continue
                    }
                }
                let b = buf[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(line(lineStart, i))
                    i += b == 0x0D && i + 1 < n && buf[i + 1] == 0x0A ? 2 : 1
                    lineStart = i
                    continue
                }
                if b < 0x20 || b == 0x7F { return nil }
                // Well-formed (validated above): C1 controls are C2 80-9F; U+FEFF is EF BB BF,
                // U+FFFE and U+FFFF EF BF BE and EF BF BF.
                if b == 0xC2 && buf[i + 1] < 0xA0 { return nil }
                if b == 0xEF
                    && ((buf[i + 1] == 0xBB && buf[i + 2] == 0xBF) || (buf[i + 1] == 0xBF && buf[i + 2] >= 0xBE))
                {
                    return nil
                }
                i += 1
            }
            if lineStart < n { lines.append(line(lineStart, n)) }
            return lines
        }
    }

    /// The binary format whose signature the bytes start with.
    static func signature(_ bytes: [UInt8], from start: Int) -> String? {
        binarySignatures.first { bytes[start...].starts(with: $0.bytes) }?.name
    }

    /// Signatures of common binary formats, at the start of a file.
    static let binarySignatures: [(bytes: [UInt8], name: String)] = [
        (Array("%PDF-".utf8), "a PDF document"), ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or DOCX, XLSX)"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), (Array("GIF8".utf8), "a GIF image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x1F, 0x8B], "gzip data"), ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an OLE document (DOC, XLS)"),
    ]

    /// Why the bytes are not text, judged on evidence: a binary format's signature, or NUL and
    /// other control bytes making more than a trace of the first 64 KB (one stray NUL in prose
    /// is a character to drop, not a verdict).
    static func binaryEvidence(_ bytes: [UInt8], from start: Int) -> (offset: Int, what: String)? {
        if let name = signature(bytes, from: start) { return (start, name) }
        let window = bytes[start..<min(bytes.count, start + (1 << 16))]
        // Most text has no control byte at all: one quick pass says so.
        guard window.contains(where: { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }) else { return nil }
        var nuls = 0
        var controls = 0
        var firstNul: Int?
        for (offset, b) in zip(window.indices, window) where b < 0x09 || (b > 0x0D && b < 0x20) {
            if b == 0 {
                nuls += 1
                if firstNul == nil { firstNul = offset }
            } else if b != 0x1B {
                controls += 1
            }
        }
        // More than a tenth of the bytes, or NULs past a trace: binary.
        if let firstNul, (nuls + controls) * 10 > window.count || nuls > max(2, window.count / 1000) {
            return (firstNul, "\(nuls) NUL bytes, the first at offset \(firstNul)")
        }
        return nil
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    @inline(__always)
    static func decodeScalar(_ b: [UInt8], at i: Int, length: Int) -> UInt32 {
        switch length {
        case 2: return UInt32(b[i] & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
        case 3: return UInt32(b[i] & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
        default:
            return UInt32(b[i] & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                | UInt32(b[i + 3] & 0x3F)
        }
    }
}

/// Input that cannot be read as an article, with where and why.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, one line.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
