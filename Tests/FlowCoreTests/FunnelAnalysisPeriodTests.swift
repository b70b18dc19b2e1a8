import FlowCore
import FlowTestKit
import Testing

/// Which leads and which of their stages an analysis counts: the creation period, the
/// conversion window, `now`, and the lost and stalled rules that depend on time.
@Suite struct FunnelAnalysisPeriodTests {
    let now = TestTime.start + TestTime.days(40)
    let d = TestTime.days(1)

    func analyze(_ leads: [FunnelLead], _ query: FunnelQuery = FunnelQuery()) -> FunnelAnalysis {
        FunnelAnalyzer.analyze(leads, query: query, now: now)
    }

    @Test func thePeriodIsCreationWithinTheLastNDaysUpToNow() {
        let leads = [
            funnelLead("in", created: now - 30 * d),          // the oldest instant in the period
            funnelLead("out", created: now - 30 * d - 1),     // one millisecond older
            funnelLead("in", created: now),
            funnelLead("future", created: now + 1),
        ]
        let f = analyze(leads, FunnelQuery(breakdown: .source))
        #expect(f.periodStart == now - 30 * d)
        #expect(f.leadCount == 2)
        #expect(f.breakdown.map(\.label) == [.named("in")])
    }

    @Test func periodDaysChangesTheCohort() {
        let leads = [funnelLead("a", created: now - d / 2), funnelLead("b", created: now - 8 * d)]
        #expect(analyze(leads, FunnelQuery(periodDays: 7)).leadCount == 1)
        #expect(analyze(leads, FunnelQuery(periodDays: 0)).leadCount == 1)   // counts as 1 day
        #expect(analyze(leads, FunnelQuery(periodDays: Int.max)).leadCount == 2)
    }

    @Test func stagesAfterNowAreNotCountedYet() {
        let leads = [funnelLead("web", created: now - d, (.contacted, now), (.qualified, now + 1), (.lost, now + 2))]
        let f = analyze(leads)
        #expect(f.stages.map(\.count) == [1, 1, 0, 0, 0, 0])
        #expect(f.lost == 0 && f.stages[1].inProgress == 1)
    }

    /// L1: contacted 1d, qualified 3d (on the window's edge), meeting 3d + 1ms, won 10d.
    /// L2: contacted 5d. Both created 20 days before now.
    var windowLeads: [FunnelLead] {
        let c = now - 20 * d
        return [
            funnelLead("web", created: c, (.contacted, c + d), (.qualified, c + 3 * d), (.meeting, c + 3 * d + 1),
                       (.won, c + 10 * d), revenue: 100),
            funnelLead("web", created: c, (.contacted, c + 5 * d)),
        ]
    }

    @Test func withoutAWindowEveryStageCounts() {
        let f = analyze(windowLeads)
        #expect(f.stages.map(\.count) == [2, 2, 1, 1, 1, 1])
        #expect(f.wonRevenue == 100)
    }

    @Test func aConversionWindowCountsOnlyStagesReachedWithinItInclusive() {
        let f = analyze(windowLeads, FunnelQuery(conversionWindowDays: 3))
        #expect(f.stages.map(\.count) == [2, 1, 1, 0, 0, 0])
        #expect(f.wonRevenue == 0)
        #expect(f.stages[0].timeToNext == FunnelDurationStats(samples: 1, median: d, p90: d))
        #expect(f.stages[0].timeToWon == nil)
    }

    @Test func stalledLooksAtTheLastRealStageChangeEvenOutsideTheWindow() {
        // L2 last moved 15 days ago: stalled at lead_created, its last stage in the window.
        // L1 moved 10 days ago (won, outside the window): at qualified, in progress.
        let f = analyze(windowLeads, FunnelQuery(conversionWindowDays: 3))
        #expect(f.stages.map(\.stalled) == [1, 0, 0, 0, 0, 0])
        #expect(f.stages.map(\.inProgress) == [0, 0, 1, 0, 0, 0])
    }

