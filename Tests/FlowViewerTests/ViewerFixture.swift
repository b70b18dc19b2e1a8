import FlowCore
import FlowTestKit

/// The engine the snapshot tests read: FlowTestKit's workload (every part of a snapshot
/// has a value), built once for the target, copied by each test.
enum ViewerFixture {
    static let engine = EngineWorkload.engine()
    static let end = EngineWorkload.end

    /// The SLO detail over three days, the funnel split by source into two rows and `other`.
    static let richQuery = SnapshotQuery(
        model: .timeDecay, detail: SLODetailQuery(slo: "ai_response_latency", range: .d3),
        funnel: FunnelQuery(periodDays: 7, conversionWindowDays: 3, breakdown: .source, breakdownLimit: 2),
        attributionPeriodDays: 7)

    /// Two notifiers as the app would add them: one healthy, one failing and retrying.
    static let notifiers = [
        NotifierStatus(name: "slack-oncall", queued: 1, sent: 42, lastSuccessAt: end - 4_000),
        NotifierStatus(name: "pagerduty", queued: 3, sent: 7, failed: 2, retries: 5, dropped: 1,
                       lastError: "HTTP 500: \"upstream\"\n", lastErrorAt: end - 1_000, lastSuccessAt: end - 600_000,
                       isRetrying: true, refusedGroups: 2),
    ]

    /// The engine's snapshot for `query` at `now`, with the notifiers.
    static func snapshot(_ query: SnapshotQuery = richQuery, at now: EpochMillis = end,
                         engine: Engine = engine) -> EngineSnapshot {
        var engine = engine
        var snapshot = engine.snapshot(query, now: now)
        snapshot.notifiers = notifiers
        return snapshot
    }
}
