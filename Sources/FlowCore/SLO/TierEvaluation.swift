/// Decides each alert tier of one series over windows ending at one minute: the burn
/// condition, the minimum-traffic guard, switched-off tiers and inhibition.
///
/// Why one place: the live tier state in `SLOStatus` and the alert lifecycle (evaluated
/// per completed minute) must never disagree about what "firing" means.
///
/// A tier's condition holds when the burn over both its long and its short window is
/// strictly above its factor (decided in integers by `ErrorBudget.exceeds`) and its long
/// window holds at least `minEvents` events. A holding tier is inhibited when a faster
/// tier (one with a shorter long window) of the same series holds too: the page for a
/// fast burn already says everything the slower page or ticket would.
///
/// ```swift
/// let tiers = TierEvaluation.evaluate(def, budget: budget, counters: c, endingAtMinute: m)
/// tiers.map(\.state)   // [.firing, .inhibited, .ok, .ok]
/// ```
enum TierEvaluation {
    static func evaluate(_ definition: SLODefinition, budget: ErrorBudget, counters: SeriesCounters?,
                         endingAtMinute minute: Int64) -> [AlertTierStatus] {
        var out: [AlertTierStatus] = []
        out.reserveCapacity(definition.tiers.count)
        judge(definition, budget: budget, counters: counters, endingAtMinute: minute) { _, status in
            out.append(status)
        }
        return out
    }

    /// The same judgement handed to `body` tier by tier, in order, with nothing
    /// allocated on the heap: the alert states of every series take it once a minute.
    ///
    /// `statesOnly`: for the alert states, which keep burns only while a tier holds. A
    /// tier whose short window does not burn cannot hold, so its long window (the longer
    /// and, past 6 hours, the dearer sum) is not read, and its status carries no burns.
    static func judge(_ definition: SLODefinition, budget: ErrorBudget, counters: SeriesCounters?,
                      endingAtMinute minute: Int64, statesOnly: Bool = false, _ body: (Int, AlertTierStatus) -> Void) {
        let tiers = definition.tiers
        typealias Judged = (long: SLICounts, longScale: Int64, short: SLICounts, holds: Bool, belowMin: Bool)
        withUnsafeTemporaryAllocation(of: Judged.self, capacity: tiers.count) { judged in
            for (i, tier) in tiers.enumerated() {
                // Scaled counts (1-day and 3-day windows weigh their oldest quarter hour:
                // `SeriesCounters.tierWindow`); the burn rate is the same at any scale.
                let (short, _) = counters?.tierWindow(endingAtMinute: minute, minutes: tier.shortWindow.minutes)
                    ?? (.zero, 1)
                let shortBurns = budget.exceeds(short, factor: tier.factor)
                let (long, longScale) = statesOnly && !shortBurns ? (.zero, 1)
                    : counters?.tierWindow(endingAtMinute: minute, minutes: tier.longWindow.minutes) ?? (.zero, 1)
                let burning = shortBurns && budget.exceeds(long, factor: tier.factor)
                let (least, past) = definition.minEvents.multipliedReportingOverflow(by: longScale)
                let belowMin = burning && (past ? definition.minEvents > 0 : long.total < least)
                judged.initializeElement(at: i, to: (long, longScale, short, tier.enabled && burning && !belowMin,
                                                     belowMin))
            }
            for (i, tier) in tiers.enumerated() {
                let verdict = judged[i]
                let state = Self.state(i, of: tiers) { judged[$0].holds }
                body(i, AlertTierStatus(tier: tier, state: state, longBurn: budget.burnRate(verdict.long),
                                        shortBurn: budget.burnRate(verdict.short),
                                        longEvents: (verdict.long.total + verdict.longScale / 2) / verdict.longScale,
                                        belowMinEvents: verdict.belowMin))
            }
        }
    }

    /// Tier `i`'s state once every tier of its series is judged (`holds`: enabled, both
    /// windows burn above its factor, enough events): firing, unless a faster tier (a
    /// shorter long window) holds too, which inhibits it (the Workbook's rule); ok or
    /// disabled when it does not hold. The engine's rings and a fleet's sums share it.
    @inline(__always)
    static func state(_ i: Int, of tiers: [AlertTier], holds: (Int) -> Bool) -> TierState {
        let tier = tiers[i]
        guard holds(i) else { return tier.enabled ? .ok : .disabled }
        let length = tier.longWindow.millis
        return tiers.indices.contains { j in holds(j) && tiers[j].longWindow.millis < length } ? .inhibited : .firing
    }
}

extension BurnWindow {
    /// Length in whole minutes.
    var minutes: Int64 { millis / TimeMath.minuteMillis }
}
