/// Whole-minute and whole-hour numbers since the epoch, the keys of every time bucket.
///
/// Floor division, so a time before 1970 still lands in the bucket that contains it.
/// `TimeMath.minute(of: 90_000) == 1`, `TimeMath.hour(of: 3_599_999) == 0`.
enum TimeMath {
    static let minuteMillis: EpochMillis = 60_000
    static let hourMillis: EpochMillis = 3_600_000
    static let minutesPerHour: Int64 = 60

    /// `a / b` rounded towards negative infinity (`b > 0`).
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    /// `a mod b` in `0..<b` (`b > 0`).
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    static func minute(of t: EpochMillis) -> Int64 { floorDiv(t, minuteMillis) }
    static func hour(of t: EpochMillis) -> Int64 { floorDiv(t, hourMillis) }
    static func second(of t: EpochMillis) -> Int64 { floorDiv(t, 1000) }
}
