/// The time-bucketed counters of one SLO series (the total, one tenant or one model).
///
/// Two prefix-sum rings fed by every event: minute buckets covering the longest burn-rate
/// window (3 days, plus an hour of slack for late events) and hour buckets covering the
/// SLO window (at least 30 days, for the 30-day chart). A sliding window ending at `now`
/// (`window(endingAt:minutes:)`) costs three reads (`PrefixRing`): its whole buckets and the
/// oldest bucket weighted by the share of it inside the window. The alert tiers read
/// whole completed minutes (`window(endingAtMinute:minutes:)`, two reads).
///
/// ```swift
/// var series = SeriesCounters(window: .rolling(days: 30))
/// series.record(SLICounts(good: 1, total: 1), at: now)
/// series.window(endingAt: now, minutes: 60)                                // (now - 1h, now]
/// series.window(endingAtMinute: TimeMath.minute(of: now) - 1, minutes: 60) // last whole hour
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

    /// The events in (now - `count` minutes, now]: the current partial minute, the
    /// `count - 1` whole minutes before it, and the minute the window starts in, weighted
    /// by the share of that minute inside the window (1 - seconds elapsed in the current
    /// minute / 60). Three reads.
    ///
    /// Exact when `now` is on a minute boundary and for traffic spread evenly over the
    /// oldest minute; otherwise off by at most the events of that one minute (all of them
    /// counted at its weight when they all fell before the window's start, or after).
    func window(endingAt now: EpochMillis, minutes count: Int64) -> WindowCounts {
        Self.sliding(minutes, endingAt: now, buckets: count, bucketMillis: TimeMath.minuteMillis)
    }

    /// The events in (now - `count` hours, now], by the same rule over hour buckets: the
    /// current partial hour, the whole hours before it and the oldest hour weighted.
    func window(endingAt now: EpochMillis, hours count: Int64) -> WindowCounts {
        Self.sliding(hours, endingAt: now, buckets: count, bucketMillis: TimeMath.hourMillis)
    }

    /// The rule both windows follow, over a ring of `bucketMillis` buckets.
    private static func sliding(_ ring: PrefixRing, endingAt now: EpochMillis, buckets count: Int64,
                                bucketMillis: EpochMillis) -> WindowCounts {
        guard count > 0 else { return .zero }
        let end = TimeMath.floorDiv(now, bucketMillis)
        let whole = WindowCounts(ring.sum((end - count + 1)...end))
        let edge = ring.counts(at: end - count)
        guard edge.total > 0 else { return whole }
        return whole + WindowCounts(edge, weight: insideShare(of: now, bucket: bucketMillis))
    }

    /// The share of the bucket a window of whole buckets ending at `now` starts in that
    /// lies inside the window: 1 at a bucket boundary, falling to nearly 0 just before the next.
    static func insideShare(of now: EpochMillis, bucket: EpochMillis) -> Double {
        1 - Double(TimeMath.floorMod(now, bucket)) / Double(bucket)
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
