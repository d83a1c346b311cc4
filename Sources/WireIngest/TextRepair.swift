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
        var warnings: [Diagnostic] = []
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw IngestError(
                file: file, line: 1,
                message: "is UTF-16 text; wirefeed reads UTF-8 articles (convert it with iconv first)")
        }
        if let nul = bytes[start...].firstIndex(of: 0) {
            throw IngestError(
                file: file, line: lineNumber(of: nul, in: bytes),
                message: "is not a text file (binary data: a NUL byte at offset \(nul))")
        }
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
            if b < 0x80 {
                if b == 0x0A {
                    endLine()
                } else if b == 0x0D {
                    endLine()
                    if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                } else if b == 0x09 {
                    line.append(0x20)
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
