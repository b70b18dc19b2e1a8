import FlowCore
import FlowTestKit
import Testing

/// SLO windows, burn rates and tiers as the engine computes them from events.
@Suite struct SLOWindowTests {
    /// Traffic with `earlyBad` failures over the first 55 minutes of the hour before
    /// `windowEnd` and `lateBad` failures over its last 5 minutes.
    func hour(earlyGood: Int, earlyBad: Int, lateGood: Int, lateBad: Int) -> [Event] {
        EventBuilder.aiRequests(good: earlyGood, bad: earlyBad, from: windowEnd - TestTime.minutes(60),
                                until: windowEnd - TestTime.minutes(5))
            + EventBuilder.aiRequests(good: lateGood, bad: lateBad, from: windowEnd - TestTime.minutes(5),
                                      until: windowEnd)
    }

    @Test func workbookFastBurnPages() throws {
        // 1.5% errors over the hour (burn 15), 2% over the last 5 minutes (burn 20).
        var engine = Engine()
        engine.feed(hour(earlyGood: 887, earlyBad: 13, lateGood: 98, lateBad: 2))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))   // tiers judge whole minutes
        let burns = try engine.status(requestSLO, at: windowEnd).burnRates     // (windowEnd - w, windowEnd]
        #expect(approx(burns[.h1], 15))
        #expect(approx(burns[.m5], 20))
        #expect(status.firing(.h1))
        #expect(status.worstFiring == .page)
    }

    @Test func workbookFastBurnWithQuietShortWindowDoesNotPage() throws {
        // Same 1.5% over the hour, but only 0.5% over the last 5 minutes (burn 5).
        var engine = Engine()
        engine.feed(hour(earlyGood: 786, earlyBad: 14, lateGood: 199, lateBad: 1))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))   // tiers judge whole minutes
        let burns = try engine.status(requestSLO, at: windowEnd).burnRates     // (windowEnd - w, windowEnd]
        #expect(approx(burns[.h1], 15))
        #expect(approx(burns[.m5], 5))
        #expect(!status.firing(.h1))
    }

    @Test func burnExactlyAtFactorDoesNotFireButOneMoreBadDoes() throws {
        var atThreshold = Engine()
        atThreshold.feed(hour(earlyGood: 9_000, earlyBad: 0, lateGood: 856, lateBad: 144))
        let quiet = try atThreshold.status(requestSLO, at: justBefore(windowEnd))
        #expect(approx(quiet.burnRates[.h1], 14.4))
        #expect(!quiet.firing(.h1))

        var over = Engine()
        over.feed(hour(earlyGood: 9_000, earlyBad: 0, lateGood: 855, lateBad: 145))
        let firing = try over.status(requestSLO, at: justBefore(windowEnd))
        #expect(firing.firing(.h1))
    }

    @Test func burnRatesAreTrafficWeightedNotAveraged() throws {
        // Minute A: 1 bad of 1 (100%); minute B: 0 bad of 999. Weighted: 1/1000 = burn 1.
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.minutes(3))]
                    + EventBuilder.aiRequests(good: 999, bad: 0, from: windowEnd - TestTime.minutes(2),
                                              until: windowEnd - TestTime.minutes(1)))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(approx(status.burnRates[.m5], 1))
        #expect(status.burnRates[.m5] != nil && status.good == 999 && status.total == 1_000)
    }

    @Test func emptyWindowsHaveNoBurnRate() throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(at: windowEnd - TestTime.hours(3))])
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.burnRates[.m5] == nil)
        #expect(status.burnRates[.h1] == nil)
        #expect(status.burnRates[.h6] == 0)
        #expect(status.timeToExhaustionSeconds == nil)
    }

    @Test func noDataMeansNoSLIAndNoBudget() throws {
        var engine = Engine()
        let status = try engine.status(requestSLO, at: windowEnd)
        #expect(status.sli == nil && status.errorBudgetRemaining == nil && status.total == 0)
        #expect(status.burnRates.isEmpty)
        #expect(status.sliSparkline.count == 60 && status.burnSparkline.count == 60)
    }

    @Test func budgetRemainingIsSixtyPercentAfter400BadInAMillion() throws {
        var engine = Engine()
        let events = EventBuilder.aiRequests(good: 999_600, bad: 400, from: windowEnd - TestTime.days(20),
                                             until: windowEnd - TestTime.days(1))
        engine.feed(events)
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.total == 1_000_000)
        #expect(approx(status.errorBudgetRemaining, 0.6))
        #expect(approx(status.sli, 0.9996))
    }

    @Test func exhaustionIsRemainingBudgetOverOneHourBurn() throws {
        // 99,000 good long ago, then the last hour at burn 1 (1 bad in 1,000): 99% of the
        // budget left, spent in 99% of 30 days at burn 1.
        var engine = Engine()
        engine.feed(EventBuilder.aiRequests(good: 99_000, bad: 0, from: windowEnd - TestTime.days(29),
                                            until: windowEnd - TestTime.days(28))
                    + EventBuilder.aiRequests(good: 999, bad: 1, from: windowEnd - TestTime.minutes(60),
                                              until: windowEnd))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(approx(status.burnRates[.h1], 1))
        #expect(approx(status.errorBudgetRemaining, 0.99))
        #expect(approx(status.timeToExhaustionSeconds, 0.99 * 30 * 86_400, tolerance: 1e-6))
    }

    @Test func sparklinesHoldTheLastSixtyMinutesOldestFirst() throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.minutes(1)),
                     EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(1)),
                     EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(60))])
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.sliSparkline.count == 60)
        #expect(status.sliSparkline.first == 1.0)
        #expect(status.sliSparkline.last == 0.5)
        #expect(approx(status.burnSparkline.last ?? nil, 500))
        #expect(status.sliSparkline[30] == nil)
    }

    @Test func latencySLOsJudgeByThreshold() throws {
        var engine = Engine()
        let t = windowEnd - TestTime.minutes(1)
        engine.feed([EventBuilder.aiLatency(2_000, at: t), EventBuilder.aiLatency(2_001, at: t),
                     EventBuilder.messageProcessing(500, at: t), EventBuilder.messageProcessing(10, success: false, at: t),
                     EventBuilder.messageProcessing(501, at: t)])
        let ai = try engine.status("ai_response_latency", at: justBefore(windowEnd))
        let message = try engine.status("message_processing_latency", at: justBefore(windowEnd))
        #expect(ai.good == 1 && ai.total == 2)
        #expect(message.good == 1 && message.total == 3)
    }

    @Test func customSLOCountsSLIEvents() throws {
        let custom = SLODefinition(name: "checkout", kind: .custom(thresholdMs: 300), objective: 0.99)
        var engine = Engine(configuration: EngineConfiguration(slos: SLODefinition.builtIn + [custom]))
        #expect(engine.sloNames.contains("checkout"))
        let t = windowEnd - TestTime.minutes(1)
        engine.feed([EventBuilder.sli("checkout", good: true, at: t), EventBuilder.sli("checkout", good: false, at: t),
                     EventBuilder.sli("checkout", latencyMs: 120, at: t), EventBuilder.sli("checkout", latencyMs: 301, at: t),
                     EventBuilder.sli("nope", good: true, at: t)])
        let status = try engine.status("checkout", at: justBefore(windowEnd))
        #expect(status.good == 2 && status.total == 4)
    }
}

/// `sortBurn` and `worstFiring`, which the "worst first" sorts call in every comparison.
@Suite struct SLOStatusOrderKeysTests {
    func status(_ burns: [BurnWindow: Double]) -> SLOStatus {
        SLOStatus(name: "s", objective: 0.99, sli: nil, good: 0, total: 0, errorBudgetRemaining: nil,
                  burnRates: burns, alerts: [], timeToExhaustionSeconds: nil, sliSparkline: [], burnSparkline: [])
    }

    @Test func sortBurnIsTheHighestOfTheHourSixHoursAndDay() {
        #expect(status([:]).sortBurn == nil)
        #expect(status([.m5: 50, .d3: 40]).sortBurn == nil, "only 1h, 6h and 1d count")
        #expect(status([.h6: 2.5]).sortBurn == 2.5)
        #expect(status([.h1: 1, .h6: 7, .d1: 3]).sortBurn == 7)
        #expect(status([.h1: 9, .d1: 3]).sortBurn == 9)
        #expect(status([.h1: 1, .h6: 2, .d1: 30, .m5: 99]).sortBurn == 30)
    }
}
