/// The lifecycle of one alert tier on one series: quiet -> firing (since) -> quiet.
///
/// Why a state machine: `since` must be the moment the alert started firing, not the
/// moment someone looked. The engine evaluates every tier once per completed minute of
/// event time (as events advance it and as snapshots advance it), so replaying a file
/// yields the same `since` as watching it live.
///
/// ```swift
/// var state = TierAlertState()
/// state.evaluate(firing: true, at: t, longBurn: 20, shortBurn: 30)   // since == t
/// state.evaluate(firing: true, at: t + 60_000, longBurn: 18, shortBurn: 25)  // since still t
/// state.evaluate(firing: false, at: t + 120_000, longBurn: 5, shortBurn: 0)  // resolved
/// ```
struct TierAlertState: Sendable, Equatable {
    /// When the current firing began; nil while quiet.
    private(set) var since: EpochMillis?
    /// Burn rates at the last evaluation (0 for an empty window).
    private(set) var longBurn: Double = 0
    private(set) var shortBurn: Double = 0

    var isFiring: Bool { since != nil }

    mutating func evaluate(firing: Bool, at time: EpochMillis, longBurn: Double?, shortBurn: Double?) {
        self.longBurn = longBurn ?? 0
        self.shortBurn = shortBurn ?? 0
        if firing {
            if since == nil { since = time }
        } else {
            since = nil
        }
    }
}

/// The per-tier alert states of one series, evaluated together at minute boundaries.
struct SeriesAlertState: Sendable {
    private(set) var tiers: [TierAlertState]

    init(tierCount: Int) {
        tiers = Array(repeating: TierAlertState(), count: tierCount)
    }

    var anyFiring: Bool { tiers.contains(where: \.isFiring) }

    /// Evaluates every tier over the windows ending at completed minute `minute`; a tier
    /// that starts firing gets `since` = the end of that minute.
    mutating func evaluate(_ definition: SLODefinition, budget: ErrorBudget,
                           counters: SeriesCounters, completedMinute minute: Int64) {
        let at = (minute + 1) * TimeMath.minuteMillis
        for (i, tier) in definition.tiers.enumerated() where i < tiers.count {
            let long = counters.window(endingAtMinute: minute, minutes: tier.longWindow.millis / TimeMath.minuteMillis)
            let short = counters.window(endingAtMinute: minute, minutes: tier.shortWindow.millis / TimeMath.minuteMillis)
            let firing = budget.exceeds(long, factor: tier.factor) && budget.exceeds(short, factor: tier.factor)
            tiers[i].evaluate(firing: firing, at: at, longBurn: budget.burnRate(long), shortBurn: budget.burnRate(short))
        }
    }

    /// Quiets every tier (all windows empty).
    mutating func resolveAll() {
        for i in tiers.indices { tiers[i].evaluate(firing: false, at: 0, longBurn: nil, shortBurn: nil) }
    }
}
