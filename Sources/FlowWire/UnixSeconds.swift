import FlowCore

/// Reads `ts` given as a number: Unix seconds, a fraction allowed. (`ts` as text is an
/// RFC 3339 date-time, read by FlowFormats' `RFC3339`.)
///
/// Years 0000-9999 are representable, in both forms, so a string and a number can never
/// name times the other can not.
///
/// ```swift
/// UnixSeconds.millis(1_795_515_302.123)   // 1_795_515_302_123
/// UnixSeconds.millis(1e300)               // nil: past 9999-12-31T23:59:59Z
/// ```
enum UnixSeconds {
    /// Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let earliest: Double = -62_167_219_200
    static let latest: Double = 253_402_300_799

    /// Milliseconds since the epoch for a number of Unix seconds (fraction rounded to
    /// the nearest millisecond), or nil if it is not finite or outside years 0000-9999.
    static func millis(_ unixSeconds: Double) -> EpochMillis? {
        guard unixSeconds.isFinite, unixSeconds >= earliest, unixSeconds < latest + 1 else {
            return nil
        }
        return EpochMillis((unixSeconds * 1000).rounded())
    }
}
