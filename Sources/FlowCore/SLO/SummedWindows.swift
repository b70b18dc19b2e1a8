/// One SLO series' counts over every burn window and over the SLO's own window, as
/// numbers that add up: what a fleet view reads from the window gauges of many engines
/// (`flowtop_slo_window_events`, `flowtop_slo_period_events` and their good ones) and sums.
///
/// Why sums of windows, not of burn rates: each engine counts the events *it* saw in
/// (now - w, now] by event time, so when every event reaches one engine the engines'
/// counts add up to the counts one engine fed every event would hold, and so do the burn
/// rates made from them. Burn rates, SLIs and budgets do not add up.
///
/// ```swift
/// var fleet = SummedWindows()
/// fleet.add(.h1, WindowCounts(good: 990, total: 1_000))   // engine a
/// fleet.add(.h1, WindowCounts(good: 480, total: 500))     // engine b
/// fleet.windows[.h1]?.total                               // 1500
/// ```
public struct SummedWindows: Sendable, Equatable {
    /// Counts per burn window; a window no engine reported counts as empty.
    public var windows: [BurnWindow: WindowCounts]
    /// Counts over the SLO's window (30 days, or the calendar month so far).
    public var period: WindowCounts

    public init(windows: [BurnWindow: WindowCounts] = [:], period: WindowCounts = .zero) {
        self.windows = windows
        self.period = period
    }

    public mutating func add(_ window: BurnWindow, _ counts: WindowCounts) {
        windows[window, default: .zero] = windows[window, default: .zero] + counts
    }

    public mutating func addPeriod(_ counts: WindowCounts) {
        period = period + counts
    }

    /// The counts of window `w`, empty when none was reported.
    public func counts(_ w: BurnWindow) -> WindowCounts { windows[w] ?? .zero }
}

extension SLOStatus {
    /// What the engine would show for a series holding exactly these counts at `now`: the
    /// same SLI, budget, burn rates, time to exhaustion and alert tiers (with the same
    /// inhibition and minimum of events) as `SLOStatusCalculator`, from window sums
    /// instead of rings.
    ///
    /// Two differences, both documented for the fleet view (docs/fleet.md): the tiers are
    /// judged on the same windows as the burn rates, ending at `now` with the oldest minute
    /// weighted, where an engine judges whole completed minutes; and there are no
    /// sparklines or percentiles (a gauge holds no history, and percentiles do not add up).
    public init(definition: SLODefinition, series: SLOSeriesID, summed: SummedWindows, now: EpochMillis) {
        let budget = ErrorBudget(objective: definition.objective)
        let calculator = SLOStatusCalculator(definition: definition, budget: budget)
        var burns: [BurnWindow: Double] = [:]
        for w in BurnWindow.allCases {
            burns[w] = budget.burnRate(summed.counts(w))
        }
        let whole = summed.period
        let remaining = budget.remaining(whole)
        let shown = whole.rounded
        self.init(
            name: definition.name, displayName: definition.displayName, series: series,
            objective: definition.objective, window: definition.window,
            sli: SLOStatusCalculator.sli(whole), good: shown.good, total: shown.total,
            errorBudgetRemaining: remaining, burnRates: burns, windowBurn: budget.burnRate(whole),
            alerts: TierEvaluation.evaluate(definition, budget: budget, summed: summed),
            timeToExhaustionSeconds: BurnRateMath.timeToExhaustion(
                remaining: remaining, windowSeconds: calculator.windowHours(now: now).seconds, burn: burns[.h1]),
            sliSparkline: [], burnSparkline: [])
        shortName = definition.shortName
    }
}

extension TierEvaluation {
    /// The tiers judged on summed window counts (rounded to whole events; the burns shown
    /// are the unrounded ones, as the burn rates beside them): a tier holds
    /// when both its windows burn above its factor and its long window has at least the
    /// SLO's `minEvents`; a faster tier that holds inhibits the slower ones.
    static func evaluate(_ definition: SLODefinition, budget: ErrorBudget, summed: SummedWindows) -> [AlertTierStatus] {
        let tiers = definition.tiers
        let judged = tiers.map { tier -> (long: SLICounts, short: SLICounts, holds: Bool, belowMin: Bool) in
            let short = summed.counts(tier.shortWindow).rounded
            let long = summed.counts(tier.longWindow).rounded
            let burning = budget.exceeds(short, factor: tier.factor) && budget.exceeds(long, factor: tier.factor)
            let belowMin = burning && long.total < definition.minEvents
            return (long, short, tier.enabled && burning && !belowMin, belowMin)
        }
        return tiers.enumerated().map { i, tier in
            let verdict = judged[i]
            let state = Self.state(i, of: tiers) { judged[$0].holds }
            return AlertTierStatus(tier: tier, state: state, longBurn: budget.burnRate(summed.counts(tier.longWindow)),
                                   shortBurn: budget.burnRate(summed.counts(tier.shortWindow)),
                                   longEvents: verdict.long.total,
                                   belowMinEvents: verdict.belowMin)
        }
    }
}