    @Test func stalledIsStrictlyMoreThanTheThreshold() {
        let leads = [funnelLead("web", created: now - 20 * d, (.contacted, now - 14 * d)),
                     funnelLead("web", created: now - 20 * d, (.contacted, now - 14 * d - 1))]
        #expect(analyze(leads).stages[1].stalled == 1)
        #expect(analyze(leads, FunnelQuery(stalledAfterDays: 20)).stages[1].stalled == 0)
        #expect(analyze(leads, FunnelQuery(stalledAfterDays: 0)).stages[1].stalled == 2)
    }

    @Test func wonAndLostLeadsAreNeverStalled() {
        let c = now - 25 * d
        let leads = [funnelLead("web", created: c, (.won, c + d)), funnelLead("web", created: c, (.lost, c + d))]
        #expect(analyze(leads).stages.allSatisfy { $0.stalled == 0 })
    }

    @Test func aLeadMovedOnAfterBeingLostIsOpenAgain() {
        let c = now - 5 * d
        let reopened = funnelLead("web", created: c, (.contacted, c + 1), (.lost, c + 2), (.qualified, c + 3))
        let f = analyze([reopened])
        #expect(f.lost == 0)
        #expect(f.stages[2].inProgress == 1)
    }

    @Test func lostAgainAfterReopeningIsLostFromTheLaterStage() {
        let c = now - 5 * d
        // Arrival order: the second lost comes before the qualified it follows.
        let lead = funnelLead("web", created: c, (.contacted, c + 1), (.lost, c + 2), (.lost, c + 4), (.qualified, c + 3))
        #expect(analyze([lead]).stages.map(\.lostHere) == [0, 0, 1, 0, 0, 0])
    }

    @Test func aWonLeadIsNotLostWhateverTheOrder() {
        let c = now - 5 * d
        let leads = [funnelLead("web", created: c, (.lost, c + 1), (.won, c + 2), revenue: 10),
                     funnelLead("web", created: c, (.won, c + 1), (.lost, c + 2), revenue: 20)]
        let f = analyze(leads)
        #expect(f.lost == 0 && f.stages[5].count == 2 && f.wonRevenue == 30)
    }

    @Test func withAWindowLostCountsAtTheHighestStageInsideIt() {
        let c = now - 20 * d
        let lead = funnelLead("web", created: c, (.contacted, c + d), (.qualified, c + 5 * d), (.lost, c + 6 * d))
        #expect(analyze([lead], FunnelQuery(conversionWindowDays: 2)).stages.map(\.lostHere) == [0, 1, 0, 0, 0, 0])
        #expect(analyze([lead]).stages.map(\.lostHere) == [0, 0, 1, 0, 0, 0])
    }

    @Test func theTenantFilterKeepsOneTenant() {
        let f = FunnelAnalyzer.analyze(FunnelExample.leads, query: FunnelQuery(tenant: "globex"), now: FunnelExample.now)
        #expect(f.leadCount == 1)
        #expect(f.stages.map(\.count) == [1, 1, 0, 0, 0, 0])
        #expect(FunnelAnalyzer.analyze(FunnelExample.leads, query: FunnelQuery(tenant: "nobody"), now: FunnelExample.now)
            .leadCount == 0)
    }

    @Test func storedRecordsWithGapsStillCountTheStagesBeforeAReachedOne() {
        // Not something `apply` builds, but a stored record could say it.
        let lead = FunnelLead(tenant: "a", source: "s", created: now - 3 * d, reached: [nil, nil, nil, now - d])
        let f = analyze([lead])
        #expect(f.stages.map(\.count) == [1, 1, 1, 1, 0, 0])
        #expect(f.stages[0].timeToNext == FunnelDurationStats(samples: 1, median: 2 * d, p90: 2 * d))
        #expect(f.stages[1].timeToNext == FunnelDurationStats(samples: 1, median: 0, p90: 0))
    }
}
