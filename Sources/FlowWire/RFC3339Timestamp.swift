import FlowCore

/// Reads the `ts` field: an RFC 3339 date-time or a number of Unix seconds.
///
/// Hand-written because Foundation's `ISO8601DateFormatter` is slow and allocates, and
/// `ts` is on every line a client sends. Accepted forms:
/// `2026-11-24T10:15:02Z`, `2026-11-24t10:15:02.5z`, `2026-11-24T12:15:02.123456+02:00`,
/// and a space instead of `T` (RFC 3339 section 5.6 allows it). Fractions of a
/// millisecond are cut off. A second of 60 (a leap second) counts as the next minute's
/// first second.
///
/// Years 0000-9999 are representable, in both forms, so a string and a number can never
/// name times the other can not.
enum RFC3339Timestamp {
    enum Failure: Error {
        /// Not shaped like an RFC 3339 date-time: reported as `wrong_type`.
        case malformed
        /// Shaped right but naming no real time (month 13, February 30, hour 24, an
        /// offset of 24 hours): reported as `out_of_range`.
        case outOfRange
    }

    /// Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let earliestSeconds: Double = -62_167_219_200
    static let latestSeconds: Double = 253_402_300_799

    /// Milliseconds since the epoch for a number of Unix seconds (fraction rounded to
    /// the nearest millisecond), or nil if it is not finite or outside years 0000-9999.
    static func millis(unixSeconds: Double) -> EpochMillis? {
        guard unixSeconds.isFinite, unixSeconds >= earliestSeconds, unixSeconds < latestSeconds + 1 else {
            return nil
        }
        return EpochMillis((unixSeconds * 1000).rounded())
    }

    /// Milliseconds since the epoch for an RFC 3339 date-time.
    static func millis(_ text: UnsafeRawBufferPointer) throws(Failure) -> EpochMillis {
        var cursor = Cursor(text: text)
        let year = try cursor.digits(4)
        try cursor.expect(ASCII.minus)
        let month = try cursor.digits(2)
        try cursor.expect(ASCII.minus)
        let day = try cursor.digits(2)
        try cursor.expectOneOf(UInt8(ascii: "T"), UInt8(ascii: "t"), ASCII.space)
        let hour = try cursor.digits(2)
        try cursor.expect(ASCII.colon)
        let minute = try cursor.digits(2)
        try cursor.expect(ASCII.colon)
        let second = try cursor.digits(2)
        var millis = 0
        if cursor.peek == ASCII.dot {
            cursor.advance()
            millis = try cursor.fractionMillis()
        }
        var offsetMinutes = 0
        switch cursor.peek {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            cursor.advance()
        case ASCII.plus, ASCII.minus:
            let sign = cursor.peek == ASCII.minus ? -1 : 1
            cursor.advance()
            let offsetHour = try cursor.digits(2)
            try cursor.expect(ASCII.colon)
            let offsetMinute = try cursor.digits(2)
            guard offsetHour <= 23, offsetMinute <= 59 else { throw .outOfRange }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        default:
            throw .malformed
        }
        guard cursor.atEnd else { throw .malformed }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { throw .outOfRange }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return EpochMillis(seconds) * 1_000 + EpochMillis(millis)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
    /// `days_from_civil`), valid for every year this parser accepts.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
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
                guard ASCII.isDigit(text[pos]) else { throw .malformed }
                value = value * 10 + Int(text[pos] &- ASCII.zero)
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
            while let byte = peek, ASCII.isDigit(byte) {
                if count < 3 { millis = millis * 10 + Int(byte &- ASCII.zero) }
                count += 1
                pos += 1
            }
            guard count > 0 else { throw .malformed }
            for _ in count..<max(count, 3) { millis *= 10 }
            return millis
        }
    }
}
