package import WireModel

/// A fast, allocation-light JSON reader for the article model (JSON Lines input is the
/// hot path of `convert`). It reads exactly what `Article`'s Codable form reads; on any
/// error the caller falls back to `JSONDecoder` for its detailed message.
package struct ArticleJSONParser {
    struct Failure: Error {}

    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    package static func article(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Article {
        var p = ArticleJSONParser(bytes)
        p.space()
        let a = try p.article()
        p.space()
        guard p.i == p.b.count else { throw Failure() }
        return a
    }

    // MARK: lexical

    @inline(__always) mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    @inline(__always) mutating func expect(_ c: UInt8) throws {
        space()
        guard i < b.count, b[i] == c else { throw Failure() }
        i += 1
    }

    /// Consumes `c` if it is next.
    @inline(__always) mutating func take(_ c: UInt8) -> Bool {
        space()
        if i < b.count, b[i] == c {
            i += 1
            return true
        }
        return false
    }

    mutating func null() -> Bool {
        space()
        if i + 4 <= b.count, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"),
            b[i + 3] == UInt8(ascii: "l")
        {
            i += 4
            return true
        }
        return false
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        // Fast path: no escapes.
        i = JSONBytes.firstSpecial(b, from: i)
        if i < b.count, b[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        // Escapes: plain runs are copied whole, escapes decoded between them.
        var out: [UInt8] = []
        out.reserveCapacity(i - start + 64)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let run = i
            i = JSONBytes.firstSpecial(b, from: i)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
            guard i < b.count else { break }
            let c = b[i]
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\"), i < b.count else { throw Failure() }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw Failure()
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Failure() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar), let encoded = UTF8.encode(u) else { throw Failure() }
                out.append(contentsOf: encoded)
            default: throw Failure()
            }
        }
        throw Failure()
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw Failure() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            i += 1
            v <<= 4
            switch c {
            case 0x30...0x39: v |= UInt32(c - 0x30)
            case 0x41...0x46: v |= UInt32(c - 0x41 + 10)
            case 0x61...0x66: v |= UInt32(c - 0x61 + 10)
            default: throw Failure()
            }
        }
        return v
    }

    mutating func int() throws -> Int {
        space()
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let start = i
        var v = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
            guard !o1 && !o2 else { throw Failure() }
            v = s
            i += 1
        }
        // A fraction or exponent is not an integer.
        guard i > start, i == b.count || (b[i] != UInt8(ascii: ".") && b[i] | 0x20 != UInt8(ascii: "e")) else {
            throw Failure()
        }
        return negative ? -v : v
    }

    /// Skips any JSON value (unknown keys).
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < 64 else { throw Failure() }
        space()
        guard i < b.count else { throw Failure() }
        switch b[i] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            i += 1
            if take(UInt8(ascii: "}")) { return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            i += 1
            if take(UInt8(ascii: "]")) { return }
            repeat { try skipValue(depth: depth + 1) } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
        default:
            // Literals and numbers.
            while i < b.count,
                !(b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") || b[i] == UInt8(ascii: "]") || b[i] == 0x20
                    || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09)
            { i += 1 }
        }
    }

    // MARK: structure

    /// Calls `body` with each key of an object.
    mutating func object(_ body: (inout ArticleJSONParser, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    mutating func array<T>(_ element: (inout ArticleJSONParser) throws -> T) throws -> [T] {
        if null() { return [] }
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        if take(UInt8(ascii: "]")) { return out }
        repeat { out.append(try element(&self)) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return out
    }

    mutating func optString() throws -> String? { null() ? nil : try string() }
    mutating func optInt() throws -> Int? { null() ? nil : try int() }

    mutating func optTimestamp() throws -> Timestamp? {
        guard let s = try optString() else { return nil }
        guard let t = DateParser.parseISO8601(s, requireOffset: false) else { throw Failure() }
        return t
    }

    mutating func person() throws -> Person {
        var p = Person(name: "")
        var hasName = false
        try object { parser, key in
            switch key {
            case "name":
                p.name = try parser.string()
                hasName = true
            case "email": p.email = try parser.optString()
            case "uri": p.uri = try parser.optString()
            case "role":
                if let r = try parser.optString() {
                    guard let role = Person.Role(rawValue: r) else { throw Failure() }
                    p.role = role
                }
            default: try parser.skipValue()
            }
        }
        guard hasName else { throw Failure() }
        return p
    }

    mutating func category() throws -> Category {
        var c = Category(term: "")
        var hasTerm = false
        try object { p, key in
            switch key {
            case "term":
                c.term = try p.string()
                hasTerm = true
            case "scheme": c.scheme = try p.optString()
            case "label": c.label = try p.optString()
            default: try p.skipValue()
            }
        }
        guard hasTerm else { throw Failure() }
        return c
    }

    mutating func rights() throws -> Rights? {
        if null() { return nil }
        var r = Rights()
        try object { p, key in
            switch key {
            case "holder": r.holder = try p.optString()
            case "year": r.year = try p.optInt()
            case "notice": r.notice = try p.optString()
            default: try p.skipValue()
            }
        }
        return r
    }

    mutating func media() throws -> Media {
        var m = Media(url: "")
        var hasURL = false
        try object { p, key in
            switch key {
            case "url":
                m.url = try p.string()
                hasURL = true
            case "type": m.type = try p.optString()
            case "medium": m.medium = try p.optString()
            case "renditions":
                m.renditions = try p.array { try $0.rendition() }
            case "length": m.length = try p.optInt()
            case "caption": m.caption = try p.optString()
            case "credit": m.credit = try p.optString()
            case "width": m.width = try p.optInt()
            case "height": m.height = try p.optInt()
            default: try p.skipValue()
            }
        }
        guard hasURL else { throw Failure() }
        return m
    }

    mutating func rendition() throws -> Rendition {
        var r = Rendition(url: "")
        var hasURL = false
        try object { p, key in
            switch key {
            case "url":
                r.url = try p.string()
                hasURL = true
            case "name": r.name = try p.optString()
            case "type": r.type = try p.optString()
            case "width": r.width = try p.optInt()
            case "height": r.height = try p.optInt()
            case "length": r.length = try p.optInt()
            default: try p.skipValue()
            }
        }
        guard hasURL else { throw Failure() }
        return r
    }

    mutating func article() throws -> Article {
        var a = Article(id: "")
        var hasID = false
        try object { p, key in
            switch key {
            case "id":
                a.id = try p.string()
                hasID = true
            case "version": a.version = try p.optInt()
            case "url": a.url = try p.optString()
            case "title": a.title = try p.optString()
            case "subtitle": a.subtitle = try p.optString()
            case "summary": a.summary = try p.optString()
            case "body": a.body = try p.array { try $0.string() }
            case "language": a.language = try p.optString()
            case "published": a.published = try p.optTimestamp()
            case "updated": a.updated = try p.optTimestamp()
            case "authors": a.authors = try p.array { try $0.person() }
            case "categories": a.categories = try p.array { try $0.category() }
            case "keywords": a.keywords = try p.array { try $0.string() }
            case "dateline": a.dateline = try p.optString()
            case "source": a.source = try p.optString()
            case "publisher": a.publisher = try p.optString()
            case "rights": a.rights = try p.rights()
            case "media": a.media = try p.array { try $0.media() }
            case "embargo": a.embargo = try p.optTimestamp()
            case "urgency": a.urgency = try p.optInt()
            case "status":
                if let s = try p.optString() {
                    guard let st = PublicationStatus(rawValue: s) else { throw Failure() }
                    a.status = st
                }
            default: try p.skipValue()
            }
        }
        guard hasID else { throw Failure() }
        return a
    }
}
