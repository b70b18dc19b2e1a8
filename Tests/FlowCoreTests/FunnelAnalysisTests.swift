import FlowCore
import FlowTestKit
import Testing

/// The worked example of docs/funnel.md: eight leads in the period, one outside, built
/// through `FunnelLead.apply` as the engine builds them. Every number below is counted by
/// hand from the timeline in `FunnelExample`.
@Suite struct FunnelAnalysisTests {
    let funnel = FunnelAnalyzer.analyze(FunnelExample.leads, query: FunnelQuery(), now: FunnelExample.now)

    @Test func countsEachStageReachedOrPassed() {
        #expect(funnel.stages.map(\.stage) == Stage.funnel)
        #expect(funnel.leadCount == 8)
        #expect(funnel.stages.map(\.count) == [8, 7, 5, 3, 3, 3])
    }

    @Test func stepConversionIsOverThePreviousStage() {
        let expected: [Double?] = [nil, 7.0 / 8, 5.0 / 7, 3.0 / 5, 1, 1]
        #expect(funnel.stages.map(\.stepConversion) == expected)
    }

    @Test func overallConversionIsOverLeadsCreated() {
        let expected: [Double?] = [1, 7.0 / 8, 5.0 / 8, 3.0 / 8, 3.0 / 8, 3.0 / 8]
        #expect(funnel.stages.map(\.overallConversion) == expected)
    }

    @Test func dropOffIsReachedThisStageButNotTheNext() {
        #expect(funnel.stages.map(\.dropOff) == [1, 2, 2, 0, 0, 0])
        let rates: [Double?] = [1.0 / 8, 2.0 / 7, 2.0 / 5, 0, 0, nil]
        #expect(funnel.stages.map(\.dropOffRate) == rates)
    }

    @Test func lostLeadsAreCountedAtTheirHighestStage() {
        // F lost straight after creation, D lost after qualifying.
        #expect(funnel.stages.map(\.lostHere) == [1, 0, 1, 0, 0, 0])
        #expect(funnel.lost == 2)
    }

    @Test func stalledAreOpenLeadsWithoutAStageChangeForFourteenDays() {
        // E: contacted 19d 19h ago; G (unknown source): qualified 19 days ago. H moved yesterday.
        #expect(funnel.stages.map(\.stalled) == [0, 1, 1, 0, 0, 0])
        #expect(funnel.stage(.contacted)?.stalledBySource == [FunnelLabelCount(label: .named("website"), count: 1)])
        #expect(funnel.stage(.qualified)?.stalledBySource == [FunnelLabelCount(label: .named("unknown"), count: 1)])
        #expect(funnel.stages.map(\.inProgress) == [0, 1, 0, 0, 0, 0])
    }

    @Test func dropOffSplitsIntoLostStalledAndInProgress() {
        for stage in funnel.stages {
            #expect(stage.dropOff == stage.lostHere + stage.stalled + stage.inProgress)
        }
    }

    @Test func wonRevenueSumsTheWonLeads() {
        #expect(funnel.wonRevenue == 4_500)
    }

    @Test func timeToNextStageIsNearestRankOverTheLeadsThatMadeTheStep() {
        let h = TestTime.hours(1), d = TestTime.days(1)
        // lead_created -> contacted: G 0, A 1h, B 2h, C 3h, D 4h, E 5h, H 1d.
        #expect(funnel.stages[0].timeToNext == FunnelDurationStats(samples: 7, median: 3 * h, p90: d))
        // contacted -> qualified: G 0, A 23h, B 46h, D 68h, C 93h.
        #expect(funnel.stages[1].timeToNext == FunnelDurationStats(samples: 5, median: 46 * h, p90: 93 * h))
        // C jumped from contacted to proposal: 0 for qualified -> meeting and meeting -> proposal.
        #expect(funnel.stages[2].timeToNext == FunnelDurationStats(samples: 3, median: d, p90: 2 * d))
        #expect(funnel.stages[3].timeToNext == FunnelDurationStats(samples: 3, median: d, p90: 2 * d))
        #expect(funnel.stages[4].timeToNext == FunnelDurationStats(samples: 3, median: 4 * d, p90: 4 * d))
        #expect(funnel.stages[5].timeToNext == nil)
    }

    @Test func timeToWonIsOverTheWonLeads() {
        let h = TestTime.hours(1), d = TestTime.days(1)
        // A 5d, C 8d, B 10d after creation.
        #expect(funnel.stages[0].timeToWon == FunnelDurationStats(samples: 3, median: 8 * d, p90: 10 * d))
        #expect(funnel.stages[1].timeToWon == FunnelDurationStats(samples: 3, median: 8 * d - 3 * h, p90: 10 * d - 2 * h))
        #expect(funnel.stages[2].timeToWon == FunnelDurationStats(samples: 3, median: 4 * d, p90: 8 * d))
        #expect(funnel.stages[3].timeToWon == FunnelDurationStats(samples: 3, median: 4 * d, p90: 6 * d))
        #expect(funnel.stages[4].timeToWon == FunnelDurationStats(samples: 3, median: 4 * d, p90: 4 * d))
        #expect(funnel.stages[5].timeToWon == nil)
    }

