@testable import FlowCore
import FlowTestKit
import Testing

/// The host computes the funnel and attribution outside its lock; what it returns must be
/// exactly what the engine alone returns, and its cache must refresh as configured.
@Suite struct EngineHostTests {
    let t = TestTime.start

    var events: [Event] {
        [EventBuilder.leadCreated("L1", source: "whatsapp", at: t),
         EventBuilder.touch("L1", channel: "ads", cost: 3, at: t + 1_000),
         EventBuilder.touch("L1", channel: "email", at: t + 2_000),
         EventBuilder.stage("L1", .qualified, at: t + 3_000),
         EventBuilder.stage("L1", .won, revenue: 500, at: t + 4_000),
         EventBuilder.leadCreated("L2", source: "website", at: t + 5_000),
         EventBuilder.touch("L2", channel: "ads", at: t + 6_000)]
    }

    @Test(arguments: [AttributionModel.linear, .markov, .positionBased])
    func theHostsSnapshotIsTheEnginesSnapshot(model: AttributionModel) {
        let now = t + 60_000
        let clock = ManualClock(at: now)
        let host = EngineHost(engine: Engine(), clock: clock)
        host.apply(events)
        var engine = Engine()
        engine.apply(events, receivedAt: now)
        let query = SnapshotQuery(model: model)
        #expect(host.snapshot(query) == engine.snapshot(query, now: now))
        #expect(host.snapshot(query).attribution.totalRevenue == 500)
        #expect(host.snapshot(query).funnel.stages.first?.count == 2)
    }

    @Test func withoutLeadsTheSLOsAndAlertsAreTheFullSnapshotsAndTheLeadPartsEmpty() {
        let now = t + 60_000
        let host = EngineHost(engine: Engine(), clock: ManualClock(at: now))
        host.apply(events + [EventBuilder.aiRequest(success: false, at: t + 7_000),
                             EventBuilder.aiRequest(success: true, at: t + 8_000)])
        let query = SnapshotQuery(tenant: "default")
        let full = host.snapshot(query)
        let light = host.snapshotWithoutLeads(query)
        #expect(light.slos == full.slos)
        #expect(light.alerting == full.alerting)
        #expect(light.ingest == full.ingest)
        #expect(light.slos.contains { $0.total == 2 })
        #expect(full.funnel.stages.first?.count == 2)
        #expect(light.funnel.stages.isEmpty && light.attribution.rows.isEmpty)
    }

    @Test func theHostReusesItsLeadAnalysisForTheRefreshInterval() {
        var configuration = EngineConfiguration()
        configuration.analysisRefreshMillis = 1_000
        let clock = ManualClock(at: t + 60_000)
        let host = EngineHost(engine: Engine(configuration: configuration), clock: clock)
        host.apply(Array(events.prefix(5)))
        #expect(host.snapshot(SnapshotQuery()).funnel.stages.first?.count == 1)
        host.apply(Array(events.suffix(2)))
        clock.advance(millis: 500)
        #expect(host.snapshot(SnapshotQuery()).funnel.stages.first?.count == 1)   // stored, reused
        clock.advance(millis: 600)
        #expect(host.snapshot(SnapshotQuery()).funnel.stages.first?.count == 2)   // refreshed
    }

    /// A snapshot whose funnel and attribution are both cached takes no lead table: one
    /// held until the work ended made the next event copy every lead (copy on write).
    @Test func aSnapshotWithBothAnalysesCachedHoldsNoLeads() {
        var configuration = EngineConfiguration()
        configuration.analysisRefreshMillis = 1_000
        var engine = Engine(configuration: configuration)
        engine.apply(events + [EventBuilder.aiRequest(cost: 2, at: t + 7_000)], receivedAt: t + 60_000)
        let (_, first) = engine.snapshotWithoutLeads(SnapshotQuery(), now: t + 60_000)
        #expect(first.table.count == 2 && first.cachedFunnel == nil && first.cachedAttribution == nil)
        #expect(first.aiSpend == ["default": 2])
        engine.store(first.run(), of: first)
        let (_, cached) = engine.snapshotWithoutLeads(SnapshotQuery(), now: t + 60_500)
        #expect(cached.cachedFunnel != nil && cached.cachedAttribution != nil)
        #expect(cached.table.count == 0 && cached.aiSpend.isEmpty)
        let (_, other) = engine.snapshotWithoutLeads(SnapshotQuery(model: .markov), now: t + 60_500)
        #expect(other.cachedAttribution != nil && other.table.count == 0)   // the model only re-picks
        let (_, stale) = engine.snapshotWithoutLeads(SnapshotQuery(), now: t + 61_100)
        #expect(stale.table.count == 2)
    }
}
