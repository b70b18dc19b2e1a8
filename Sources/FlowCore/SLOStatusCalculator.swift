/// Turns one series' counters into the `SLOStatus` a frame shows, at a given instant.
///
/// Why separate from the tracker: it is pure arithmetic over counters (window sums, burn
/// rates, budget, projections, sparklines), easy to test and to read on its own.
/// Burn windows are exact to the minute and include the current partial minute; the SLO
/// window is the last `windowDays x 24` hours including the current one.
///
/// ```swift
/// let calc = SLOStatusCalculator(definition: def, budget: ErrorBudget(objective: def.objective))
/// let status = calc.status(series.counters, now: now)
/// ```
struct SLOStatusCalculator {
    let definition: SLODefinition
    let budget: ErrorBudget

    static let sparklineMinutes: Int64 = 60

    func status(_ counters: SeriesCounters?, now: EpochMillis) -> SLOStatus {
        let minute = TimeMath.minute(of: now)
        let windowHours = Int64(definition.windowDays) * 24
        let whole = counters?.window(endingAtHour: TimeMath.hour(of: now), hours: windowHours) ?? .zero

        var burns: [BurnWindow: Double] = [:]
        var windowCounts: [BurnWindow: SLICounts] = [:]
        for w in BurnWindow.allCases {
            let c = counters?.window(endingAtMinute: minute, minutes: w.millis / TimeMath.minuteMillis) ?? .zero
            windowCounts[w] = c
            burns[w] = budget.burnRate(c)
        }

        let tiers = definition.tiers.map { tier in
            let long = windowCounts[tier.longWindow] ?? .zero
            let short = windowCounts[tier.shortWindow] ?? .zero
            return AlertTierStatus(
                tier: tier,
                firing: budget.exceeds(long, factor: tier.factor) && budget.exceeds(short, factor: tier.factor),
                longBurn: burns[tier.longWindow], shortBurn: burns[tier.shortWindow])
        }

        var sliLine: [Double?] = []
        var burnLine: [Double?] = []
        sliLine.reserveCapacity(Int(Self.sparklineMinutes))
        burnLine.reserveCapacity(Int(Self.sparklineMinutes))
        for m in (minute - Self.sparklineMinutes + 1)...minute {
            let c = counters?.minute(m) ?? .zero
            sliLine.append(c.total > 0 ? Double(c.good) / Double(c.total) : nil)
            burnLine.append(budget.burnRate(c))
        }

        let remaining = budget.remaining(whole)
        return SLOStatus(
            name: definition.name, objective: definition.objective, windowDays: definition.windowDays,
            sli: whole.total > 0 ? Double(whole.good) / Double(whole.total) : nil,
            good: whole.good, total: whole.total, errorBudgetRemaining: remaining,
            burnRates: burns, alerts: tiers,
            timeToExhaustionSeconds: BurnRateMath.timeToExhaustion(
                remaining: remaining, windowSeconds: Double(windowHours * 3600), burn: burns[.h1]),
            sliSparkline: sliLine, burnSparkline: burnLine)
    }
}
