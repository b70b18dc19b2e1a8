import FlowCore
import FlowTestKit
import Testing

/// `FunnelLead.apply`: the one definition of jumps, repeats, out-of-order events, lost and
/// won that the engine and the analysis share.
@Suite struct FunnelAnalysisLeadRecordTests {
    let t = TestTime.start

    @Test func aNewLeadHasReachedOnlyCreation() {
        let lead = FunnelLead(tenant: "acme", source: "whatsapp", created: t)
        #expect(lead.reached == [t, nil, nil, nil, nil, nil])
        #expect(lead.lostAt == nil && lead.wonRevenue == 0)
    }

    @Test func aJumpPassesTheSkippedStagesAtTheJumpTime() {
        let lead = funnelLead("web", created: t, (.contacted, t + 10), (.meeting, t + 50))
        #expect(lead.reached == [t, t + 10, t + 50, t + 50, nil, nil])
    }

    @Test func aRepeatedStageKeepsItsFirstTime() {
        let lead = funnelLead("web", created: t, (.contacted, t + 10), (.contacted, t + 20), (.qualified, t + 30),
                              (.contacted, t + 40))
        #expect(lead.reached == [t, t + 10, t + 30, nil, nil, nil])
    }

    @Test func aLateEventForAnEarlierStageWithAnEarlierTimeMovesThatStageBack() {
        // qualified at 10:00 arrives first, then contacted stamped 09:00.
        let lead = funnelLead("web", created: t, (.qualified, t + TestTime.hours(10)), (.contacted, t + TestTime.hours(9)))
        #expect(lead.reached == [t, t + TestTime.hours(9), t + TestTime.hours(10), nil, nil, nil])
    }

    @Test func aLateEventForAnEarlierStageWithALaterTimeChangesNothing() {
        let lead = funnelLead("web", created: t, (.qualified, t + TestTime.hours(10)), (.contacted, t + TestTime.hours(11)))
        #expect(lead.reached == [t, t + TestTime.hours(10), t + TestTime.hours(10), nil, nil, nil])
    }

    @Test func aStageBeforeTheCreationTimeMovesCreationBack() {
        let lead = funnelLead("web", created: t, (.contacted, t - 5))
        #expect(lead.created == t - 5)
        #expect(lead.reached == [t - 5, t - 5, nil, nil, nil, nil])
    }

    @Test func aStageForAnUnknownLeadCreatesItWithSourceUnknown() {
        let lead = FunnelLead.firstSeen(tenant: "acme", stage: .qualified, at: t)
        #expect(lead.source == "unknown" && lead.source == FunnelLead.unknownSource)
        #expect(lead.tenant == "acme" && lead.created == t)
        #expect(lead.reached == [t, t, t, nil, nil, nil])
    }

    @Test func aLaterLeadCreatedNamesTheUnknownSourceAndMayMoveCreationBack() {
        var lead = FunnelLead.firstSeen(tenant: "acme", stage: .contacted, at: t)
        lead.applyCreated(source: "whatsapp", at: t - 100)
        #expect(lead.source == "whatsapp")
        #expect(lead.reached == [t - 100, t, nil, nil, nil, nil])
        lead.applyCreated(source: "email", at: t + 100)
        #expect(lead.source == "whatsapp" && lead.created == t - 100)
    }

    @Test func lostKeepsTheLatestLostTime() {
        let lead = funnelLead("web", created: t, (.lost, t + 20), (.lost, t + 10), (.lost, t + 30))
        #expect(lead.lostAt == t + 30)
        #expect(lead.reached == [t, nil, nil, nil, nil, nil])
    }

    @Test func wonRevenueComesFromTheEarliestWon() {
        var lead = funnelLead("web", created: t, (.won, t + 20), revenue: 100)
        lead.apply(stage: .won, at: t + 30, revenue: 999)   // a repeat: ignored
        #expect(lead.wonRevenue == 100)
        lead.apply(stage: .won, at: t + 10, revenue: 50)    // earlier, arriving late: replaces
        #expect(lead.wonRevenue == 50 && lead.reached[5] == t + 10)
        lead.apply(stage: .won, at: t + 10, revenue: 70)    // same millisecond: the larger
        lead.apply(stage: .won, at: t + 10, revenue: 60)
        #expect(lead.wonRevenue == 70)
    }

    @Test func revenueOnOtherStagesIsIgnored() {
        let lead = FunnelLead(tenant: "acme", source: "web", created: t)
        var copy = lead
        copy.apply(stage: .proposal, at: t + 1, revenue: 500)
        #expect(copy.wonRevenue == 0)
    }

    @Test func storedValuesAreNormalisedToSixStagesFromCreation() {
        let short = FunnelLead(tenant: "a", source: "s", created: t, reached: [t + 9, t + 1])
        #expect(short.reached == [t, t + 1, nil, nil, nil, nil])
        let long = FunnelLead(tenant: "a", source: "s", created: t, reached: Array(repeating: t, count: 9))
        #expect(long.reached.count == 6)
    }

    @Test func theRecordDoesNotDependOnArrivalOrder() {
        var rng = SeededGenerator(seed: 7)
        let stages: [Stage] = [.contacted, .qualified, .meeting, .proposal, .won, .lost]
        for _ in 0..<200 {
            let created = t + Int64.random(in: 0..<100, using: &rng)
            let events = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                (stage: stages.randomElement(using: &rng) ?? .lost, time: t + Int64.random(in: 0..<100, using: &rng),
                 revenue: Double(Int.random(in: 0...3, using: &rng)) * 100)
            }
            func build(_ order: [(stage: Stage, time: EpochMillis, revenue: Double)]) -> FunnelLead {
                var lead = FunnelLead(tenant: "acme", source: "web", created: created)
                for e in order { lead.apply(stage: e.stage, at: e.time, revenue: e.revenue) }
                return lead
            }
            let expected = build(events)
            #expect(build(events.reversed()) == expected)
            #expect(build(events.shuffled(using: &rng)) == expected)
        }
    }
}
