/// Which series of an SLO an event also counts in, besides the total.
enum SeriesKey: Hashable, Sendable {
    case tenant(String)
    case model(String)

    var id: SLOSeriesID {
        switch self {
        case .tenant(let t): .tenant(t)
        case .model(let m): .model(m)
        }
    }

    /// The series that absorbs new labels once the cap is reached.
    var overflow: SeriesKey {
        switch self {
        case .tenant: .tenant(SLOTracker.overflowLabel)
        case .model: .model(SLOTracker.overflowLabel)
        }
    }
}

/// One SLO: its series (the total, each tenant, and each model for per-model SLOs), their
/// counters and their alert states.
///
/// Why a cap: a tenant or model label comes from the wire, so a buggy client could create
/// series without end. At most `maxSeries` tenant series and `maxSeries` model series are
/// kept; events for further labels count in one overflow series per dimension, named
/// `other` (a real tenant named `other` shares it). Memory: at most
/// (2 x maxSeries + 3) x `SeriesCounters` (~80 KiB each).
///
/// ```swift
/// var tracker = SLOTracker(definition: SLODefinition.builtIn[2], maxSeries: 1000)
/// tracker.record(good: false, tenant: "acme", model: "gpt-4o", at: now)
/// tracker.status(of: .tenant("acme"), now: now)
/// ```
struct SLOTracker: Sendable {
    static let overflowLabel = "other"

    let definition: SLODefinition
    let budget: ErrorBudget
    let maxSeries: Int
    /// Index 0 is the total; the rest are labelled series, found through `index`.
    private(set) var series: [SLOSeries]
    private var index: [SeriesKey: Int] = [:]
    private var tenantCount = 0
    private var modelCount = 0

    init(definition: SLODefinition, maxSeries: Int) {
        self.definition = definition
        budget = ErrorBudget(objective: definition.objective)
        self.maxSeries = max(0, maxSeries)
        series = [SLOSeries(key: nil, definition: definition)]
    }

    /// Counts one event in the total, its tenant's series and (per-model SLOs) its model's.
    mutating func record(good: Bool, tenant: String, model: String?, at t: EpochMillis) {
        let counts = SLICounts(good: good ? 1 : 0, total: 1)
        series[0].counters.record(counts, at: t)
        series[seriesIndex(for: .tenant(tenant))].counters.record(counts, at: t)
        if definition.perModel, let model {
            series[seriesIndex(for: .model(model))].counters.record(counts, at: t)
        }
    }

    private mutating func seriesIndex(for key: SeriesKey) -> Int {
        if let i = index[key] { return i }
        var key = key
        let count: Int
        switch key {
        case .tenant: count = tenantCount
        case .model: count = modelCount
        }
        if count >= maxSeries {
            key = key.overflow
            if let i = index[key] { return i }
        } else if case .tenant = key {
            tenantCount += 1
        } else {
            modelCount += 1
        }
        series.append(SLOSeries(key: key, definition: definition))
        index[key] = series.count - 1
        return series.count - 1
    }

    /// The series for a key, if it was ever created.
    func lookup(_ key: SeriesKey?) -> SLOSeries? {
        guard let key else { return series.first }
        return index[key].map { series[$0] }
    }

    /// Model labels with a series, sorted.
    var models: [String] {
        index.keys.compactMap { if case .model(let m) = $0 { m } else { nil } }.sorted()
    }

    /// Evaluates the alert tiers of the total and tenant series at a completed minute.
    /// Series with no event in the last 3 days and nothing firing are skipped: all their
    /// windows are empty, so nothing could change. Model series carry no alert state
    /// (`ActiveAlert` names a tenant, not a model); `Engine.modelStatuses` shows their tiers.
    mutating func evaluateAlerts(completedMinute minute: Int64) {
        for i in series.indices {
            if case .model = series[i].key { continue }
            let idle = (series[i].counters.newestMinute ?? Int64.min) <= minute - SeriesCounters.longestWindowMinutes
            if idle {
                if series[i].alerts.anyFiring { series[i].alerts.resolveAll() }
                continue
            }
            series[i].alerts.evaluate(definition, budget: budget, counters: series[i].counters, completedMinute: minute)
        }
    }

    /// Firing alerts of the total series and every tenant series.
    func activeAlerts() -> [ActiveAlert] {
        var out: [ActiveAlert] = []
        for s in series where s.alerts.anyFiring {
            let tenant: String?
            switch s.key {
            case .none: tenant = nil
            case .tenant(let t)?: tenant = t
            case .model?: continue
            }
            for (i, state) in s.alerts.tiers.enumerated() {
                guard let since = state.since, i < definition.tiers.count else { continue }
                out.append(ActiveAlert(slo: definition.name, tenant: tenant, tier: definition.tiers[i], since: since,
                                       longBurn: state.longBurn, shortBurn: state.shortBurn))
            }
        }
        return out
    }

    /// The status of one series at `now`; a series never seen reads as "no data".
    func status(of key: SeriesKey?, now: EpochMillis) -> SLOStatus {
        let s = lookup(key)
        return SLOStatusCalculator(definition: definition, budget: budget).status(s?.counters, now: now)
    }
}

/// One series: its label (nil for the total), counters and alert states.
struct SLOSeries: Sendable {
    let key: SeriesKey?
    var counters: SeriesCounters
    var alerts: SeriesAlertState

    init(key: SeriesKey?, definition: SLODefinition) {
        self.key = key
        counters = SeriesCounters(windowDays: definition.windowDays)
        alerts = SeriesAlertState(tierCount: definition.tiers.count)
    }
}
