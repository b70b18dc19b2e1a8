import FlowCore
import FlowTestKit
import Testing

/// `leadRetentionDays`: a lead with no event for that long leaves the funnel and
/// attribution at the next hourly sweep, whatever its age; the count cap keeps working.
@Suite struct LeadRetentionTests {
    let t = TestTime.start
    /// Funnel and attribution over ten years, so only retention can hide a lead.
    let everything = SnapshotQuery(funnel: FunnelQuery(periodDays: 3650), attributionPeriodDays: 3650)

    func engine(retentionDays: Int, maxLeads: Int = 200_000) -> Engine {
        Engine(configuration: EngineConfiguration(maxLeads: maxLeads, leadRetentionDays: retentionDays))
    }

    /// A lead created at `at`, touched an hour later and won two hours later.
    func wonLead(_ id: String, revenue: Double, at time: EpochMillis) -> [Event] {
        [EventBuilder.leadCreated(id, at: time),
         EventBuilder.touch(id, channel: "email", at: time + TestTime.hours(1)),
         EventBuilder.stage(id, .won, revenue: revenue, at: time + TestTime.hours(2))]
    }

    func leadCount(_ engine: inout Engine, at now: EpochMillis) -> Int? {
        engine.snapshot(everything, now: now).funnelAnalysis?.leadCount
    }

    @Test func leadsIdleLongerThanTheRetentionLeaveFunnelAndAttribution() {
        var engine = engine(retentionDays: 10)
        engine.feed(wonLead("old", revenue: 100, at: t) + wonLead("recent", revenue: 200, at: t + TestTime.days(15)))
        // The next hour's first event sweeps: "old" was last active 18 days before it.
        engine.feed([EventBuilder.aiRequest(at: t + TestTime.days(20))])
        let snapshot = engine.snapshot(everything, now: t + TestTime.days(20))
        #expect(snapshot.funnelAnalysis?.leadCount == 1)
        #expect(snapshot.funnel.wonRevenue == 200)
        #expect(snapshot.attribution.totalRevenue == 200)
        #expect(snapshot.attribution.paths == 1)
    }

    @Test func aLeadCreatedLongAgoButActiveSinceStays() {
        var engine = engine(retentionDays: 10)
        engine.feed(wonLead("old", revenue: 100, at: t)
            + [EventBuilder.leadCreated("nurtured", at: t),
               EventBuilder.touch("nurtured", channel: "ads", at: t + TestTime.days(8)),
               EventBuilder.stage("nurtured", .qualified, at: t + TestTime.days(16))])
        let snapshot = engine.snapshot(everything, now: t + TestTime.days(24))
        #expect(snapshot.funnelAnalysis?.leadCount == 1)
        #expect(snapshot.funnelAnalysis?.stages.map(\.count) == [1, 1, 1, 0, 0, 0])
        #expect(snapshot.attribution.paths == 1)
    }

    /// Idle for longer than the retention, a lead is forgotten even if an event follows:
    /// that event starts a fresh record (a touch alone does not put it in the funnel).
    @Test func anEventAfterTheRetentionStartsAFreshLead() {
        var engine = engine(retentionDays: 10)
        engine.feed([EventBuilder.leadCreated("L", at: t),
                     EventBuilder.touch("L", channel: "ads", at: t + TestTime.days(11))])
        let snapshot = engine.snapshot(everything, now: t + TestTime.days(11))
        #expect(snapshot.funnelAnalysis?.leadCount == 0)
        #expect(snapshot.attribution.paths == 1)
    }

    @Test func anEventWithAnEarlierTimeDoesNotMakeALeadIdle() {
        var engine = engine(retentionDays: 10)
        engine.feed([EventBuilder.leadCreated("L", at: t + TestTime.days(5)),
                     EventBuilder.stage("L", .contacted, at: t)])   // late: moves creation back, not activity
        #expect(leadCount(&engine, at: t + TestTime.days(14)) == 1)
        #expect(leadCount(&engine, at: t + TestTime.days(16)) == 0)
    }

    /// Snapshots sweep too, so an engine that receives nothing still forgets.
    @Test func aSnapshotAloneSweepsAnIdleEngine() {
        var engine = engine(retentionDays: 10)
        engine.feed(wonLead("old", revenue: 100, at: t))
        #expect(leadCount(&engine, at: t + TestTime.days(9)) == 1)
        #expect(leadCount(&engine, at: t + TestTime.days(11)) == 0)
    }

    /// At most one sweep an hour: a lead may outlive the retention by up to an hour.
    @Test func theSweepRunsOncePerHourOfEventTime() {
        var engine = engine(retentionDays: 1)
        engine.feed([EventBuilder.leadCreated("A", at: t + TestTime.minutes(30))])
        // Swept at t + 1 day (the hour's start): A, last active 23.5 hours before, stays.
        engine.feed([EventBuilder.aiRequest(at: t + TestTime.days(1))])
        #expect(leadCount(&engine, at: t + TestTime.days(1) + TestTime.minutes(45)) == 1)
        #expect(leadCount(&engine, at: t + TestTime.days(1) + TestTime.hours(1)) == 0)
    }

    @Test(arguments: [0, -5])
    func zeroOrLessKeepsEveryLead(days: Int) {
        var engine = engine(retentionDays: days)
        engine.feed(wonLead("old", revenue: 100, at: t))
        engine.feed([EventBuilder.aiRequest(at: t + TestTime.days(3000))])
        #expect(leadCount(&engine, at: t + TestTime.days(3000)) == 1)
    }

    @Test func theCountCapStillEvictsTheOldestAfterASweep() {
        var engine = engine(retentionDays: 10, maxLeads: 3)
        engine.feed([EventBuilder.leadCreated("A", at: t), EventBuilder.leadCreated("B", at: t + TestTime.days(1)),
                     EventBuilder.leadCreated("C", at: t + TestTime.days(12))])   // sweeps A and B
        #expect(leadCount(&engine, at: t + TestTime.days(12)) == 1)
        let later = t + TestTime.days(12) + 1
        // Won for 1, 2 and 4: F evicts C, the oldest kept.
        engine.feed([EventBuilder.stage("D", .won, revenue: 1, at: later), EventBuilder.stage("E", .won, revenue: 2, at: later),
                     EventBuilder.stage("F", .won, revenue: 4, at: later)])
        var snapshot = engine.snapshot(everything, now: later)
        #expect(snapshot.funnelAnalysis?.leadCount == 3)
        #expect(snapshot.funnel.wonRevenue == 7)
        engine.feed([EventBuilder.stage("C", .won, revenue: 8, at: later)])   // C again, evicting D
        snapshot = engine.snapshot(everything, now: later)
        #expect(snapshot.funnelAnalysis?.leadCount == 3)
        #expect(snapshot.funnel.wonRevenue == 14)
    }
}
