import TextKernel

#if canImport(Glibc)
    import Glibc
#endif

/// A document's bytes as UTF-8, for the repair pass: its encoding told as the XML
/// specification's Appendix F says (a byte order mark first, then the first bytes' pattern,
/// then the declaration), converted with iconv, bytes that do not decode read as
/// windows-1252 (UTF-8 documents) or as U+FFFD (others). The repair pass writes the
/// declaration anew, without its encoding, since the result is UTF-8.
enum Transcoding {
    static func utf8(_ input: [UInt8], notes: inout XMLRepair.Notes) -> [UInt8] {
        let (encoding, skip) = detect(input)
        let bytes: [UInt8]
        if let encoding {
            bytes = convert(input[skip...], from: encoding, notes: &notes)
        } else if let declared = declaredEncoding(input), !isUTF8(declared) {
            // Latin-1 is read as windows-1252, as browsers and feed readers do.
            let from =
                ["iso-8859-1", "latin1", "latin-1", "iso_8859-1", "l1"].contains(declared.lowercased())
                ? "WINDOWS-1252" : declared
            bytes = convert(input[...], from: from, notes: &notes)
        } else {
            bytes = utf8OrWindows1252(skip == 0 ? input : Array(input[skip...]), notes: &notes)
        }
        return bytes
    }

    static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8", "us-ascii", "ascii"].contains(name.lowercased())
    }

    /// The encoding a byte order mark or the first four bytes give (nil for UTF-8 or one
    /// compatible with ASCII), and the bytes of the mark.
    static func detect(_ b: [UInt8]) -> (String?, Int) {
        let head = Array(b.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - b.count))
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return ("UTF-32BE", 4)
        case (0xFF, 0xFE, 0x00, 0x00): return ("UTF-32LE", 4)
        case (0xFE, 0xFF, _, _): return ("UTF-16BE", 2)
        case (0xFF, 0xFE, _, _): return ("UTF-16LE", 2)
        case (0xEF, 0xBB, 0xBF, _): return (nil, 3)
        case (0x00, 0x00, 0x00, 0x3C): return ("UTF-32BE", 0)
        case (0x3C, 0x00, 0x00, 0x00): return ("UTF-32LE", 0)
        case (0x00, 0x3C, 0x00, 0x3F): return ("UTF-16BE", 0)
        case (0x3C, 0x00, 0x3F, 0x00): return ("UTF-16LE", 0)
        default: return (nil, 0)
        }
    }

    /// The `encoding` of an XML declaration at the start of ASCII-compatible bytes.
    static func declaredEncoding(_ b: [UInt8]) -> String? {
        guard b.starts(with: Array("<?xml".utf8)), b.count > 5, Whitespace.isXMLSpace(b[5]),
            let end = b.prefix(400).firstIndex(of: UInt8(ascii: ">"))
        else {
            return nil
        }
        let decl = String(decoding: b[..<end], as: UTF8.self)
        guard let key = decl.firstRange(of: "encoding") else { return nil }
        let rest = decl[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// UTF-8 as it is; each byte that does not decode read as windows-1252.
    static func utf8OrWindows1252(_ bytes: [UInt8], notes: inout XMLRepair.Notes) -> [UInt8] {
        let valid = bytes.withUnsafeBufferPointer { UTF8Check.firstInvalid($0) == nil }
        guard !valid else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var k = 0
        var line = 1
        while k < bytes.count {
            let len = UTF8Check.sequenceLength(bytes, at: k)
            if len > 0 {
                if bytes[k] == 0x0A { line += 1 }
                out.append(contentsOf: bytes[k..<(k + len)])
                k += len
            } else {
                notes.add(.encoding, line: line, "windows-1252")
                out.append(contentsOf: Array(String(Character(Windows1252.scalar(bytes[k]))).utf8))
                k += 1
            }
        }
        return out
    }

    /// `b` converted from `encoding` with iconv; what does not decode becomes U+FFFD. An
    /// encoding iconv does not know is read as UTF-8.
    static func convert(_ b: ArraySlice<UInt8>, from encoding: String, notes: inout XMLRepair.Notes) -> [UInt8] {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else {
            notes.add(.encoding, line: 1, "unknown encoding \(encoding), read as UTF-8")
            return utf8OrWindows1252(Array(b), notes: &notes)
        }
        defer { iconv_close(cd) }
        var input = Array(b)
        var out = [UInt8](repeating: 0, count: input.count * 2 + 64)
        var produced = 0
        var consumed = 0
        var line = 1
        input.withUnsafeMutableBufferPointer { inBuf in
            while consumed < inBuf.count {
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress! + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count - consumed
                if out.count - produced < 64 { out.append(contentsOf: [UInt8](repeating: 0, count: out.count)) }
                let before = produced
                var outLeft = out.count - produced
                let rc = out.withUnsafeMutableBufferPointer { outBuf -> Int in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                }
                produced = out.count - outLeft
                consumed = inBuf.count - inLeft
                line += out[before..<produced].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                if rc != -1 { break }
                switch errno {
                case E2BIG:
                    out.append(contentsOf: [UInt8](repeating: 0, count: out.count))
                default:
                    // EILSEQ, or EINVAL (a sequence cut at the end): one byte becomes U+FFFD.
                    notes.add(.encoding, line: line, encoding)
                    if out.count - produced < 3 { out.append(contentsOf: [UInt8](repeating: 0, count: 64)) }
                    out.replaceSubrange(produced..<(produced + 3), with: [0xEF, 0xBF, 0xBD])
                    produced += 3
                    consumed += 1
                }
            }
        }
        out.removeSubrange(produced...)
        return out
    }
}
