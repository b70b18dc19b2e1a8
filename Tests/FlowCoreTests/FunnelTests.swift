import FlowCore
import FlowTestKit
import Testing

/// Funnel counts: each lead counted once per stage reached, whatever order events come in.
@Suite struct FunnelTests {
    let t = windowEnd

    func funnel(_ events: [Event], tenant: String? = nil) -> FunnelSnapshot {
        var engine = Engine()
        engine.feed(events)
        return engine.snapshot(SnapshotQuery(tenant: tenant), now: t + TestTime.hours(1)).funnel
    }

    func counts(_ f: FunnelSnapshot) -> [Int64] { f.stages.map(\.count) }

    @Test func stagesAreTheSixFunnelStagesInOrder() {
        #expect(funnel([]).stages.map(\.stage) == Stage.funnel)
        #expect(counts(funnel([])) == [0, 0, 0, 0, 0, 0])
        #expect(funnel([]).stages.allSatisfy { $0.conversionFromStart == nil && $0.conversionFromPrevious == nil })
    }

    @Test func jumpingStagesCountsTheSkippedOnes() {
        let f = funnel([EventBuilder.leadCreated("L1", at: t), EventBuilder.stage("L1", .meeting, at: t + 1)])
        #expect(counts(f) == [1, 1, 1, 1, 0, 0])
    }

    @Test func repeatedStageEventsCountOnce() {
        let f = funnel([EventBuilder.leadCreated("L1", at: t), EventBuilder.leadCreated("L1", at: t + 1),
                        EventBuilder.stage("L1", .contacted, at: t + 2), EventBuilder.stage("L1", .contacted, at: t + 3),
                        EventBuilder.stage("L1", .won, revenue: 100, at: t + 4),
                        EventBuilder.stage("L1", .won, revenue: 100, at: t + 5)])
        #expect(counts(f) == [1, 1, 1, 1, 1, 1])
        #expect(f.wonRevenue == 100)
    }

    @Test func outOfOrderStagesDoNotMoveALeadBack() {
        let f = funnel([EventBuilder.leadCreated("L1", at: t), EventBuilder.stage("L1", .proposal, at: t + 1),
                        EventBuilder.stage("L1", .qualified, at: t + 2), EventBuilder.stage("L1", .contacted, at: t + 3)])
        #expect(counts(f) == [1, 1, 1, 1, 1, 0])
    }

    @Test func stageForAnUnknownLeadCreatesIt() {
        let f = funnel([EventBuilder.stage("ghost", .qualified, at: t),
                        EventBuilder.leadCreated("ghost", source: "whatsapp", at: t + 1)])
        #expect(counts(f) == [1, 1, 1, 0, 0, 0])
    }

    @Test func lostIsCountedOnceAndKeepsTheStageReached() {
        let f = funnel([EventBuilder.leadCreated("L1", at: t), EventBuilder.stage("L1", .contacted, at: t + 1),
                        EventBuilder.stage("L1", .lost, at: t + 2), EventBuilder.stage("L1", .lost, at: t + 3),
                        EventBuilder.stage("L2", .lost, at: t + 4)])
        #expect(f.lost == 2)
        #expect(counts(f) == [2, 1, 0, 0, 0, 0])
    }

    @Test func conversionsAreFromPreviousStageAndFromStart() throws {
        var events: [Event] = []
        for i in 0..<4 { events.append(EventBuilder.leadCreated("L\(i)", at: t + Int64(i))) }
        events += [EventBuilder.stage("L0", .contacted, at: t + 10), EventBuilder.stage("L1", .contacted, at: t + 11),
                   EventBuilder.stage("L0", .qualified, at: t + 12)]
        let f = funnel(events)
        #expect(counts(f) == [4, 2, 1, 0, 0, 0])
        #expect(f.stages[0].conversionFromPrevious == nil)
        #expect(f.stages[0].conversionFromStart == 1)
        #expect(f.stages[1].conversionFromPrevious == 0.5 && f.stages[1].conversionFromStart == 0.5)
        #expect(f.stages[2].conversionFromPrevious == 0.5 && f.stages[2].conversionFromStart == 0.25)
        #expect(f.stages[3].conversionFromPrevious == 0 && f.stages[4].conversionFromPrevious == nil)
    }

