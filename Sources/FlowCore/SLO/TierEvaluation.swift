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
        var holds: [Bool] = []
        holds.reserveCapacity(definition.tiers.count)
        for tier in definition.tiers {
            let long = counters?.window(endingAtMinute: minute, minutes: tier.longWindow.minutes) ?? .zero
            let short = counters?.window(endingAtMinute: minute, minutes: tier.shortWindow.minutes) ?? .zero
            let burning = budget.exceeds(long, factor: tier.factor) && budget.exceeds(short, factor: tier.factor)
            let belowMin = burning && long.total < definition.minEvents
            holds.append(tier.enabled && burning && !belowMin)
            out.append(AlertTierStatus(tier: tier, state: tier.enabled ? .ok : .disabled,
                                       longBurn: budget.burnRate(long), shortBurn: budget.burnRate(short),
                                       longEvents: long.total, belowMinEvents: belowMin))
        }
        for i in out.indices where holds[i] {
            let length = definition.tiers[i].longWindow.millis
            let fasterHolds = definition.tiers.indices.contains { j in
                holds[j] && definition.tiers[j].longWindow.millis < length
            }
            out[i].state = fasterHolds ? .inhibited : .firing
        }
        return out
    }
}

extension BurnWindow {
    /// Length in whole minutes.
    var minutes: Int64 { millis / TimeMath.minuteMillis }
}
