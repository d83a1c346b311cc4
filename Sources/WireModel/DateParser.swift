import TextKernel

/// Lenient date parsing for the dates real feeds carry, without Foundation.
package enum DateParser {
    /// What was lenient about a parsed date, for diagnostics.
    public struct Notes: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let noOffset = Notes(rawValue: 1)
        public static let twoDigitYear = Notes(rawValue: 2)
        public static let wrongWeekday = Notes(rawValue: 4)
        public static let namedZone = Notes(rawValue: 8)
        public static let unknownZone = Notes(rawValue: 16)
        public static let dateOnly = Notes(rawValue: 32)
        public static let noSeconds = Notes(rawValue: 64)
    }

    /// RFC 3339 / W3CDTF: `2020-07-07T10:00:00+07:00`, fraction optional, `Z`;
    /// when not `requireOffset`: date only, no seconds, no offset (read as UTC).
    public static func parseISO8601(_ text: String, requireOffset: Bool) -> Timestamp? {
        var notes: Notes = []
        return parseISO8601(text, requireOffset: requireOffset, notes: &notes)
    }

    public static func parseISO8601(_ text: String, requireOffset: Bool, notes: inout Notes) -> Timestamp? {
        var s = Scanner(text)
        s.skipSpaces()
        guard let year = s.digits(exactly: 4) else { return nil }
        var month = 1
        var day = 1
        if s.eat(UInt8(ascii: "-")) {
            guard let m = s.digits(exactly: 2) else { return nil }
            month = m
            if s.eat(UInt8(ascii: "-")) {
                guard let d = s.digits(exactly: 2) else { return nil }
                day = d
            } else if requireOffset {
                return nil
            }
        } else if requireOffset {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var nanos: Int32 = 0
        var offset = 0
        if s.eat(UInt8(ascii: "T")) || s.eat(UInt8(ascii: "t"))
            || (s.peek == 0x20 && s.peek(at: 1).map(isDigit) == true && s.eat(0x20))
        {
            guard let h = s.digits(exactly: 2), s.eat(UInt8(ascii: ":")), let mi = s.digits(exactly: 2) else {
                return nil
            }
            hour = h
            minute = mi
            if s.eat(UInt8(ascii: ":")) {
                guard let se = s.digits(exactly: 2) else { return nil }
                second = se
                if s.eat(UInt8(ascii: ".")) || s.eat(UInt8(ascii: ",")) {
                    var n = 0
                    var count = 0
                    while let c = s.peek, isDigit(c) {
                        if count < 9 {
                            n = n * 10 + Int(c - 48)
                            count += 1
                        }
                        s.advance()
                    }
                    guard count > 0 else { return nil }
                    while count < 9 {
                        n *= 10
                        count += 1
                    }
                    nanos = Int32(n)
                }
            } else {
                if requireOffset { return nil }
                notes.insert(.noSeconds)
            }
            if s.eat(UInt8(ascii: "Z")) || s.eat(UInt8(ascii: "z")) {
                offset = 0
            } else if let sign = s.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                s.advance()
                guard let oh = s.digits(exactly: 2) else { return nil }
                _ = s.eat(UInt8(ascii: ":"))
                let om = s.digits(exactly: 2) ?? 0
                offset = (oh * 60 + om) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                if requireOffset { return nil }
                notes.insert(.noOffset)
            }
        } else {
            if requireOffset { return nil }
            notes.insert(.dateOnly)
        }
        s.skipSpaces()
        guard s.atEnd else { return nil }
        return Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanoseconds: nanos, offsetMinutes: offset)
    }

    static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "BST": 60, "CET": 60, "CEST": 120,
        "EET": 120, "EEST": 180, "WIB": 420, "WITA": 480, "WIT": 540, "JST": 540, "KST": 540,
        "IST": 330, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "HKT": 480, "SGT": 480,
        "MSK": 180,
    ]
    /// Zones RFC 822 itself defines.
    static let rfc822Zones: Set<String> = ["GMT", "UT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"]

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]
    static let weekdays: [String: Int] = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    /// RFC 822 / RFC 1123 and their real-world variants: missing or wrong weekday,
    /// two-digit years, named zones, missing seconds, full month and day names.
    public static func parseRFC822(_ text: String) -> Timestamp? {
        var notes: Notes = []
        return parseRFC822(text, notes: &notes)
    }

    public static func parseRFC822(_ text: String, notes: inout Notes) -> Timestamp? {
        var s = Scanner(text)
        s.skipSpaces()
        var weekday: Int?
        if let c = s.peek, isAlpha(c) {
            let word = s.word().lowercased()
            guard let wd = weekdays[String(word.prefix(3))] else { return nil }
            weekday = wd
            _ = s.eat(UInt8(ascii: ","))
            s.skipSpaces()
        }
        guard let day = s.digits(min: 1, max: 2) else { return nil }
        s.skipSpaces()
        _ = s.eat(UInt8(ascii: "-"))
        let monthWord = s.word().lowercased()
        guard let month = months[String(monthWord.prefix(3))] else { return nil }
        s.skipSpaces()
        _ = s.eat(UInt8(ascii: "-"))
        guard let (yearRaw, yearDigits) = s.digitsCounted(min: 2, max: 4) else { return nil }
        var year = yearRaw
        if yearDigits == 2 {
            notes.insert(.twoDigitYear)
            year += yearRaw < 50 ? 2000 : 1900
        } else if yearDigits == 3 {
            return nil
        }
        s.skipSpaces()
        var hour = 0
        var minute = 0
        var second = 0
        if let h = s.digits(min: 1, max: 2) {
            guard s.eat(UInt8(ascii: ":")), let m = s.digits(exactly: 2) else { return nil }
            hour = h
            minute = m
            if s.eat(UInt8(ascii: ":")) {
                guard let se = s.digits(exactly: 2) else { return nil }
                second = se
            } else {
                notes.insert(.noSeconds)
            }
        } else {
            notes.insert(.dateOnly)
        }
        s.skipSpaces()
        var offset = 0
        if let c = s.peek, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            s.advance()
            guard let v = s.digits(exactly: 4) else { return nil }
            offset = (v / 100 * 60 + v % 100) * (c == UInt8(ascii: "-") ? -1 : 1)
        } else if let c = s.peek, isAlpha(c) {
            let zone = s.word().uppercased()
            if let z = zones[zone] {
                offset = z
                if zone != "GMT" && zone != "UT" && zone != "Z" { notes.insert(.namedZone) }
                if !rfc822Zones.contains(zone) { notes.insert(.unknownZone) }
            } else if zone.count == 1 {
                notes.insert(.unknownZone)  // military zones: RFC 1123 says treat as unknown (UTC)
            } else {
                notes.insert(.unknownZone)
            }
        } else {
            notes.insert(.noOffset)
        }
        s.skipSpaces()
        // Tolerate trailing comments such as "(PST)".
        if s.peek == UInt8(ascii: "(") { s.skipToEnd() }
        guard s.atEnd else { return nil }
        guard
            let t = Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
        else { return nil }
        if let weekday, weekday != t.local.weekday { notes.insert(.wrongWeekday) }
        return t
    }

    /// Any date a feed may carry: RFC 3339/W3CDTF first, then RFC 822, then common local forms.
    public static func parseAny(_ text: String, notes: inout Notes) -> Timestamp? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if let t = parseISO8601(trimmed, requireOffset: false, notes: &notes) { return t }
        notes = []
        if let t = parseRFC822(trimmed, notes: &notes) { return t }
        notes = []
        return parseLocalForms(trimmed, notes: &notes)
    }

    /// `2020-07-07 10:00:00`, `2020/07/07 10:00`, `07/07/2020` are handled above or here.
    static func parseLocalForms(_ text: String, notes: inout Notes) -> Timestamp? {
        let normalized = text.replacingAll("/", with: "-")
        if normalized != text, let t = parseISO8601(normalized, requireOffset: false, notes: &notes) { return t }
        return nil
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }

    struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(_ text: String) { bytes = Array(text.utf8) }
        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }
        func peek(at k: Int) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }
        mutating func advance() { i += 1 }
        mutating func skipToEnd() { i = bytes.count }
        mutating func eat(_ c: UInt8) -> Bool {
            if peek == c {
                i += 1
                return true
            }
            return false
        }
        mutating func skipSpaces() {
            while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
        }
        mutating func digits(exactly n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = bytes[i + k]
                guard isDigit(c) else { return nil }
                v = v * 10 + Int(c - 48)
            }
            if let next = peek(at: n), isDigit(next) { return nil }
            i += n
            return v
        }
        mutating func digits(min: Int, max: Int) -> Int? { digitsCounted(min: min, max: max)?.0 }
        mutating func digitsCounted(min: Int, max: Int) -> (Int, Int)? {
            var v = 0
            var n = 0
            while n < max, let c = peek(at: n), isDigit(c) {
                v = v * 10 + Int(c - 48)
                n += 1
            }
            if let c = peek(at: n), isDigit(c) { return nil }
            guard n >= min else { return nil }
            i += n
            return (v, n)
        }
        mutating func word() -> String {
            let start = i
            while let c = peek, isAlpha(c) { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }
}
