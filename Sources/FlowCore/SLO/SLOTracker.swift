/// Which series of an SLO an event also counts in, besides the total.
enum SeriesKey: Hashable, Sendable, Codable {
    case tenant(String)
    case model(String)

    var id: SLOSeriesID {
        switch self {
        case .tenant(let t): .tenant(t)
        case .model(let m): .model(m)
        }
    }

    init?(_ id: SLOSeriesID) {
        switch id {
        case .total, .instance: return nil
        case .tenant(let t): self = .tenant(t)
        case .model(let m): self = .model(m)
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
/// `other` (a real tenant named `other` shares it), and in `overflowEvents`. Memory: at
/// most (2 x maxSeries + 3) x `SeriesCounters.bytes(for:)` (~14 KiB each).
///
/// ```swift
/// var tracker = SLOTracker(definition: SLODefinition.builtIn[2], maxSeries: 1000)
/// tracker.record(good: false, tenant: "acme", model: "gpt-4o", latencyMs: nil, at: now)
/// tracker.status(of: .tenant("acme"), now: now)
/// ```
struct SLOTracker: Sendable, Codable {
    static let overflowLabel = "other"

    /// Fixed but for its short name, a label checkpoints do not keep (`Engine.takeLabels`).
    private(set) var definition: SLODefinition
    let budget: ErrorBudget
    let maxSeries: Int
    /// Index 0 is the total; the rest are labelled series, found through `index`.
    private(set) var series: [SLOSeries]
    private var index: [SeriesKey: Int] = [:]
    private var tenantCount = 0
    private var modelCount = 0
    /// Events counted in an `other` series because the cap was reached.
    private(set) var overflowEvents: Int64 = 0
    /// Latency percentiles of the total series (display only; 1.2 MiB per SLO at most, `LatencyWindows`).
    private(set) var latency: LatencyWindows
    /// Whether any event of this SLO carried a latency: SLOs without show no percentiles.
    private var hasLatency = false
    /// `seriesIndex` of the tenants and models just seen, without hashing them; stable once
    /// given (series are never removed, and a key past the cap stays past it). Not
    /// checkpointed.
    private var tenantSeries = StringIdentityCache<(index: Int, overflowed: Bool)>()
    private var modelSeries = StringIdentityCache<(index: Int, overflowed: Bool)>()

    private enum CodingKeys: String, CodingKey {
        case definition, budget, maxSeries, series, index, tenantCount, modelCount, overflowEvents, latency, hasLatency
    }

    init(definition: SLODefinition, maxSeries: Int) {
        self.definition = definition
        budget = ErrorBudget(objective: definition.objective)
        self.maxSeries = max(0, maxSeries)
        series = [SLOSeries(key: nil, definition: definition)]
        latency = LatencyWindows(sloWindowDays: definition.window.retainedDays)
    }

    /// Takes `definition`'s short name, a label that changes nothing else.
    mutating func relabel(_ definition: SLODefinition) {
        self.definition.shortName = definition.shortName
    }

    var calculator: SLOStatusCalculator { SLOStatusCalculator(definition: definition, budget: budget) }

    /// Counts one event in the total, its tenant's series and (per-model SLOs) its model's.
    /// `tenantFolded`: the engine's tenant directory was full and filed the event under
    /// `other`; counted in `overflowEvents` like a model past this tracker's cap.
    mutating func record(good: Bool, tenant: String, tenantFolded: Bool = false, model: String?, latencyMs: Double?,
                         at t: EpochMillis) {
        if let latencyMs {
            latency.record(latencyMs: latencyMs, at: t)
            hasLatency = true
        }
        let counts = SLICounts(good: good ? 1 : 0, total: 1)
        series[0].record(counts, at: t)
        let forTenant = tenantSeries.value(for: tenant) ?? cacheSeriesIndex(tenant, model: false)
        series[forTenant.index].record(counts, at: t)
        var overflowed = tenantFolded || forTenant.overflowed
        if definition.perModel, let model {
            let forModel = modelSeries.value(for: model) ?? cacheSeriesIndex(model, model: true)
            series[forModel.index].record(counts, at: t)
            overflowed = overflowed || forModel.overflowed
        }
        if overflowed { overflowEvents += 1 }
    }

    /// `seriesIndex` of a tenant's or a model's series, kept in its cache.
    private mutating func cacheSeriesIndex(_ label: String, model: Bool) -> (index: Int, overflowed: Bool) {
        let found = seriesIndex(for: model ? .model(label) : .tenant(label))
        if model { modelSeries.store(found, for: label) } else { tenantSeries.store(found, for: label) }
        return found
    }

    /// The series for `key`, created if there is room; past the cap, the `other` series
    /// of its dimension (`overflowed`).
    private mutating func seriesIndex(for key: SeriesKey) -> (index: Int, overflowed: Bool) {
        if let i = index[key] { return (i, false) }
        var key = key
        let count: Int
        switch key {
        case .tenant: count = tenantCount
        case .model: count = modelCount
        }
        let overflowed = count >= maxSeries
        if overflowed {
            key = key.overflow
            if let i = index[key] { return (i, true) }
        } else if case .tenant = key {
            tenantCount += 1
        } else {
            modelCount += 1
        }
        series.append(SLOSeries(key: key, definition: definition))
        index[key] = series.count - 1
        return (series.count - 1, overflowed)
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

    /// Evaluates the alert tiers of every series at a completed minute. Series with no
    /// event in the last 3 days and nothing active are skipped: all their burn windows
    /// are empty, so nothing could change.
    ///
    /// Series with no bad event in the longest short window of the tiers and no active
    /// tier are skipped too (`SLOSeries.isQuiet`): a tier fires only when its short window
    /// burns, and burning takes a bad event, so evaluating them would leave every tier
    /// quiet as it is. Most series of a healthy SLO are quiet at most minutes, which keeps
    /// a month of replay and the minute rollover at thousands of series cheap.
    /// (`skippingQuiet: false` evaluates them anyway: the tests' reference.)
    mutating func evaluateAlerts(completedMinute minute: Int64, skippingQuiet: Bool = true) {
        evaluateAlerts(completedMinute: minute, series: series.indices, skippingQuiet: skippingQuiet)
    }

    /// The same for some of the series (`Engine` spreads a minute's evaluation over the
    /// batches that follow it: `MinuteEvaluation`).
    mutating func evaluateAlerts(completedMinute minute: Int64, series range: Range<Int>, skippingQuiet: Bool = true) {
        let shortReach = skippingQuiet ? quietShortReach : nil
        for i in range {
            let idle = (series[i].counters.newestMinute ?? Int64.min) <= minute - SeriesCounters.longestWindowMinutes
            if idle {
                if series[i].alerts.anyActive { series[i].alerts.resolveAll() }
                continue
            }
            if let shortReach, series[i].isQuiet(atMinute: minute, shortReach: shortReach) { continue }
            series[i].alerts.evaluate(definition, budget: budget, counters: series[i].counters, completedMinute: minute)
        }
    }

    /// The longest short window of the enabled tiers, in minutes; nil when a quiet series
    /// cannot be skipped (a tier with a negative factor holds without bad events).
    private var quietShortReach: Int64? {
        var reach: Int64 = 0
        for tier in definition.tiers where tier.enabled {
            guard tier.factor >= 0 else { return nil }
            reach = max(reach, tier.shortWindow.minutes)
        }
        return reach
    }

    /// Firing and inhibited alerts of every series.
    func activeAlerts() -> [ActiveAlert] {
        var out: [ActiveAlert] = []
        appendActiveAlerts(of: series.indices, to: &out)
        return out
    }

    /// Firing and inhibited alerts of some of the series, in series then tier order.
    func appendActiveAlerts(of range: Range<Int>, to out: inout [ActiveAlert]) {
        for s in series[range] where s.alerts.anyActive {
            let id = s.key?.id ?? .total
            for (i, state) in s.alerts.tiers.enumerated() {
                guard let since = state.since, i < definition.tiers.count else { continue }
                out.append(ActiveAlert(slo: definition.name, series: id, tier: definition.tiers[i], since: since,
                                       longBurn: state.longBurn, shortBurn: state.shortBurn,
                                       inhibited: state.inhibited))
            }
        }
    }

    /// The status of one series at `now`; a series never seen reads as "no data".
    func status(of key: SeriesKey?, now: EpochMillis, sparklines: Bool = true) -> SLOStatus {
        var status = calculator.status(lookup(key)?.counters, series: key?.id ?? .total, now: now,
                                       sparklines: sparklines)
        if key == nil, sparklines, hasLatency {
            status.percentiles = latency.allPercentiles(now: now)
        }
        return status
    }

    /// Every labelled series' status (tenants, then models, in creation order), without
    /// sparklines: the detail view's breakdown table.
    func breakdown(now: EpochMillis) -> [SLOStatus] {
        let calc = calculator
        var out: [SLOStatus] = []
        out.reserveCapacity(series.count - 1)
        for s in series.dropFirst() {
            guard let key = s.key else { continue }
            out.append(calc.status(s.counters, series: key.id, now: now, sparklines: false))
        }
        return out.sorted { a, b in
            switch (a.series, b.series) {
            case (.tenant, .model): true
            case (.model, .tenant): false
            default: a.series.label < b.series.label
            }
        }
    }

    func history(of key: SeriesKey?, range: SLOHistoryRange, now: EpochMillis) -> SLOHistory {
        calculator.history(lookup(key)?.counters, range: range, now: now)
    }

    func burnDown(of key: SeriesKey?, now: EpochMillis) -> SLOBurnDown {
        calculator.burnDown(lookup(key)?.counters, now: now)
    }
}

/// One series: its label (nil for the total), counters and alert states.
struct SLOSeries: Sendable, Codable {
    let key: SeriesKey?
    var counters: SeriesCounters
    var alerts: SeriesAlertState
    /// Every event recorded since the engine started, even one too old for the rings: the
    /// monotonic `_total` counters of `/metrics`, which `rate()` needs. Two adds an event.
    private(set) var cumulative = SLICounts.zero
    /// The newest minute that counted a bad event, or a later one: nil for none. Not in
    /// checkpoints (a restored series starts from its newest minute with data, which is
    /// never earlier). Lets a minute's evaluation skip a series no tier can fire on.
    private(set) var lastBadMinute: Int64?

    private enum CodingKeys: String, CodingKey {
        case key, counters, alerts, cumulative
    }

    init(key: SeriesKey?, definition: SLODefinition) {
        self.key = key
        counters = SeriesCounters(window: definition.window)
        alerts = SeriesAlertState(tierCount: definition.tiers.count)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decodeIfPresent(SeriesKey.self, forKey: .key)
        counters = try container.decode(SeriesCounters.self, forKey: .counters)
        alerts = try container.decode(SeriesAlertState.self, forKey: .alerts)
        cumulative = try container.decode(SLICounts.self, forKey: .cumulative)
        lastBadMinute = counters.newestMinute
    }

    mutating func record(_ counts: SLICounts, at t: EpochMillis) {
        counters.record(counts, at: t)
        cumulative += counts
        if counts.good < counts.total {
            let minute = TimeMath.minute(of: t)
            lastBadMinute = max(lastBadMinute ?? minute, minute)
        }
    }

    /// True when no tier can hold at `minute`'s evaluation and none is active, so that
    /// evaluating would change nothing: every tier needs bad events in its short window,
    /// and no bad event fell in the longest of them (`shortReach` minutes ending at
    /// `minute`). Never true while a tier is firing or inhibited: it must resolve.
    func isQuiet(atMinute minute: Int64, shortReach: Int64) -> Bool {
        guard let lastBadMinute else { return !alerts.anyActive }
        return lastBadMinute <= minute - shortReach && !alerts.anyActive
    }
}
