/// The time-bucketed counters of one SLO series (the total, one tenant or one model).
///
/// Two rings fed by every event: minute buckets covering the longest burn-rate window
/// (3 days, plus an hour of slack for late and slightly-future events) and hour buckets
/// covering the SLO window. A window sum reads whole hours from the hour ring and only the
/// ragged minutes at either end from the minute ring, so a 3-day window costs at most
/// ~190 reads, never 4,320, and stays exact to the minute.
///
/// ```swift
/// var series = SeriesCounters(windowDays: 30)
/// series.record(SLICounts(good: 1, total: 1), at: now)
/// series.window(endingAtMinute: TimeMath.minute(of: now), minutes: 60)   // last hour
/// ```
///
/// Memory per series is fixed: (4,380 minute slots + windowDays x 24 + 2 hour slots) x
/// 16 bytes; for a 30-day SLO 5,102 slots = 81,632 bytes (~80 KiB), whatever the traffic.
struct SeriesCounters: Sendable {
    /// 3 days of minutes plus one hour of slack.
    static let minuteCapacity = 3 * 24 * 60 + 60
    /// Burn windows never look further back than this many minutes.
    static let longestWindowMinutes: Int64 = 3 * 24 * 60

    private(set) var minutes: BucketRing
    private(set) var hours: BucketRing

    init(windowDays: Int) {
        minutes = BucketRing(capacity: SeriesCounters.minuteCapacity)
        hours = BucketRing(capacity: max(windowDays, 3) * 24 + 2)
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

    /// Sum over the `count` minutes ending at minute `end` (inclusive).
    func window(endingAtMinute end: Int64, minutes count: Int64) -> SLICounts {
        let start = end - count + 1
        guard count > 0 else { return .zero }
        let perHour = TimeMath.minutesPerHour
        // Whole hours h with h*60 >= start and h*60+59 <= end.
        let firstWholeHour = -TimeMath.floorDiv(-start, perHour)
        let endWholeHour = TimeMath.floorDiv(end + 1, perHour)   // exclusive
        guard firstWholeHour < endWholeHour else { return minutes.sum(start...end) }
        var total = SLICounts.zero
        if start < firstWholeHour * perHour {
            total += minutes.sum(start...(firstWholeHour * perHour - 1))
        }
        total += hours.sum(firstWholeHour...(endWholeHour - 1))
        if endWholeHour * perHour <= end {
            total += minutes.sum((endWholeHour * perHour)...end)
        }
        return total
    }

    /// Sum over the SLO window: the `count` hours ending with the hour holding `end`.
    /// Hour granularity: the window's oldest edge moves an hour at a time.
    func window(endingAtHour end: Int64, hours count: Int64) -> SLICounts {
        guard count > 0 else { return .zero }
        return hours.sum((end - count + 1)...end)
    }
}
