import FlowCore
import FlowDashboard
import TerminalUI

/// Hand-built snapshots: the engine is not needed to test what the dashboard draws.
enum Fixture {
    /// 2026-11-18 11:15:02 UTC.
    static let now: EpochMillis = 1_795_000_502_000
    static let socketPath = "/run/user/1000/flowtop/events.sock"
    static let context = DashboardContext(socketPath: socketPath)

    static let tiers: [AlertTier] = [
        AlertTier(severity: .page, longWindow: .h1, shortWindow: .m5, factor: 14.4),
        AlertTier(severity: .page, longWindow: .h6, shortWindow: .m30, factor: 6),
        AlertTier(severity: .ticket, longWindow: .d1, shortWindow: .h2, factor: 3),
        AlertTier(severity: .ticket, longWindow: .d3, shortWindow: .h6, factor: 1),
    ]

    static let sliHistory: [Double?] = (0..<60).map { (i: Int) -> Double? in
        i % 7 == 3 ? nil : 0.99 + Double(i % 5) * 0.002
    }
    static let burnHistory: [Double?] = (0..<60).map { (i: Int) -> Double? in Double(i % 9) }

    static func slo(_ name: String, series: SLOSeriesID = .total, objective: Double, sli: Double?, budget: Double?,
                    burns: [BurnWindow: Double], firing: Set<Int> = [], inhibited: Set<Int> = [],
                    exhaustion: Double? = nil, total: Int64 = 48_393) -> SLOStatus {
        let statuses = tiers.enumerated().map { i, tier in
            AlertTierStatus(tier: tier, state: firing.contains(i) ? .firing : inhibited.contains(i) ? .inhibited : .ok,
                            longBurn: burns[tier.longWindow], shortBurn: burns[tier.shortWindow],
                            longEvents: sli == nil ? 0 : total / 30)
        }
        let total: Int64 = sli == nil ? 0 : total
        let good = Int64((sli ?? 0) * Double(total))
        let windowBurn = sli.map { (1 - $0) / (1 - objective) }
        return SLOStatus(name: name, series: series, objective: objective, sli: sli, good: good, total: total,
                         errorBudgetRemaining: budget, burnRates: burns, windowBurn: windowBurn, alerts: statuses,
                         timeToExhaustionSeconds: exhaustion,
                         sliSparkline: sliHistory, burnSparkline: burnHistory)
    }

    /// The AI answers' latency: p99 near the 2 s threshold.
    static let latencyPercentiles: [PercentileWindow: LatencyPercentiles] = [
        .m5: LatencyPercentiles(count: 312, p50: 840, p90: 1_450, p95: 1_720, p99: 2_310),
        .h1: LatencyPercentiles(count: 3_820, p50: 790, p90: 1_380, p95: 1_650, p99: 2_140),
        .d1: LatencyPercentiles(count: 88_400, p50: 760, p90: 1_300, p95: 1_590, p99: 1_980),
        .slo: LatencyPercentiles(count: 2_481_000, p50: 740, p90: 1_280, p95: 1_560, p99: 1_940),
    ]

    static let slos: [SLOStatus] = [
        {
            var latency = slo("ai_response_latency", objective: 0.99, sli: 0.9962, budget: 0.62,
                              burns: [.m5: 0.4, .m30: 0.41, .h1: 0.38, .h2: 0.4, .h6: 0.52, .d1: 0.45, .d3: 0.41])
            latency.percentiles = latencyPercentiles
            return latency
        }(),
        slo("message_processing_latency", objective: 0.995, sli: 0.9931, budget: 0.12,
            burns: [.m5: 1.2, .m30: 1.5, .h1: 1.6, .h2: 1.7, .h6: 1.8, .d1: 1.5, .d3: 1.4],
            firing: [3], exhaustion: 224_640),
        slo("ai_request_success", objective: 0.999, sli: 0.99712, budget: 0.41,
            burns: [.m5: 18.2, .m30: 16.0, .h1: 15.1, .h2: 9.3, .h6: 4.2, .d1: 2.1, .d3: 1.2],
            firing: [0], inhibited: [3], exhaustion: 100_800),
    ]

