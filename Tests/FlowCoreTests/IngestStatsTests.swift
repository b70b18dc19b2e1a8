import FlowCore
import FlowTestKit
import Testing

/// The engine's own counters: accepted, rejected, rate, tenants.
@Suite struct IngestStatsTests {
    let t = windowEnd

    @Test func eventsPerSecondAveragesTheLastFiveWholeSeconds() {
        var engine = Engine()
        engine.apply(Array(repeating: EventBuilder.messageSent(at: t), count: 50), receivedAt: t)
        engine.apply(Array(repeating: EventBuilder.messageSent(at: t), count: 50), receivedAt: t + 1_500)
        engine.apply(Array(repeating: EventBuilder.messageSent(at: t), count: 999), receivedAt: t + 2_100)
        // At t + 2.5 s: seconds t-3 ... t+1 are whole; the current one is still filling.
        let stats = engine.snapshot(SnapshotQuery(), now: t + 2_500).ingest
        #expect(stats.eventsPerSecond == 20)
        #expect(stats.eventsTotal == 1_099)
        #expect(stats.lastEventAt == t + 2_100)
        #expect(engine.snapshot(SnapshotQuery(), now: t + 60_000).ingest.eventsPerSecond == 0)
    }

    @Test func syncIsNotCountedAndRejectionsAreByReason() {
        var engine = Engine()
        engine.apply([Event(time: t, body: .sync), EventBuilder.messageSent(at: t)], receivedAt: t)
        var rejected = RejectionCounts()
        rejected.add(.missingField, 3)
        rejected.add(.invalidJSON)
        engine.recordRejections(rejected)
        engine.recordRejections(rejected)
        let stats = engine.snapshot(SnapshotQuery(), now: t).ingest
        #expect(stats.eventsTotal == 1)
        #expect(stats.rejected[.missingField] == 6 && stats.rejected.total == 8)
    }

    @Test func tenantsAreEverySeenTenantSorted() {
        var engine = Engine()
        engine.feed([EventBuilder.messageSent(tenant: "zeta", at: t), EventBuilder.leadCreated("L", tenant: "acme", at: t),
                     EventBuilder.messageSent(tenant: "acme", at: t)])
        #expect(engine.snapshot(SnapshotQuery(), now: t).tenants == ["acme", "zeta"])
    }

    @Test func snapshotCarriesQueryAndNow() {
        var engine = Engine()
        let q = SnapshotQuery(tenant: "acme", model: .firstTouch)
        let snap = engine.snapshot(q, now: t)
        #expect(snap.query == q && snap.now == t && snap.attribution.model == .firstTouch)
        #expect(snap.slos.map(\.name) == SLODefinition.builtIn.map(\.name))
    }
}
