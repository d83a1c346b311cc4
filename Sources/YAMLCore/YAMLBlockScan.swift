import TextKernel

#if canImport(Glibc)
    import Glibc
#endif

/// The events of the block YAML that front matter is nearly always written in, found
/// without libyaml: `key: value` mappings, `- item` sequences, plain, single- and
/// double-quoted scalars on one line each.
///
/// It gives exactly what libyaml's parser gives for such a text (`YAMLBlockScanTests` holds
/// it to that over generated texts and the fixtures), or nil as soon as the text steps
/// outside that subset (flow collections, block scalars, anchors, tags, comments after a
/// value, multi-line scalars, tabs, empty values, characters YAML reads as line breaks or
/// forbids): libyaml reads those, and explains their errors.
enum YAMLBlockScan {
    struct Line {
        var number: Int
        var indent: Int
        var start: Int
        var end: Int
    }

    struct Outside: Error {}

    static func events(_ b: UnsafeBufferPointer<UInt8>, maximumEvents: Int) -> [YAMLEvents.Event]? {
        guard var scan = Scanner(b, maximumEvents: maximumEvents) else { return nil }
        do {
            guard let first = scan.lines.first else { return nil }
            guard first.indent == 0 else { return nil }
            try scan.block(indent: 0)
            guard scan.at == scan.lines.count else { return nil }
            return scan.events
        } catch {
            return nil
        }
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        let maximumEvents: Int
        var lines: [Line] = []
        var at = 0
        var events: [YAMLEvents.Event] = []

        /// The text's lines that hold something (blank lines and whole-line comments skipped);
        /// nil for anything the scanner never takes.
        init?(_ b: UnsafeBufferPointer<UInt8>, maximumEvents: Int) {
            self.b = b
            self.maximumEvents = maximumEvents
            guard let base = b.baseAddress else { return nil }
            var i = 0
            var number = 0
            while i <= b.count {
                var end = b.count
                if i < b.count, let nl = memchr(base + i, 0x0A, b.count - i) {
                    end = UnsafeRawPointer(nl) - UnsafeRawPointer(base)
                } else if i >= b.count {
                    end = i
                }
                var indent = 0
                while i + indent < end && b[i + indent] == 0x20 { indent += 1 }
                var last = end
                while last > i + indent && b[last - 1] == 0x20 { last -= 1 }
                let start = i + indent
                if start < last {
                    let c = b[start]
                    if c == UInt8(ascii: "#") {
                        // A comment line.
                    } else {
                        if c == UInt8(ascii: "%") { return nil }
                        if indent == 0 && last - start >= 3
                            && ((c == 0x2D && b[start + 1] == 0x2D && b[start + 2] == 0x2D)
                                || (c == 0x2E && b[start + 1] == 0x2E && b[start + 2] == 0x2E))
                        {
                            return nil  // a document marker
                        }
                        lines.append(Line(number: number, indent: indent, start: start, end: last))
                    }
                }
                // Bytes YAML forbids or reads as line breaks, tabs and carriage returns.
                var k = i
                while k < end {
                    // Eight printable ASCII bytes (most of any text) at once.
                    if k + 8 <= end {
                        let v = ByteWords.load(base + k)
                        if v & ByteWords.highs == 0 && !ByteWords.hasByte(below: 0x20, v)
                            && ByteWords.matches(v, 0x7F) == 0
                        {
                            k += 8
                            continue
                        }
                    }
                    let x = b[k]
                    // Printable ASCII, most of any text, in one test.
                    if x &- 0x20 < 0x5F {
                        k += 1
                        continue
                    }
                    if x < 0x20 || x == 0x7F { return nil }
                    if x == 0xC2 && k + 1 < end && b[k + 1] < 0xA0 { return nil }  // C1 controls, NEL
                    if x == 0xE2 && k + 2 < end && b[k + 1] == 0x80 && (b[k + 2] == 0xA8 || b[k + 2] == 0xA9) {
                        return nil  // LS, PS
                    }
                    if x == 0xEF && k + 2 < end
                        && ((b[k + 1] == 0xBB && b[k + 2] == 0xBF) || (b[k + 1] == 0xBF && b[k + 2] >= 0xBE))
                    {
                        return nil  // BOM, U+FFFE, U+FFFF
                    }
                    k += 1
                }
                number += 1
                i = end + 1
            }
        }

        mutating func emit(_ e: YAMLEvents.Event) throws {
            events.append(e)
            if events.count > maximumEvents { throw Outside() }
        }

        func isItem(_ line: Line) -> Bool {
            b[line.start] == UInt8(ascii: "-") && (line.end - line.start == 1 || b[line.start + 1] == 0x20)
        }

        /// The block at `at`, whose lines stand at `indent`.
        mutating func block(indent: Int) throws {
            if isItem(lines[at]) {
                try sequence(indent: indent)
            } else {
                try mapping(indent: indent, from: lines[at].start)
            }
        }

        /// A block mapping whose keys stand at column `indent`; its first key starts at
        /// `from` on the current line (after a sequence item's `- `).
        mutating func mapping(indent: Int, from: Int) throws {
            var line = lines[at]
            line.start = from
            try emit(.mappingStart(line: line.number))
            var first = true
            while at < lines.count {
                if !first {
                    line = lines[at]
                    if line.indent < indent { break }
                    if line.indent > indent || isItem(line) { throw Outside() }
                }
                first = false
                // key: plain letters, digits, _ and -, then `:` and a space or the line's end.
                var k = line.start
                guard k < line.end, isKeyStart(b[k]) else { throw Outside() }
                while k < line.end && isKeyByte(b[k]) { k += 1 }
                // libyaml takes a simple key of 1,024 characters at most.
                guard k < line.end, b[k] == UInt8(ascii: ":"), k + 1 == line.end || b[k + 1] == 0x20,
                    k - line.start <= Self.longestKey
                else {
                    throw Outside()
                }
                try emit(.scalar(text(line.start, k), plain: true, line: line.number))
                var v = k + 1
                while v < line.end && b[v] == 0x20 { v += 1 }
                at += 1
                if v == line.end {
                    // The value is the block on the next lines: deeper, or a sequence at this column.
                    guard at < lines.count else { throw Outside() }
                    let next = lines[at]
                    if next.indent > indent {
                        try block(indent: next.indent)
                    } else if next.indent == indent && isItem(next) {
                        try sequence(indent: indent)
                    } else {
                        throw Outside()  // an empty value
                    }
                } else {
                    try scalar(v, line.end, line: line.number)
                    if at < lines.count && lines[at].indent > indent { throw Outside() }
                }
            }
            try emit(.mappingEnd)
        }

        /// A block sequence whose `-` stand at column `indent`.
        mutating func sequence(indent: Int) throws {
            try emit(.sequenceStart(line: lines[at].number))
            while at < lines.count {
                let line = lines[at]
                if line.indent < indent { break }
                guard line.indent == indent, isItem(line), line.end - line.start > 1 else { throw Outside() }
                var c = line.start + 1
                while c < line.end && b[c] == 0x20 { c += 1 }
                if looksLikeKey(c, line.end) {
                    // `- key: value`: a mapping whose keys stand at this item's column.
                    try mapping(indent: line.indent + (c - line.start), from: c)
                } else {
                    if b[c] == UInt8(ascii: "-") && (c + 1 == line.end || b[c + 1] == 0x20) { throw Outside() }
                    at += 1
                    try scalar(c, line.end, line: line.number)
                    if at < lines.count && lines[at].indent > indent { throw Outside() }
                }
            }
            try emit(.sequenceEnd)
        }

        func looksLikeKey(_ start: Int, _ end: Int) -> Bool {
            var k = start
            guard k < end, isKeyStart(b[k]) else { return false }
            while k < end && isKeyByte(b[k]) { k += 1 }
            return k < end && b[k] == UInt8(ascii: ":") && (k + 1 == end || b[k + 1] == 0x20)
                && k - start <= Self.longestKey
        }

        static let longestKey = 1024

        func isKeyStart(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F
        }

        func isKeyByte(_ c: UInt8) -> Bool {
            isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }

        /// A scalar filling `start..<end` of one line.
        mutating func scalar(_ start: Int, _ end: Int, line: Int) throws {
            let c = b[start]
            switch c {
            case UInt8(ascii: "\""):
                try emit(.scalar(try doubleQuoted(start, end), plain: false, line: line))
            case UInt8(ascii: "'"):
                var out: [UInt8] = []
                var i = start + 1
                while true {
                    guard i < end else { throw Outside() }
                    if b[i] == UInt8(ascii: "'") {
                        if i + 1 < end && b[i + 1] == UInt8(ascii: "'") {
                            out.append(b[i])
                            i += 2
                            continue
                        }
                        guard i + 1 == end else { throw Outside() }
                        break
                    }
                    out.append(b[i])
                    i += 1
                }
                try emit(.scalar(String(decoding: out, as: UTF8.self), plain: false, line: line))
            default:
                // Plain: not opening with an indicator, no `: `, ` #` or `:` at the end.
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "%"),
                    UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "?"),
                    UInt8(ascii: ":"):
                    throw Outside()
                default: break
                }
                if c == UInt8(ascii: "-") && (start + 1 == end || b[start + 1] == 0x20) { throw Outside() }
                var i = start
                while i < end {
                    if b[i] == UInt8(ascii: ":") && (i + 1 == end || b[i + 1] == 0x20) { throw Outside() }
                    if b[i] == 0x20 && i + 1 < end && b[i + 1] == UInt8(ascii: "#") { throw Outside() }
                    i += 1
                }
                try emit(.scalar(text(start, end), plain: true, line: line))
            }
        }

        /// A double-quoted scalar that ends its line, with JSON's escapes (and `\0`, `\e`).
        func doubleQuoted(_ start: Int, _ end: Int) throws -> String {
            // Most have no escape: the text between the quotes as it stands.
            if end - start >= 2 && b[end - 1] == UInt8(ascii: "\"") {
                var k = start + 1
                while k < end - 1 && b[k] != UInt8(ascii: "\"") && b[k] != UInt8(ascii: "\\") { k += 1 }
                if k == end - 1 { return text(start + 1, end - 1) }
            }
            var out: [UInt8] = []
            out.reserveCapacity(end - start)
            var i = start + 1
            func hex(_ from: Int, _ n: Int) throws -> UInt32 {
                guard from + n <= end else { throw Outside() }
                var v: UInt32 = 0
                for k in from..<(from + n) {
                    let x = b[k]
                    let d: UInt8
                    switch x {
                    case 0x30...0x39: d = x - 0x30
                    case 0x41...0x46: d = x - 0x37
                    case 0x61...0x66: d = x - 0x57
                    default: throw Outside()
                    }
                    v = v << 4 | UInt32(d)
                }
                return v
            }
            while true {
                guard i < end else { throw Outside() }
                let x = b[i]
                if x == UInt8(ascii: "\"") {
                    guard i + 1 == end else { throw Outside() }
                    return String(decoding: out, as: UTF8.self)
                }
                if x != UInt8(ascii: "\\") {
                    out.append(x)
                    i += 1
                    continue
                }
                guard i + 1 < end else { throw Outside() }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "0"): out.append(0x00)
                case UInt8(ascii: "e"): out.append(0x1B)
                case UInt8(ascii: "u"):
                    let v = try hex(i, 4)
                    i += 4
                    guard v != 0, !(0xD800...0xDFFF).contains(v), let scalar = Unicode.Scalar(v) else {
                        throw Outside()
                    }
                    out.append(contentsOf: UTF8.encode(scalar)!)
                default: throw Outside()
                }
            }
        }
    }
}