    static let alerts: [ActiveAlert] = [
        ActiveAlert(slo: "ai_request_success", tenant: nil, tier: tiers[0], since: now - 180_000,
                    longBurn: 15.1, shortBurn: 18.2),
        ActiveAlert(slo: "message_processing_latency", tenant: "acme", tier: tiers[3], since: now - 3_900_000,
                    longBurn: 1.4, shortBurn: 1.8),
        ActiveAlert(slo: "ai_request_success", series: .total, tier: tiers[3], since: now - 1_500_000,
                    longBurn: 1.2, shortBurn: 4.2, inhibited: true),
    ]

    static func ingest(events: Int64 = 3_482_113) -> IngestStats {
        var rejected = RejectionCounts()
        if events > 0 {
            rejected.add(.missingField, 9)
            rejected.add(.invalidJSON, 3)
        }
        return IngestStats(eventsTotal: events, rejected: rejected, eventsPerSecond: events > 0 ? 1234.5 : 0,
                           lastEventAt: events > 0 ? now - 200 : nil)
    }

    /// A busy deployment: one SLO paging (its slower ticket inhibited), one ticket on a
    /// tenant (in both alert lists), a full funnel (the analysis of `funnelLeads` over `funnel`), five channels;
    /// with `detail` the SLO detail the engine would add.
    static func snapshot(tenant: String? = nil, model: AttributionModel = .linear,
                         detail: SLODetailQuery? = nil, funnel: FunnelQuery = FunnelQuery()) -> EngineSnapshot {
        let analysis = funnelAnalysis(funnel, tenant: tenant)
        var snapshot = EngineSnapshot(now: now, query: SnapshotQuery(tenant: tenant, model: model, detail: detail, funnel: funnel),
                                      tenants: ["acme", "globex"], slos: slos, alerts: alerts,
                                      funnel: FunnelSnapshot(analysis), attribution: attribution(model), ingest: ingest(),
                                      detail: detail.flatMap(sloDetail), funnelAnalysis: analysis)
        snapshot.alerting = alerting(alerts)
        return snapshot
    }

    /// The snapshot the engine would answer `state.query` with.
    static func snapshot(for state: DashboardState) -> EngineSnapshot {
        let query = state.query
        return snapshot(tenant: query.tenant, model: query.model, detail: query.detail, funnel: query.funnel)
    }

    /// A fresh engine: nothing received yet, the built-in SLOs with no data.
    static var emptySnapshot: EngineSnapshot {
        EngineSnapshot(now: now, query: SnapshotQuery(), tenants: [],
                       slos: slos.map { slo($0.name, objective: $0.objective, sli: nil, budget: nil, burns: [:]) },
                       alerts: [],
                       funnel: FunnelSnapshot(stages: Stage.funnel.map {
                           FunnelStageStatus(stage: $0, count: 0, conversionFromPrevious: nil, conversionFromStart: nil)
                       }, lost: 0, wonRevenue: 0),
                       attribution: AttributionSnapshot(model: .linear, rows: [], totalRevenue: 0, totalCost: 0, aiSpend: 0),
                       ingest: ingest(events: 0))
    }

    /// Renders a frame and returns the grid.
    static func rendered(_ snapshot: EngineSnapshot?, state: DashboardState = DashboardState(),
                         width: Int = 120, height: Int = 40, context: DashboardContext = context) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        render(snapshot, state: state, context: context, into: &grid)
        return grid
    }
}

extension DashboardOverlay {
    /// The SLO detail of `slo`, drilled into `series` when given, `selected` highlighted in
    /// the breakdown.
    static func detail(_ slo: String, _ series: SLOSeriesID? = nil, selected: SLOSeriesID? = nil) -> DashboardOverlay {
        .sloDetail(SLODetailLevel(slo: slo, series: series, selected: selected))
    }
}
