import FlowCore
import FlowFormats

/// RFC 3339 date-times in config files (`2026-11-25T10:00:00Z`, `2026-11-25T12:00:00+01:00`,
/// fractions of a second allowed, a space instead of `T` too), read by FlowFormats'
/// `RFC3339` like every other time, with the messages a config file's reader needs.
/// Strict: February 30, hour 24 or a second of 60 is an error, not quietly the next day
/// (a person writing a file means no leap second by `:60`).
///
/// ```swift
/// try RFC3339Time.millis("2026-11-25T10:00:00Z")   // 1_795_600_800_000
/// try RFC3339Time.millis("2026-11-25")             // throws: a time and an offset are required
/// ```
enum RFC3339Time {
    static let example = "2026-11-25T10:00:00Z"

    static func millis(_ text: String) throws(AlertSyntaxError) -> EpochMillis {
        do throws(RFC3339.Failure) {
            return try RFC3339.millis(text, leapSecond: .refused)
        } catch .malformed {
            throw AlertSyntaxError("expected an RFC 3339 time with a UTC offset, such as \(example) or "
                                   + "2026-11-25T11:00:00+01:00, found `\(text)`")
        } catch {
            throw AlertSyntaxError("`\(text)` is no real time: expected a month 01-12, a day that month has, "
                                   + "hours 00-23, minutes and seconds 00-59")
        }
    }
}
