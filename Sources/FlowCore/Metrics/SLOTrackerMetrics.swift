/// One SLO's series for `/metrics`: counts since start, per burn window and over the SLO
/// window, with the burn rates and budget the status shows.
///
/// Why through `SLOStatusCalculator`: the window sums and burn rates come from the same
/// functions as `SLOStatus`, so a burn rate Prometheus reads here is the one the dashboard
/// and the API show at the same `now`, and recomputing it in PromQL from the exported
/// counts gives it back. No sparklines, tiers or percentiles: 16 ring reads per series.
///
/// ```swift
/// let metrics = tracker.metrics(now: now)
/// metrics.series[0].burnRates[.m5]   // == tracker.status(of: nil, now: now).burnRates[.m5]
/// ```
extension SLOTracker {
    func metrics(now: EpochMillis) -> SLOMetrics {
        let calc = calculator
        var out: [SLOSeriesMetrics] = []
        out.reserveCapacity(series.count)
        for s in series {
            var windows: [BurnWindow: WindowCounts] = [:]
            var burns: [BurnWindow: Double] = [:]
            for w in BurnWindow.allCases {
                let c = calc.counts(s.counters, window: w, now: now)
                windows[w] = c
                burns[w] = budget.burnRate(c)
            }
            let period = calc.periodCounts(s.counters, now: now)
            out.append(SLOSeriesMetrics(
                series: s.key?.id ?? .total, cumulative: s.cumulative, windows: windows, burnRates: burns,
                period: period, periodBurnRate: budget.burnRate(period),
                errorBudgetRemaining: budget.remaining(period)))
        }
        out.sort { Self.exportRank($0.series) < Self.exportRank($1.series) }
        return SLOMetrics(name: definition.name, objective: definition.objective, window: definition.window,
                          overflowEvents: overflowEvents, series: out)
    }

    /// The total, then tenants, then models, each by name.
    private static func exportRank(_ id: SLOSeriesID) -> (Int, String) {
        switch id {
        case .total: (0, "")
        case .tenant(let t): (1, t)
        case .model(let m): (2, m)
        case .instance(let i): (3, i)
        }
    }
}
