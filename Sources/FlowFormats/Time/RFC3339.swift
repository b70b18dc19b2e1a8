/// The one RFC 3339 date-time parser of the project: the wire's `ts`, the config files'
/// `starts_at`/`ends_at` and the command line's `--now` all read times through it, so a
/// time one of them accepts the others accept too.
///
/// Strict about the calendar: February 30, April 31, hour 24 or an offset of 24 hours is
/// `outOfRange`, never quietly the next day (as Foundation's ISO 8601 formatter would
/// make of them). Hand-written over bytes because `ts` is on every line a client sends:
/// no Foundation, no allocation.
///
/// Accepted forms: `2026-11-24T10:15:02Z`, `2026-11-24t10:15:02.5z`,
/// `2026-11-24T12:15:02.123456+02:00`, and a space instead of `T` (RFC 3339 section 5.6
/// allows it). Fractions of a millisecond are cut off. Years 0000-9999, proleptic
/// Gregorian calendar.
///
/// ```swift
/// try RFC3339.millis("2026-11-25T10:00:00Z")                        // 1_795_600_800_000
/// try RFC3339.millis("2016-12-31T23:59:60Z")                        // 1_483_228_800_000
/// try RFC3339.millis("2016-12-31T23:59:60Z", leapSecond: .refused)  // throws .outOfRange
/// try RFC3339.millis("2026-11-25")                                  // throws .malformed
/// ```
public enum RFC3339 {
    public enum Failure: Error, Sendable, Equatable {
        /// Not shaped like an RFC 3339 date-time.
        case malformed
        /// Shaped right but naming no real time (month 13, February 30, hour 24, an
        /// offset of 24 hours).
        case outOfRange
    }

    /// What a second of 60 means. The event stream takes it (a client's clock may stamp a
    /// leap second); a file a person writes does not (`:60` there is a typo).
    public enum LeapSecond: Sendable {
        /// `23:59:60` counts as the next minute's first second.
        case nextMinute
        /// `:60` is `outOfRange`.
        case refused
    }

    /// Milliseconds since the Unix epoch for the date-time in `text`.
    public static func millis(_ text: String, leapSecond: LeapSecond = .nextMinute) throws(Failure) -> Int64 {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Failure) in try millis(UnsafeRawBufferPointer(bytes), leapSecond: leapSecond) }
        }
        return try result.get()
    }

    /// Milliseconds since the Unix epoch for the date-time in the UTF-8 bytes `text`.
    public static func millis(_ text: UnsafeRawBufferPointer, leapSecond: LeapSecond = .nextMinute)
        throws(Failure) -> Int64
    {
        var cursor = Cursor(text: text)
        let year = try cursor.digits(4)
        try cursor.expect(Byte.minus)
        let month = try cursor.digits(2)
        try cursor.expect(Byte.minus)
        let day = try cursor.digits(2)
        try cursor.expectOneOf(UInt8(ascii: "T"), UInt8(ascii: "t"), Byte.space)
        let hour = try cursor.digits(2)
        try cursor.expect(Byte.colon)
        let minute = try cursor.digits(2)
        try cursor.expect(Byte.colon)
        let second = try cursor.digits(2)
        var millis = 0
        if cursor.peek == Byte.dot {
            cursor.advance()
            millis = try cursor.fractionMillis()
        }
        var offsetMinutes = 0
        switch cursor.peek {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            cursor.advance()
        case Byte.plus, Byte.minus:
            let sign = cursor.peek == Byte.minus ? -1 : 1
            cursor.advance()
            let offsetHour = try cursor.digits(2)
            try cursor.expect(Byte.colon)
            let offsetMinute = try cursor.digits(2)
            guard offsetHour <= 23, offsetMinute <= 59 else { throw .outOfRange }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        default:
            throw .malformed
        }
        guard cursor.atEnd else { throw .malformed }
        let lastSecond = leapSecond == .nextMinute ? 60 : 59
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= lastSecond
        else { throw .outOfRange }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return Int64(seconds) * 1_000 + Int64(millis)
    }

    /// 28 to 31; February has 29 days in years divisible by 4, except centuries not
    /// divisible by 400 (1900 has 28, 2000 has 29).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
    /// `days_from_civil`), valid for every year this parser accepts.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private enum Byte {
        static let space: UInt8 = 0x20
        static let plus = UInt8(ascii: "+")
        static let minus = UInt8(ascii: "-")
        static let dot = UInt8(ascii: ".")
        static let colon = UInt8(ascii: ":")
        static let zero = UInt8(ascii: "0")
        static let nine = UInt8(ascii: "9")

        @inline(__always)
        static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }
    }

    /// Reads fixed-width fields left to right; every read checks the length first.
    private struct Cursor {
        let text: UnsafeRawBufferPointer
        var pos = 0

        var atEnd: Bool { pos >= text.count }
        var peek: UInt8? { pos < text.count ? text[pos] : nil }
        mutating func advance() { pos += 1 }

        mutating func digits(_ count: Int) throws(Failure) -> Int {
            guard text.count - pos >= count else { throw .malformed }
            var value = 0
            for _ in 0..<count {
                guard Byte.isDigit(text[pos]) else { throw .malformed }
                value = value * 10 + Int(text[pos] &- Byte.zero)
                pos += 1
            }
            return value
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            guard peek == byte else { throw .malformed }
            pos += 1
        }

        mutating func expectOneOf(_ a: UInt8, _ b: UInt8, _ c: UInt8) throws(Failure) {
            guard let byte = peek, byte == a || byte == b || byte == c else { throw .malformed }
            pos += 1
        }

        /// One or more digits after the `.`; the first three are the milliseconds.
        mutating func fractionMillis() throws(Failure) -> Int {
            var millis = 0
            var count = 0
            while let byte = peek, Byte.isDigit(byte) {
                if count < 3 { millis = millis * 10 + Int(byte &- Byte.zero) }
                count += 1
                pos += 1
            }
            guard count > 0 else { throw .malformed }
            for _ in count..<max(count, 3) { millis *= 10 }
            return millis
        }
    }
}
