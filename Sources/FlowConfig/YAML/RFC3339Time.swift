import FlowCore
import Foundation

/// RFC 3339 date-times in config files (`2026-11-25T10:00:00Z`, `2026-11-25T12:00:00+01:00`,
/// fractions of a second allowed, a space instead of `T` too). Checked strictly: February
/// 30 or hour 24 is an error, not quietly the next day, as Foundation's
/// `ISO8601DateFormatter` would make of them; so the shape is matched here and only the
/// calendar arithmetic is Foundation's. (FlowWire reads the event stream's timestamps
/// with its own byte-level parser, internal to it.)
///
/// ```swift
/// try RFC3339Time.millis("2026-11-25T10:00:00Z")   // 1_795_600_800_000
/// try RFC3339Time.millis("2026-11-25")             // throws: a time and an offset are required
/// ```
enum RFC3339Time {
    static let example = "2026-11-25T10:00:00Z"

    static func millis(_ text: String) throws(AlertSyntaxError) -> EpochMillis {
        let shape = /([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|([+-])([0-9]{2}):([0-9]{2}))/
        guard let match = text.wholeMatch(of: shape) else {
            throw AlertSyntaxError("expected an RFC 3339 time with a UTC offset, such as \(example) or "
                                   + "2026-11-25T11:00:00+01:00, found `\(text)`")
        }
        let number = { (digits: Substring) in Int(digits) ?? 0 }
        let wallClock = DateComponents(year: number(match.1), month: number(match.2), day: number(match.3),
                                       hour: number(match.4), minute: number(match.5), second: number(match.6))
        let offsetHours = match.10.map(number) ?? 0
        let offsetMinutes = match.11.map(number) ?? 0
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0) ?? utc.timeZone
        guard wallClock.isValidDate(in: utc), let date = utc.date(from: wallClock), offsetHours <= 23,
              offsetMinutes <= 59 else {
            throw AlertSyntaxError("`\(text)` is no real time: expected a month 01-12, a day that month has, "
                                   + "hours 00-23, minutes and seconds 00-59")
        }
        let fraction = (match.7 ?? "").prefix(3)
        let millis = number(fraction) * [100, 10, 1][max(0, fraction.count - 1)]
        let offsetSeconds = (match.9 == "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60
        return (EpochMillis(date.timeIntervalSince1970.rounded()) - EpochMillis(offsetSeconds)) * 1_000
            + EpochMillis(millis)
    }
}