    @Test func touchpointAloneDoesNotEnterTheFunnel() {
        #expect(counts(funnel([EventBuilder.touch("L1", channel: "ads", at: t)])) == [0, 0, 0, 0, 0, 0])
    }

    @Test func tenantFilterSplitsTheFunnel() {
        let events = [EventBuilder.leadCreated("L1", tenant: "acme", at: t),
                      EventBuilder.stage("L1", .won, revenue: 50, tenant: "acme", at: t + 1),
                      EventBuilder.leadCreated("L1", tenant: "globex", at: t + 2)]
        #expect(counts(funnel(events, tenant: "acme")) == [1, 1, 1, 1, 1, 1])
        #expect(counts(funnel(events, tenant: "globex")) == [1, 0, 0, 0, 0, 0])
        #expect(counts(funnel(events)) == [2, 1, 1, 1, 1, 1])
        #expect(funnel(events, tenant: "globex").wonRevenue == 0)
    }

    /// The funnel is an analysis of the leads the engine keeps: past the cap the oldest
    /// inserted lead is forgotten, and with it its place in the funnel.
    @Test func leadCapEvictsTheOldestAndTheFunnelCoversTheLeadsKept() {
        var engine = Engine(configuration: EngineConfiguration(maxLeads: 2))
        engine.feed([EventBuilder.leadCreated("A", at: t), EventBuilder.leadCreated("B", at: t + 1),
                     EventBuilder.leadCreated("C", at: t + 2),
                     EventBuilder.stage("B", .contacted, at: t + 3), EventBuilder.stage("B", .contacted, at: t + 4)])
        let f = engine.snapshot(SnapshotQuery(), now: t + 10).funnel
        #expect(counts(f) == [2, 1, 0, 0, 0, 0])   // B (contacted) and C; A is gone
        // A's stage event re-creates it as a new lead, which evicts B, the oldest kept.
        engine.feed([EventBuilder.stage("A", .contacted, at: t + 5)])
        #expect(counts(engine.snapshot(SnapshotQuery(), now: t + 10).funnel) == [2, 1, 0, 0, 0, 0])
        #expect(engine.snapshot(SnapshotQuery(), now: t + 10).funnelAnalysis?.leadCount == 2)
    }

    /// Live, the pass over every lead runs at most once per refresh interval; replays and
    /// reports (interval 0) see every event at once.
    @Test func theLiveFunnelIsRecomputedOncePerRefreshInterval() {
        var live = EngineConfiguration()
        live.analysisRefreshMillis = 1000
        var engine = Engine(configuration: live)
        engine.feed([EventBuilder.leadCreated("A", at: t)])
        #expect(counts(engine.snapshot(SnapshotQuery(), now: t + 10).funnel).first == 1)
        engine.feed([EventBuilder.leadCreated("B", at: t + 20)])
        #expect(counts(engine.snapshot(SnapshotQuery(), now: t + 500).funnel).first == 1)    // cached
        #expect(counts(engine.snapshot(SnapshotQuery(), now: t + 1_010).funnel).first == 2)  // refreshed
        #expect(counts(engine.snapshot(SnapshotQuery(tenant: "default"), now: t + 1_020).funnel).first == 2)

        var replay = Engine()
        replay.feed([EventBuilder.leadCreated("A", at: t)])
        _ = replay.snapshot(SnapshotQuery(), now: t + 10)
        replay.feed([EventBuilder.leadCreated("B", at: t + 20)])
        #expect(counts(replay.snapshot(SnapshotQuery(), now: t + 30).funnel).first == 2)
    }
}
