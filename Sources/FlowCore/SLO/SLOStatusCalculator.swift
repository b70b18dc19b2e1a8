/// Turns one series' counters into what a frame shows at a given instant: the status
/// (window sums, burn rates, budget, tiers, sparklines), the history chart and the
/// budget burn-down.
///
/// Why separate from the tracker: it is pure arithmetic over counters, easy to test and
/// to read on its own. A burn window of w ending at `now` holds the events in (now - w, now]:
/// the current partial minute, the whole minutes before it and the oldest minute weighted
/// by the share of it inside the window; a rolling SLO window does the same over hours,
/// a calendar month counts every hour of the current UTC month so far. Every window sum
/// reads at most two partial blocks of a `CountRing`, so a status costs the same for any
/// traffic. The
/// alert tiers judge whole completed minutes (`TierEvaluation`).
///
/// ```swift
/// let calc = SLOStatusCalculator(definition: def, budget: ErrorBudget(objective: def.objective))
/// let status = calc.status(series.counters, series: .total, now: now)
/// ```
struct SLOStatusCalculator {
    let definition: SLODefinition
    let budget: ErrorBudget

    static let sparklineMinutes: Int64 = 60

    /// The hours of the SLO window at `now`, and its length in seconds (the whole
    /// month's for a calendar month, used for time to exhaustion).
    func windowHours(now: EpochMillis) -> (hours: ClosedRange<Int64>, seconds: Double) {
        let hour = TimeMath.hour(of: now)
        switch definition.window {
        case .rolling(let days):
            return ((hour - Int64(days) * 24 + 1)...hour, Double(days) * 86_400)
        case .calendarMonth:
            let first = TimeMath.hour(of: CalendarMonth.start(containing: now))
            return (first...hour, Double(CalendarMonth.days(containing: now)) * 86_400)
        }
    }

    /// The counts of burn window `w` at `now`: every event in (now - w, now], the oldest
    /// minute weighted by the share of it inside (`SeriesCounters.window(endingAt:minutes:)`).
    /// A status and `/metrics` both derive their burn rates from it.
    func counts(_ counters: SeriesCounters?, window w: BurnWindow, now: EpochMillis) -> WindowCounts {
        counters?.window(endingAt: now, minutes: w.minutes) ?? .zero
    }

    /// The counts of the SLO window at `now`: a rolling window by the same rule over hour
    /// buckets (the oldest hour weighted); a calendar month from its first hour, exact.
    func periodCounts(_ counters: SeriesCounters?, now: EpochMillis) -> WindowCounts {
        guard let counters else { return .zero }
        switch definition.window {
        case .rolling(let days):
            return counters.window(endingAt: now, hours: Int64(days) * 24)
        case .calendarMonth:
            return WindowCounts(counters.hours(windowHours(now: now).hours))
        }
    }

    func status(_ counters: SeriesCounters?, series: SLOSeriesID, now: EpochMillis,
                sparklines: Bool = true) -> SLOStatus {
        let minute = TimeMath.minute(of: now)
        let span = windowHours(now: now)
        let whole = periodCounts(counters, now: now)

        var burns: [BurnWindow: Double] = [:]
        for w in BurnWindow.allCases {
            burns[w] = budget.burnRate(counts(counters, window: w, now: now))
        }
        let tiers = TierEvaluation.evaluate(definition, budget: budget, counters: counters, endingAtMinute: minute)

        var sliLine: [Double?] = []
        var burnLine: [Double?] = []
        if sparklines {
            sliLine.reserveCapacity(Int(Self.sparklineMinutes))
            burnLine.reserveCapacity(Int(Self.sparklineMinutes))
            let range = (minute - Self.sparklineMinutes + 1)...minute
            let point = { (c: SLICounts) in
                sliLine.append(Self.sli(c))
                burnLine.append(budget.burnRate(c))
            }
            if let counters { counters.forEachMinute(range, point) } else { range.forEach { _ in point(.zero) } }
        }

        let remaining = budget.remaining(whole)
        let shown = whole.rounded
        var status = SLOStatus(
            name: definition.name, displayName: definition.displayName, series: series,
            objective: definition.objective, window: definition.window,
            sli: Self.sli(whole), good: shown.good, total: shown.total, errorBudgetRemaining: remaining,
            burnRates: burns, windowBurn: budget.burnRate(whole), alerts: tiers,
            timeToExhaustionSeconds: BurnRateMath.timeToExhaustion(
                remaining: remaining, windowSeconds: span.seconds, burn: burns[.h1]),
            sliSparkline: sliLine, burnSparkline: burnLine)
        status.shortName = definition.shortName
        return status
    }

    static func sli(_ c: SLICounts) -> Double? {
        c.total > 0 ? Double(c.good) / Double(c.total) : nil
    }

    static func sli(_ c: WindowCounts) -> Double? {
        c.total > 0 ? c.good / c.total : nil
    }

    /// One point per `range.bucketMillis` bucket over `range`, the last one holding `now`.
    /// Minute points read the minute ring, quarter-hour points (1 and 3 days) the quarter
    /// ring, hour points (30 days) the hour ring.
    func history(_ counters: SeriesCounters?, range: SLOHistoryRange, now: EpochMillis) -> SLOHistory {
        let bucket = range.bucketMillis
        let points = range.pointCount
        let lastStart = TimeMath.floorDiv(now, bucket) * bucket
        let start = lastStart - EpochMillis(points - 1) * bucket
        var counts: [SLICounts] = []
        counts.reserveCapacity(points)
        for i in 0..<points {
            let from = start + EpochMillis(i) * bucket
            let to = from + bucket - 1
            let c: SLICounts
            if bucket >= TimeMath.hourMillis {
                c = counters?.hours(TimeMath.hour(of: from)...TimeMath.hour(of: to)) ?? .zero
            } else if bucket >= SeriesCounters.quarterMillis {
                let q = SeriesCounters.quarterMillis
                c = counters?.quarters(TimeMath.floorDiv(from, q)...TimeMath.floorDiv(to, q)) ?? .zero
            } else {
                c = counters?.minutes(TimeMath.minute(of: from)...TimeMath.minute(of: to)) ?? .zero
            }
            counts.append(c)
        }
        return SLOHistory(range: range, start: start, bucketMillis: bucket, counts: counts,
                          sli: counts.map(Self.sli), burn: counts.map(budget.burnRate))
    }

    /// The budget left after each hour of the current window (after each 6 hours for
    /// windows over 31 days), counting bad events so far against all events of the
    /// window so far.
    func burnDown(_ counters: SeriesCounters?, now: EpochMillis) -> SLOBurnDown {
        let span = windowHours(now: now).hours
        let hoursPerStep: Int64 = span.count > 31 * 24 ? 6 : 1
        let whole = counters?.hours(span) ?? .zero
        var remaining: [Double?] = []
        var h = span.lowerBound
        while h <= span.upperBound {
            let through = min(h + hoursPerStep - 1, span.upperBound)
            let soFar = counters?.hours(span.lowerBound...through) ?? .zero
            if soFar.total == 0 || whole.total == 0 {
                remaining.append(nil)
            } else {
                remaining.append(budget.remaining(SLICounts(good: whole.total - soFar.bad, total: whole.total)))
            }
            h += hoursPerStep
        }
        return SLOBurnDown(start: span.lowerBound * TimeMath.hourMillis,
                           stepMillis: hoursPerStep * TimeMath.hourMillis, remaining: remaining)
    }
}
