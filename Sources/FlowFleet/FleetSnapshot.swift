import FlowCore

/// The fleet as the reports and the dashboard's SLO panes read one engine: an
/// `EngineSnapshot` whose SLO statuses come from the summed counts (`FleetCounts`) and the
/// SLO definitions the engines run (the same `--slo` files), judged the engine's way
/// (`SLOStatus(definition:series:summed:now:)`).
///
/// What it leaves empty, and why: percentiles and sparklines (a gauge has no distribution
/// or history), the funnel and attribution (they come from the engines' APIs, not from
/// Prometheus), and the alert lifecycle (fleet alerts are Prometheus' rules and
/// Alertmanager's; docs/fleet.md).
///
/// ```swift
/// let snapshot = FleetSnapshot.make(counts, definitions: defs, query: SnapshotQuery())
/// SLOReport.document(snapshot)   // the JSON of `report slo --input`, for the fleet
/// ```
public enum FleetSnapshot {
    public static func make(_ counts: FleetCounts, definitions: [SLODefinition], query: SnapshotQuery) -> EngineSnapshot {
        let series: SLOSeriesID = query.tenant.map { .tenant($0) } ?? .total
        let slos = definitions.map { definition in
            SLOStatus(definition: definition, series: series,
                      summed: counts.series[definition.name]?[series] ?? SummedWindows(), now: counts.at)
        }
        return EngineSnapshot(
            now: counts.at, query: query, tenants: counts.tenantNames, slos: slos, alerts: [],
            funnel: FunnelSnapshot(stages: [], lost: 0, wonRevenue: 0),
            attribution: AttributionSnapshot(model: query.model, rows: [], totalRevenue: 0, totalCost: 0, aiSpend: 0,
                                             periodDays: query.attributionPeriodDays),
            ingest: IngestStats(eventsTotal: Int64(exactly: counts.eventsTotal.rounded()) ?? 0,
                                eventsPerSecond: counts.eventsPerSecond))
    }

    /// Each engine's total series of `definition`, worst burn first (the highest of its 1h,
    /// 6h and 1d burns, as the SLO pane sorts; then the name): which machine burns the budget.
    public static func instances(_ counts: FleetCounts, definition: SLODefinition) -> [(instance: String, status: SLOStatus)] {
        let rows = (counts.instances[definition.name] ?? [:]).map { instance, summed in
            (instance: instance, status: SLOStatus(definition: definition, series: .total, summed: summed, now: counts.at))
        }
        return rows.sorted { a, b in
            let x = a.status.sortBurn ?? -1, y = b.status.sortBurn ?? -1
            return x != y ? x > y : a.instance < b.instance
        }
    }
}
