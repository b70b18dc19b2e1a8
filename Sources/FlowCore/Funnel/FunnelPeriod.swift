/// The instants a `FunnelQuery` turns into at a given `now`: which creation times are in
/// the period, until when a lead's stages count, when an open lead is stalled.
///
/// All in saturating arithmetic, so absurd day counts clamp instead of trapping.
struct FunnelPeriod: Sendable {
    static let dayMillis: Int64 = 86_400_000

    let now: EpochMillis
    /// Oldest creation time in the period.
    let start: EpochMillis
    /// The conversion window in ms; nil: none.
    let window: Int64?
    /// An open lead whose last stage change is more than this many ms before `now` is stalled.
    let stalledAfter: Int64

    init(query: FunnelQuery, now: EpochMillis) {
        self.now = now
        start = Self.subtract(now, Self.days(max(1, query.periodDays)))
        window = query.conversionWindowDays.map { Self.days(max(0, $0)) }
        stalledAfter = Self.days(max(0, query.stalledAfterDays))
    }

    func contains(created: EpochMillis) -> Bool {
        created >= start && created <= now
    }

    /// The last instant at which a stage of a lead created at `created` still counts.
    func countsUntil(created: EpochMillis) -> EpochMillis {
        guard let window else { return now }
        return min(now, Self.add(created, window))
    }

    /// Whether a lead whose last stage change was at `lastChange` has been still too long.
    func isStalled(lastChange: EpochMillis) -> Bool {
        Self.subtract(now, lastChange) > stalledAfter
    }

    static func days(_ n: Int) -> Int64 {
        let (ms, overflow) = Int64(clamping: n).multipliedReportingOverflow(by: dayMillis)
        return overflow ? (n < 0 ? .min : .max) : ms
    }

    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : sum
    }

    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }
}
