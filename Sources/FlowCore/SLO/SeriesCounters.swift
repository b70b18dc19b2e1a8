/// The time-bucketed counters of one SLO series (the total, one tenant or one model).
///
/// Two prefix-sum rings fed by every event: minute buckets covering the longest burn-rate
/// window (3 days, plus an hour of slack for late events) and hour buckets covering the
/// SLO window (at least 30 days, for the 30-day chart). Every burn window is exact to the
/// minute and costs two reads (`PrefixRing`); the SLO window is whole hours (its oldest
/// edge moves an hour at a time) and also costs two reads.
///
/// ```swift
/// var series = SeriesCounters(window: .rolling(days: 30))
/// series.record(SLICounts(good: 1, total: 1), at: now)
/// series.window(endingAtMinute: TimeMath.minute(of: now), minutes: 60)   // last hour
/// ```
///
/// Memory per series is fixed: (4,381 minute slots + max(days, 30) x 24 + 3 hour slots)
/// x 16 bytes; for a 30-day (or shorter) SLO 5,104 slots = 81,664 bytes (~80 KiB),
/// whatever the traffic. `SeriesCounters.bytes(for:)` computes it.
struct SeriesCounters: Sendable, Codable {
    /// 3 days of minutes plus one hour of slack.
    static let minuteCapacity = 3 * 24 * 60 + 60
    /// Burn windows never look further back than this many minutes.
    static let longestWindowMinutes: Int64 = 3 * 24 * 60

    private(set) var minutes: PrefixRing
    private(set) var hours: PrefixRing

    init(window: SLOWindow) {
        minutes = PrefixRing(capacity: SeriesCounters.minuteCapacity)
        hours = PrefixRing(capacity: SeriesCounters.hourCapacity(for: window))
    }

    static func hourCapacity(for window: SLOWindow) -> Int { max(window.retainedDays, 30) * 24 + 2 }

    /// Bytes of counters one series of an SLO with this window holds.
    static func bytes(for window: SLOWindow) -> Int {
        (minuteCapacity + 1 + hourCapacity(for: window) + 1) * MemoryLayout<SLICounts>.stride
    }

    /// Adds counts at time `t`; a bucket already outside a ring is skipped in that ring.
    mutating func record(_ counts: SLICounts, at t: EpochMillis) {
        minutes.add(counts, at: TimeMath.minute(of: t))
        hours.add(counts, at: TimeMath.hour(of: t))
    }

    /// The newest minute with data (or cleared to), for idleness checks.
    var newestMinute: Int64? { minutes.newest }

    /// Counts of one minute.
    func minute(_ m: Int64) -> SLICounts { minutes.counts(at: m) }

    /// Sum over the `count` minutes ending at minute `end` (inclusive). Two reads.
    func window(endingAtMinute end: Int64, minutes count: Int64) -> SLICounts {
        guard count > 0 else { return .zero }
        return minutes.sum((end - count + 1)...end)
    }

    /// Sum over minutes `first...last`.
    func minutes(_ range: ClosedRange<Int64>) -> SLICounts { minutes.sum(range) }

    /// Sum over hours `first...last`.
    func hours(_ range: ClosedRange<Int64>) -> SLICounts { hours.sum(range) }

    /// Sum over the `count` hours ending with the hour holding `end`.
    func window(endingAtHour end: Int64, hours count: Int64) -> SLICounts {
        guard count > 0 else { return .zero }
        return hours.sum((end - count + 1)...end)
    }
}
