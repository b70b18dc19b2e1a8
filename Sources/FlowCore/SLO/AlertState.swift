/// The lifecycle of one alert tier on one series: quiet -> firing or inhibited (since)
/// -> quiet.
///
/// Why a state machine: `since` must be the moment the condition started to hold, not
/// the moment someone looked. The engine evaluates every tier once per completed minute
/// of event time (as events advance it and as snapshots advance it), so replaying a file
/// yields the same `since` as watching it live. A tier that moves between firing and
/// inhibited keeps its `since`: the condition held all along.
///
/// ```swift
/// var state = TierAlertState()
/// state.update(status, at: t)          // status.state == .firing: since == t
/// state.update(laterStatus, at: t + 60_000)   // still firing: since still t
/// ```
struct TierAlertState: Sendable, Equatable, Codable {
    /// When the condition began to hold; nil while quiet.
    private(set) var since: EpochMillis?
    /// Firing or inhibited, as of the last evaluation.
    private(set) var inhibited = false
    /// Burn rates at the last evaluation while active (0 for an empty window); 0 while
    /// quiet, so a quiet tier has one state whether or not it was evaluated
    /// (`SLOTracker.evaluateAlerts` skips quiet series).
    private(set) var longBurn: Double = 0
    private(set) var shortBurn: Double = 0

    var isActive: Bool { since != nil }

    mutating func update(_ status: AlertTierStatus, at time: EpochMillis) {
        switch status.state {
        case .firing, .inhibited:
            if since == nil { since = time }
            inhibited = status.state == .inhibited
            longBurn = status.longBurn ?? 0
            shortBurn = status.shortBurn ?? 0
        case .ok, .disabled:
            resolve()
        }
    }

    mutating func resolve() {
        since = nil
        inhibited = false
        longBurn = 0
        shortBurn = 0
    }
}

/// The per-tier alert states of one series, evaluated together at minute boundaries.
struct SeriesAlertState: Sendable, Codable {
    private(set) var tiers: [TierAlertState]

    init(tierCount: Int) {
        tiers = Array(repeating: TierAlertState(), count: tierCount)
    }

    var anyActive: Bool { tiers.contains(where: \.isActive) }

    /// Evaluates every tier over the windows ending at completed minute `minute`; a tier
    /// whose condition starts to hold gets `since` = the end of that minute.
    mutating func evaluate(_ definition: SLODefinition, budget: ErrorBudget,
                           counters: SeriesCounters, completedMinute minute: Int64) {
        let at = (minute + 1) * TimeMath.minuteMillis
        TierEvaluation.judge(definition, budget: budget, counters: counters, endingAtMinute: minute,
                             statesOnly: true) { i, status in
            if i < tiers.count { tiers[i].update(status, at: at) }
        }
    }

    /// Quiets every tier (all windows empty).
    mutating func resolveAll() {
        for i in tiers.indices { tiers[i].resolve() }
    }
}
