import FlowCore

/// The fleet as the reports and the dashboard's SLO panes read one engine: an
/// `EngineSnapshot` whose SLO statuses come from the summed counts (`FleetCounts`) and the
/// SLO definitions the engines run (the same `--slo` files), judged the engine's way
/// (`SLOStatus(definition:series:summed:now:)`).
///
/// Its alerts are the tiers that hold now on every series (`FleetAlerts`), since when
/// `firstSeen` says (the viewer's memory). What it leaves empty, and why: percentiles and
/// sparklines (a gauge has no distribution or history), the funnel and attribution (they
/// come from the engines' APIs, not from Prometheus), silences and acknowledgements (a
/// fleet's are Alertmanager's; docs/fleet.md).
///
/// ```swift
/// let snapshot = FleetSnapshot.make(counts, definitions: defs, query: SnapshotQuery())
/// SLOReport.document(snapshot)   // the JSON of `report slo --input`, for the fleet
/// ```
public enum FleetSnapshot {
    public static func make(_ counts: FleetCounts, definitions: [SLODefinition], query: SnapshotQuery,
                            firstSeen: [String: EpochMillis] = [:]) -> EngineSnapshot {
        let series: SLOSeriesID = query.tenant.map { .tenant($0) } ?? .total
        let slos = definitions.map { definition in
            SLOStatus(definition: definition, series: series,
                      summed: counts.series[definition.name]?[series] ?? SummedWindows(), now: counts.at)
        }
        // Alerts of every series and engine (of the tenant's series, with --tenant), as an
        // engine lists them: an engine's alert says which machine burns the budget.
        let judged = definitions.flatMap { definition in
            let series = (counts.series[definition.name] ?? [:])
                .filter { id, _ in query.tenant == nil || id == .tenant(query.tenant ?? "") }
                .map { id, summed in SLOStatus(definition: definition, series: id, summed: summed, now: counts.at) }
            let engines = query.tenant != nil ? [] : (counts.instances[definition.name] ?? [:]).map { instance, summed in
                SLOStatus(definition: definition, series: .instance(instance), summed: summed, now: counts.at)
            }
            return series + engines
        }
        let alerts = FleetAlerts.make(judged, firstSeen: firstSeen, now: counts.at)
        var snapshot = EngineSnapshot(
            now: counts.at, query: query, tenants: counts.tenantNames, slos: slos, alerts: [],
            funnel: FunnelSnapshot(stages: [], lost: 0, wonRevenue: 0),
            attribution: AttributionSnapshot(model: query.model, rows: [], totalRevenue: 0, totalCost: 0, aiSpend: 0,
                                             periodDays: query.attributionPeriodDays),
            ingest: IngestStats(eventsTotal: Int64(exactly: counts.eventsTotal.rounded()) ?? 0,
                                eventsPerSecond: counts.eventsPerSecond),
            detail: query.detail.flatMap { detail($0, counts, definitions: definitions) })
        snapshot.alerts = alerts.active.filter { !$0.inhibited }
        snapshot.alerting = alerts.alerting
        if let slo = query.detail?.slo { snapshot.detail?.alerts = alerts.active.filter { $0.slo == slo } }
        return snapshot
    }

    /// One SLO in depth for the fleet: the series asked for (the total, a tenant, a model
    /// or one engine), and the breakdown of every engine (`instance:...`), tenant and model.
    /// The history is `counts.history` when it is this query's (events by arrival, from the
    /// counters' increase per bucket); no burn-down, which the gauges cannot give.
    static func detail(_ query: SLODetailQuery, _ counts: FleetCounts, definitions: [SLODefinition]) -> SLODetail? {
        guard let definition = definitions.first(where: { $0.name == query.slo }) else { return nil }
        let bySeries = counts.series[definition.name] ?? [:]
        let byInstance = counts.instances[definition.name] ?? [:]
        func summed(_ id: SLOSeriesID) -> SummedWindows {
            if case .instance(let i) = id { return byInstance[i] ?? SummedWindows() }
            return bySeries[id] ?? SummedWindows()
        }
        let status = SLOStatus(definition: definition, series: query.series, summed: summed(query.series), now: counts.at)
        let ids = byInstance.keys.sorted().map(SLOSeriesID.instance)
            + bySeries.keys.filter { $0 != .total }.sorted { $0.label < $1.label }
        let breakdown = ids.map { SLOStatus(definition: definition, series: $0, summed: summed($0), now: counts.at) }
        let bucket = query.range.bucketMillis
        let points = query.range.pointCount
        let start = (counts.at / bucket - Int64(points - 1)) * bucket
        let budget = ErrorBudget(objective: definition.objective)
        let buckets = counts.history.flatMap { $0.query == query && $0.counts.count == points ? $0.counts : nil }
            ?? Array(repeating: .zero, count: points)
        let history = SLOHistory(range: query.range, start: start, bucketMillis: bucket, counts: buckets,
                                 sli: buckets.map { $0.total > 0 ? Double($0.good) / Double($0.total) : nil },
                                 burn: buckets.map(budget.burnRate))
        return SLODetail(status: status, history: history,
                         burnDown: SLOBurnDown(start: counts.at, stepMillis: 3_600_000, remaining: []),
                         breakdown: breakdown, seriesCap: EngineConfiguration().maxSeriesPerSLO, overflowEvents: 0,
                         alerts: [])
    }
}
