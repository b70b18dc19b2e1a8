/// The time-bucketed counters of one SLO series (the total, one tenant or one model).
///
/// Three rings (`CountRing`), each as fine as the windows that read it need: minutes for 7 hours (the burn windows up to 6 hours, the 1-hour and 6-hour charts),
/// quarter hours for 3 days and an hour (the 1-day and 3-day burn windows and charts) and
/// hours for the SLO window (at least 30 days: its budget, burn-down and 30-day chart).
/// An event goes to the minute ring; the coarser rings take each minute in when it ends.
///
/// A sliding window ending at `now` (`window(endingAt:minutes:)`) holds the current partial
/// bucket, the whole buckets before it and the oldest bucket weighted by the share of it
/// inside the window: minutes for windows up to 6 hours, quarter hours beyond. The alert
/// tiers read whole completed minutes (`tierWindow(endingAtMinute:minutes:)`): exact up to
/// 6 hours; a 1-day or 3-day window is exact when it ends on a quarter hour and otherwise
/// weighs its oldest quarter hour by the minutes of it inside (docs/slo.md).
///
/// ```swift
/// var series = SeriesCounters(window: .rolling(days: 30))
/// series.record(SLICounts(good: 1, total: 1), at: now)
/// series.window(endingAt: now, minutes: 60)                                // (now - 1h, now]
/// series.window(endingAtMinute: TimeMath.minute(of: now) - 1, minutes: 60) // last whole hour
/// ```
///
/// Memory per series is fixed (`SeriesCounters.bytes(for:)`): 8 bytes a bucket and 16 a
/// block of 16 buckets, for 420 minutes, 293 quarter hours and max(days, 30) x 24 + 2
/// hours: 13,680 bytes (about 14 KiB) for a 30-day SLO, whatever the traffic (plus 24
/// bytes for a bucket past 4,294,967,294 events, `CountRing`).
struct SeriesCounters: Sendable {
    /// 6 hours of minutes plus one hour of slack.
    static let minuteCapacity = 6 * 60 + 60
    /// 3 days of quarter hours plus an hour of slack and the quarter hour a window
    /// starts in.
    static let quarterCapacity = 3 * 24 * 4 + 5
    /// Windows up to this many minutes read the minute ring; longer ones quarter hours.
    static let longestMinuteWindow: Int64 = 6 * 60
    static let quarterMinutes: Int64 = 15
    static let quarterMillis: EpochMillis = 15 * TimeMath.minuteMillis
    /// Burn windows never look further back than this many minutes.
    static let longestWindowMinutes: Int64 = 3 * 24 * 60

    private(set) var minutes: CountRing
    private(set) var quarters: CountRing
    private(set) var hours: CountRing

    init(window: SLOWindow) {
        minutes = CountRing(capacity: Self.minuteCapacity)
        quarters = CountRing(capacity: Self.quarterCapacity)
        hours = CountRing(capacity: Self.hourCapacity(for: window))
    }

    init(minutes: CountRing, quarters: CountRing, hours: CountRing) {
        self.minutes = minutes
        self.quarters = quarters
        self.hours = hours
    }

    static func hourCapacity(for window: SLOWindow) -> Int { max(window.retainedDays, 30) * 24 + 2 }

    /// Bytes of counters one series of an SLO with this window holds.
    static func bytes(for window: SLOWindow) -> Int {
        CountRing.bytes(capacity: minuteCapacity) + CountRing.bytes(capacity: quarterCapacity)
            + CountRing.bytes(capacity: hourCapacity(for: window))
    }

    /// Adds counts at time `t`; a bucket already outside a ring is skipped in that ring.
    ///
    /// An event of the newest minute goes to the minute ring alone: the quarter-hour and
    /// hour rings hold every minute before the newest, which each takes in once, when a
    /// later minute starts (`rollUp`), and their sums add the newest minute's counts
    /// (`quarters(_:)`, `hours(_:)`). So an event costs one ring's two additions, not
    /// three rings'; a late event (of a minute before the newest) goes to all three.
    mutating func record(_ counts: SLICounts, at t: EpochMillis) {
        let minute = TimeMath.minute(of: t)
        if let head = minutes.newest, minute != head {
            if minute > head {
                rollUp(head, before: minute)
            } else {
                quarters.add(counts, at: Self.quarter(of: minute))
                hours.add(counts, at: Self.hour(of: minute))
            }
        }
        minutes.add(counts, at: minute)
    }

    /// Takes minute `head` into the quarter-hour and hour rings as minute `next` starts,
    /// and moves both rings to `next`'s buckets.
    private mutating func rollUp(_ head: Int64, before next: Int64) {
        let c = minutes.counts(at: head)
        if c.total > 0 {
            quarters.add(c, at: Self.quarter(of: head))
            hours.add(c, at: Self.hour(of: head))
        }
        quarters.settle(at: Self.quarter(of: next))
        hours.settle(at: Self.hour(of: next))
    }

    static func quarter(of minute: Int64) -> Int64 { TimeMath.floorDiv(minute, quarterMinutes) }
    static func hour(of minute: Int64) -> Int64 { TimeMath.floorDiv(minute, TimeMath.minutesPerHour) }

    /// The newest minute's counts when its bucket (in minutes per bucket) is in `range`:
    /// what the quarter-hour and hour rings do not hold yet.
    private func pending(_ range: ClosedRange<Int64>, minutesPerBucket: Int64) -> SLICounts {
        guard let head = minutes.newest, range.contains(TimeMath.floorDiv(head, minutesPerBucket)) else { return .zero }
        return minutes.counts(at: head)
    }

