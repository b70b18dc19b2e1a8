import FlowCore

/// The funnel that `flowtop report funnel [--period-days N] [--window-days W] [--breakdown
/// none|source|tenant] [--stalled-days D]` analyses, checked before the replay so a typo
/// costs no time and says what would have been valid.
///
/// Why limits at all: the engine clamps absurd values silently (a period of 0 days counts
/// as 1), which is right for a live dashboard and wrong for a report someone will quote.
///
/// ```swift
/// let query = try FunnelReportQuery.make(periodDays: 7, windowDays: nil, breakdown: .source, stalledDays: nil)
/// let snap = try replaySnapshot(input: path, now: nil, query: SnapshotQuery(funnel: query))
/// ```
public enum FunnelReportQuery {
    /// Ten years: past that a "period" is the whole history, and day counts stop being
    /// something a person typed on purpose.
    public static let maxDays = 3650

    /// The query for the options given (nil: the default of `FunnelQuery`), or a
    /// `UserFacingError` naming the option, its range and the value.
    public static func make(periodDays: Int?, windowDays: Int?, breakdown: FunnelBreakdown?,
                            stalledDays: Int?) throws -> FunnelQuery {
        var query = FunnelQuery()
        if let periodDays {
            try check("--period-days", periodDays, from: 1)
            query.periodDays = periodDays
        }
        if let windowDays {
            try check("--window-days", windowDays, from: 0)
            query.conversionWindowDays = windowDays
        }
        if let stalledDays {
            try check("--stalled-days", stalledDays, from: 0)
            query.stalledAfterDays = stalledDays
        }
        if let breakdown { query.breakdown = breakdown }
        return query
    }

    private static func check(_ option: String, _ value: Int, from lowest: Int) throws {
        guard (lowest...maxDays).contains(value) else {
            throw UserFacingError("\(option) must be a whole number of days from \(lowest) to \(maxDays), not \(value)")
        }
    }
}