    @Test func stagesAreLookedUpByName() {
        #expect(funnel.stage(.meeting)?.count == 3)
        #expect(funnel.stage(.lost) == nil)
    }

    @Test func noBreakdownUnlessAsked() {
        #expect(funnel.breakdown.isEmpty)
    }

    @Test func emptyInputHasCountsButNoRatios() {
        let empty = FunnelAnalyzer.analyze([FunnelLead](), query: FunnelQuery(breakdown: .source), now: FunnelExample.now)
        #expect(empty.leadCount == 0 && empty.lost == 0 && empty.wonRevenue == 0)
        #expect(empty.stages.map(\.count) == [0, 0, 0, 0, 0, 0])
        #expect(empty.stages.allSatisfy {
            $0.stepConversion == nil && $0.overallConversion == nil && $0.dropOffRate == nil
                && $0.timeToNext == nil && $0.timeToWon == nil && $0.stalledBySource.isEmpty
        })
        #expect(empty.breakdown.isEmpty)
    }

    @Test func aStageNobodyReachedHasZeroConversionAndNoRatioAfterIt() {
        let leads = [funnelLead("web", created: FunnelExample.now - 1, (.contacted, FunnelExample.now))]
        let f = FunnelAnalyzer.analyze(leads, query: FunnelQuery(), now: FunnelExample.now)
        #expect(f.stages.map(\.stepConversion) == [nil, 1, 0, nil, nil, nil])
        #expect(f.stages.map(\.overallConversion) == [1, 1, 0, 0, 0, 0])
        #expect(f.stages.map(\.dropOffRate) == [0, 1, nil, nil, nil, nil])
    }
}

/// A lead built through `FunnelLead.apply`, as the engine builds it; `revenue` goes with `won`.
func funnelLead(_ source: String, tenant: String = "acme", created: EpochMillis, _ steps: (Stage, EpochMillis)...,
                revenue: Double = 0) -> FunnelLead {
    var lead = FunnelLead(tenant: tenant, source: source, created: created)
    for (stage, time) in steps { lead.apply(stage: stage, at: time, revenue: stage == .won ? revenue : 0) }
    return lead
}

/// docs/funnel.md's worked example. `now` is 40 days into the test calendar; most leads are
/// created at `c`, 20 days before it.
///
/// | lead | source, tenant | timeline after creation | ends |
/// | --- | --- | --- | --- |
/// | A | whatsapp, acme | contacted 1h, qualified 1d, meeting 2d, proposal 3d, won 5d ($1,000) | won |
/// | B | whatsapp, acme | contacted 2h, qualified 2d, meeting 4d, proposal 6d, won 10d ($3,000) | won |
/// | C | website, acme | contacted 3h, proposal 4d (a jump), won 8d ($500) | won |
/// | D | website, acme | contacted 4h, qualified 3d, lost 5d | lost at qualified |
/// | E | website, acme | contacted 5h | stalled at contacted |
/// | F | referral, acme | lost 1d | lost at lead_created |
/// | G | unknown, initech | first seen as `qualified` at c + 1d | stalled at qualified |
/// | H | whatsapp, globex | created 2 days ago, contacted 1 day ago | in progress |
/// | I | website, acme | created 31 days ago, contacted | outside the period |
enum FunnelExample {
    static let now = TestTime.start + TestTime.days(40)
    static let c = now - TestTime.days(20)
    static let h = TestTime.hours(1)
    static let d = TestTime.days(1)

    static let leads: [FunnelLead] = [
        funnelLead("whatsapp", created: c, (.contacted, c + h), (.qualified, c + d), (.meeting, c + 2 * d),
                   (.proposal, c + 3 * d), (.won, c + 5 * d), revenue: 1_000),
        funnelLead("whatsapp", created: c, (.contacted, c + 2 * h), (.qualified, c + 2 * d), (.meeting, c + 4 * d),
                   (.proposal, c + 6 * d), (.won, c + 10 * d), revenue: 3_000),
        funnelLead("website", created: c, (.contacted, c + 3 * h), (.proposal, c + 4 * d), (.won, c + 8 * d), revenue: 500),
        funnelLead("website", created: c, (.contacted, c + 4 * h), (.qualified, c + 3 * d), (.lost, c + 5 * d)),
        funnelLead("website", created: c, (.contacted, c + 5 * h)),
        funnelLead("referral", created: c, (.lost, c + d)),
        FunnelLead.firstSeen(tenant: "initech", stage: .qualified, at: c + d),
        funnelLead("whatsapp", tenant: "globex", created: now - 2 * d, (.contacted, now - d)),
        funnelLead("website", created: now - 31 * d, (.contacted, now - 30 * d)),
    ]
}
