/// An instant with the UTC offset it was written in (RFC 3339 keeps both).
///
/// wirefeed never converts a date to UTC on its way through: `2020-07-07T10:00:00+07:00`
/// stays `+07:00` in JSON, in Atom and in NewsML, and becomes `+0700` in RSS.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Fraction of a second, in nanoseconds (0 when none).
    public var nanoseconds: Int32
    /// Offset from UTC in minutes (`+07:00` is 420).
    public var offsetMinutes: Int16

    public init(seconds: Int64, nanoseconds: Int32 = 0, offsetMinutes: Int16 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.offsetMinutes = offsetMinutes
    }

    /// Builds a timestamp from local calendar fields and their offset.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanoseconds: Int32 = 0, offsetMinutes: Int = 0
    ) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            abs(offsetMinutes) < 24 * 60
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.init(
            seconds: local - Int64(offsetMinutes) * 60, nanoseconds: nanoseconds, offsetMinutes: Int16(offsetMinutes))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// Equal instants are equal, whatever offset they are written in; the offset still
    /// tells them apart for hashing-free comparisons of the written form (see ``rfc3339``).
    public static func == (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds == b.seconds && a.nanoseconds == b.nanoseconds && a.offsetMinutes == b.offsetMinutes
    }

    /// Local calendar fields at this timestamp's own offset.
    package var local: CivilDate.Fields {
        CivilDate.fields(secondsSinceEpoch: seconds + Int64(offsetMinutes) * 60)
    }

    /// RFC 3339, e.g. `2020-07-07T10:00:00+07:00` (`Z` for a zero offset).
    public var rfc3339: String {
        let f = local
        var s = ""
        s.reserveCapacity(32)
        Digits.append(f.year, width: 4, to: &s)
        s.append("-")
        Digits.append(f.month, width: 2, to: &s)
        s.append("-")
        Digits.append(f.day, width: 2, to: &s)
        s.append("T")
        Digits.append(f.hour, width: 2, to: &s)
        s.append(":")
        Digits.append(f.minute, width: 2, to: &s)
        s.append(":")
        Digits.append(f.second, width: 2, to: &s)
        if nanoseconds > 0 {
            var frac = Int(nanoseconds)
            var width = 9
            while frac % 10 == 0 {
                frac /= 10
                width -= 1
            }
            s.append(".")
            Digits.append(frac, width: width, to: &s)
        }
        appendOffset(to: &s, colon: true, zulu: true)
        return s
    }

    /// RFC 822 as RSS 2.0 uses it, with a four-digit year and a numeric offset:
    /// `Tue, 07 Jul 2020 10:00:00 +0700`.
    public var rfc822: String {
        let f = local
        var s = ""
        s.reserveCapacity(32)
        s.append(CivilDate.weekdayNames[f.weekday])
        s.append(", ")
        Digits.append(f.day, width: 2, to: &s)
        s.append(" ")
        s.append(CivilDate.monthNames[f.month - 1])
        s.append(" ")
        Digits.append(f.year, width: 4, to: &s)
        s.append(" ")
        Digits.append(f.hour, width: 2, to: &s)
        s.append(":")
        Digits.append(f.minute, width: 2, to: &s)
        s.append(":")
        Digits.append(f.second, width: 2, to: &s)
        s.append(" ")
        appendOffset(to: &s, colon: false, zulu: false)
        return s
    }

    private func appendOffset(to s: inout String, colon: Bool, zulu: Bool) {
        if offsetMinutes == 0 && zulu {
            s.append("Z")
            return
        }
        let m = Int(offsetMinutes)
        s.append(m < 0 ? "-" : "+")
        Digits.append(abs(m) / 60, width: 2, to: &s)
        if colon { s.append(":") }
        Digits.append(abs(m) % 60, width: 2, to: &s)
    }

    public var description: String { rfc3339 }

    /// Parses strict RFC 3339 (`T` or space separator, fraction optional, offset required).
    public init?(rfc3339 text: String) {
        guard let t = DateParser.parseISO8601(text, requireOffset: true) else { return nil }
        self = t
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let t = DateParser.parseISO8601(text, requireOffset: false) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "'\(text)' is not an RFC 3339 date-time (e.g. 2020-07-07T10:00:00+07:00)")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

/// Proleptic Gregorian calendar arithmetic without Foundation (fast, allocation-free).
package enum CivilDate {
    public struct Fields: Sendable, Equatable {
        public var year, month, day, hour, minute, second: Int
        /// 0 = Sunday.
        public var weekday: Int
    }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func fields(secondsSinceEpoch t: Int64) -> Fields {
        var days = Int(t / 86_400)
        var rem = Int(t % 86_400)
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let wd = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        return Fields(
            year: y, month: m, day: d, hour: rem / 3600, minute: rem % 3600 / 60, second: rem % 60, weekday: wd)
    }
}

enum Digits {
    @inline(__always)
    static func append(_ value: Int, width: Int, to s: inout String) {
        var v = value
        var buf: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            48, 48, 48, 48, 48, 48, 48, 48, 48, 48
        )
        withUnsafeMutableBytes(of: &buf) { p in
            var i = 9
            repeat {
                p[i] = UInt8(48 + v % 10)
                v /= 10
                i -= 1
            } while v > 0 && i >= 0
            let start = min(10 - width, i + 1)
            s.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[start..<10]), as: UTF8.self))
        }
    }
}