    /// The newest minute with data (or cleared to), for idleness checks.
    var newestMinute: Int64? { minutes.newest }

    /// Counts of one minute (of the last 7 hours).
    func minute(_ m: Int64) -> SLICounts { minutes.counts(at: m) }

    /// `body` with each minute's counts over `range`, oldest first (a sparkline).
    func forEachMinute(_ range: ClosedRange<Int64>, _ body: (SLICounts) -> Void) { minutes.forEach(range, body) }

    /// Sum over the `count` minutes ending at minute `end` (inclusive), for windows of up
    /// to 6 hours.
    func window(endingAtMinute end: Int64, minutes count: Int64) -> SLICounts {
        guard count > 0 else { return .zero }
        return minutes.sum((end - count + 1)...end)
    }

    /// The `count` minutes ending at minute `end` as the alert tiers count them, scaled
    /// by `scale`. Up to 6 hours: the minutes, exact (scale 1). Longer: the minutes of
    /// `end`'s quarter hour so far, the whole quarter hours before it, and the quarter
    /// hour the window starts in weighted by the minutes of it inside (k of 15), all
    /// times 15 (scale 15), so the weight stays an integer and `ErrorBudget.exceeds`
    /// decides in integers as before; exact whenever the window starts on a quarter hour.
    func tierWindow(endingAtMinute end: Int64, minutes count: Int64) -> (counts: SLICounts, scale: Int64) {
        guard count > Self.longestMinuteWindow else { return (window(endingAtMinute: end, minutes: count), 1) }
        let q = Self.quarterMinutes
        let start = end - count + 1
        let firstQuarter = TimeMath.floorDiv(start, q), lastQuarter = TimeMath.floorDiv(end, q)
        let partial = minutes.sum((lastQuarter * q)...end)
        var whole = partial
        if lastQuarter - firstQuarter > 1 { whole += quarters((firstQuarter + 1)...(lastQuarter - 1)) }
        let inside = (firstQuarter + 1) * q - start
        let edge = quarters(firstQuarter...firstQuarter)
        let scaled = SLICounts(good: whole.good * q + edge.good * inside, total: whole.total * q + edge.total * inside)
        return (scaled, q)
    }

    /// The events in (now - `count` minutes, now]: the current partial bucket, the whole
    /// buckets before it, and the bucket the window starts in, weighted by the share of
    /// that bucket inside the window (1 - time elapsed in the current bucket / its
    /// length): minutes for windows up to 6 hours, quarter hours beyond. Two sums.
    ///
    /// Exact when `now` is on a bucket boundary and for traffic spread evenly over the
    /// oldest bucket; otherwise off by at most the events of that one bucket.
    func window(endingAt now: EpochMillis, minutes count: Int64) -> WindowCounts {
        if count <= Self.longestMinuteWindow {
            return Self.sliding(endingAt: now, buckets: count, bucketMillis: TimeMath.minuteMillis) { minutes.sum($0) }
        }
        let buckets = (count + Self.quarterMinutes - 1) / Self.quarterMinutes
        return Self.sliding(endingAt: now, buckets: buckets, bucketMillis: Self.quarterMillis) { quarters($0) }
    }

    /// The events in (now - `count` hours, now], by the same rule over hour buckets: the
    /// current partial hour, the whole hours before it and the oldest hour weighted.
    func window(endingAt now: EpochMillis, hours count: Int64) -> WindowCounts {
        Self.sliding(endingAt: now, buckets: count, bucketMillis: TimeMath.hourMillis) { hours($0) }
    }

    /// The rule both windows follow, over `sum`'s buckets of `bucketMillis`.
    private static func sliding(endingAt now: EpochMillis, buckets count: Int64, bucketMillis: EpochMillis,
                                _ sum: (ClosedRange<Int64>) -> SLICounts) -> WindowCounts {
        guard count > 0 else { return .zero }
        let end = TimeMath.floorDiv(now, bucketMillis)
        let whole = WindowCounts(sum((end - count + 1)...end))
        let edge = sum((end - count)...(end - count))
        guard edge.total > 0 else { return whole }
        return whole + WindowCounts(edge, weight: insideShare(of: now, bucket: bucketMillis))
    }

    /// The share of the bucket a window of whole buckets ending at `now` starts in that
    /// lies inside the window: 1 at a bucket boundary, falling to nearly 0 just before the next.
    static func insideShare(of now: EpochMillis, bucket: EpochMillis) -> Double {
        1 - Double(TimeMath.floorMod(now, bucket)) / Double(bucket)
    }

    /// Sum over minutes `first...last` (of the last 7 hours).
    func minutes(_ range: ClosedRange<Int64>) -> SLICounts { minutes.sum(range) }

    /// Sum over quarter hours `first...last` (of the last 3 days).
    func quarters(_ range: ClosedRange<Int64>) -> SLICounts {
        quarters.sum(range) + pending(range, minutesPerBucket: Self.quarterMinutes)
    }

    /// Sum over hours `first...last`.
    func hours(_ range: ClosedRange<Int64>) -> SLICounts {
        hours.sum(range) + pending(range, minutesPerBucket: TimeMath.minutesPerHour)
    }

    /// Sum over the `count` hours ending with the hour holding `end`.
    func window(endingAtHour end: Int64, hours count: Int64) -> SLICounts {
        guard count > 0 else { return .zero }
        return hours((end - count + 1)...end)
    }
}
