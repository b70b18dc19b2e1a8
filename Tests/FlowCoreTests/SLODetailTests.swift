import FlowCore
import FlowTestKit
import Testing

/// One SLO in depth (`SnapshotQuery.detail`): history chart, budget burn-down, the
/// breakdown per tenant and model, the SLO's alerts, and the series cap.
@Suite struct SLODetailTests {
    /// Half a minute into the minute at `windowEnd`.
    let now = windowEnd + TestTime.seconds(30)

    func detail(_ engine: inout Engine, slo: String = requestSLO, series: SLOSeriesID = .total,
                range: SLOHistoryRange = .h6, at time: EpochMillis? = nil) throws -> SLODetail {
        let query = SnapshotQuery(detail: SLODetailQuery(slo: slo, series: series, range: range))
        return try #require(engine.snapshot(query, now: time ?? now).detail)
    }

    @Test func anUnknownSLOOrNoDetailQueryGivesNoDetail() {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(at: now)])
        #expect(engine.snapshot(SnapshotQuery(detail: SLODetailQuery(slo: "nope")), now: now).detail == nil)
        #expect(engine.snapshot(SnapshotQuery(), now: now).detail == nil)
    }

    // MARK: History

    @Test(arguments: [(SLOHistoryRange.h1, 60, TestTime.minutes(1)), (.h6, 360, TestTime.minutes(1)),
                      (.d1, 96, TestTime.minutes(15)), (.d3, 288, TestTime.minutes(15)), (.d30, 720, TestTime.hours(1))])
    func historyHasOnePointPerBucketTheLastHoldingNow(range: SLOHistoryRange, points: Int, bucket: EpochMillis) throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(at: now - 1)])
        let history = try detail(&engine, range: range).history
        #expect(range.pointCount == points && range.bucketMillis == bucket)
        #expect(history.bucketMillis == bucket)
        #expect(history.counts.count == points && history.sli.count == points && history.burn.count == points)
        #expect(history.start % bucket == 0, "buckets start on multiples of their size")
        let lastStart = history.start + EpochMillis(points - 1) * bucket
        #expect(lastStart <= now && now < lastStart + bucket)
        #expect(history.counts.last == SLICounts(good: 1, total: 1))
    }

    @Test func historyPointsAreTrafficWeightedPerBucketAndNilWhenQuiet() throws {
        let t = windowEnd - TestTime.minutes(10)
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.minutes(60))]   // one bucket too old
                    + EventBuilder.aiRequests(good: 3, bad: 1, from: t, until: t + TestTime.seconds(40))
                    + [EventBuilder.aiRequest(at: now - 1)])
        let history = try detail(&engine, range: .h1).history
        #expect(history.start == windowEnd - TestTime.minutes(59))
        #expect(history.counts.reduce(.zero, +) == SLICounts(good: 4, total: 5))
        #expect(history.counts[49] == SLICounts(good: 3, total: 4))
        #expect(history.sli[49] == 0.75)
        #expect(approx(history.burn[49], 250))
        #expect(history.sli[59] == 1 && history.burn[59] == 0)
        #expect(history.sli[48] == nil && history.burn[48] == nil)
        #expect(history.sli.compactMap { $0 }.count == 2)
    }

    @Test func quarterHourBucketsSplitExactlyAtTheirBoundaries() throws {
        let quarter = TestTime.minutes(15)
        let boundary = (windowEnd - TestTime.minutes(40)) / quarter * quarter
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: false, at: boundary - 1), EventBuilder.aiRequest(at: boundary),
                     EventBuilder.aiRequest(at: boundary + quarter - 1)])
        let history = try detail(&engine, range: .d1).history
        let i = Int((boundary - history.start) / history.bucketMillis)
        #expect(history.counts[i - 1] == SLICounts(good: 0, total: 1))
        #expect(history.counts[i] == SLICounts(good: 2, total: 2))
    }

    @Test func thirtyDayHistoryIsHourlyAndReachesBackThirtyDays() throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.days(29) + TestTime.minutes(5)),
                     EventBuilder.aiRequest(at: now - 1)])
        let history = try detail(&engine, range: .d30).history
        let i = Int((windowEnd - TestTime.days(29) - history.start) / TestTime.hours(1))
        #expect(history.counts[i] == SLICounts(good: 0, total: 1))
        #expect(approx(history.burn[i], 1_000))
        #expect(history.counts.reduce(.zero, +) == SLICounts(good: 1, total: 2))
    }

    // MARK: Burn-down

    @Test func burnDownStartsNearFullFallsStepwiseAndEndsAtTheBudgetLeft() throws {
        // 20 days ago 10,000 good; 10 days ago 3 failures; 1 day ago 2 more.
        var engine = Engine()
        engine.feed(EventBuilder.aiRequests(good: 10_000, bad: 0, from: windowEnd - TestTime.days(20),
                                            until: windowEnd - TestTime.days(20) + TestTime.minutes(30))
                    + EventBuilder.aiRequests(good: 0, bad: 3, from: windowEnd - TestTime.days(10),
                                              until: windowEnd - TestTime.days(10) + TestTime.minutes(1))
                    + EventBuilder.aiRequests(good: 0, bad: 2, from: windowEnd - TestTime.days(1),
                                              until: windowEnd - TestTime.days(1) + TestTime.minutes(1)))
        let d = try detail(&engine)
        let burnDown = d.burnDown
        #expect(burnDown.stepMillis == TestTime.hours(1))
        #expect(burnDown.remaining.count == 720)
        #expect(burnDown.start == windowEnd - TestTime.hours(719))
        let values = burnDown.remaining.compactMap { $0 }
        // The first event is in the hour 20 days (480 hours) before the current one, the last.
        #expect(burnDown.remaining.prefix { $0 == nil }.count == 719 - 20 * 24, "no point before the first event")
        #expect(values.count == 20 * 24 + 1)
        #expect(values.first == 1)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        // 10,005 events: each failure spends 1 / 10.005 of the budget.
        #expect(Set(values.map { ($0 * 10_005).rounded() }) == [10_005, 7_005, 5_005])
        #expect(values.last == d.status.errorBudgetRemaining)
    }

    @Test func burnDownOfALongWindowStepsEverySixHours() throws {
        let slo = SLODefinition(name: requestSLO, kind: .aiRequestSuccess, objective: 0.999, window: .rolling(days: 90))
        var engine = Engine(configuration: EngineConfiguration(slos: [slo]))
        engine.feed([EventBuilder.aiRequest(at: windowEnd - TestTime.days(60)), EventBuilder.aiRequest(at: now - 1)])
        let burnDown = try detail(&engine).burnDown
        #expect(burnDown.stepMillis == TestTime.hours(6))
        #expect(burnDown.remaining.count == 90 * 4)
        #expect(burnDown.remaining.last == 1)
    }

    @Test func calendarMonthBurnDownStartsOnTheFirst() throws {
        let slo = SLODefinition(name: requestSLO, kind: .aiRequestSuccess, objective: 0.999, window: .calendarMonth)
        var engine = Engine(configuration: EngineConfiguration(slos: [slo]))
        let december = TestTime.start + TestTime.days(1)
        let t = december + TestTime.days(2) + TestTime.minutes(90)   // December 3rd, 01:30
        engine.feed([EventBuilder.aiRequest(at: december + TestTime.minutes(5)), EventBuilder.aiRequest(at: t)])
        let burnDown = try detail(&engine, at: t).burnDown
        #expect(burnDown.start == december)
        #expect(burnDown.remaining.count == 2 * 24 + 2)
        #expect(burnDown.remaining.first == 1)
    }

    // MARK: Breakdown and alerts

    /// acme and globex on gpt-4o and claude; acme's gpt-4o calls all fail.
    func twoTenantsTwoModels() -> [Event] {
        let t = windowEnd - TestTime.minutes(2)
        return (0..<20).flatMap { i in
            [EventBuilder.aiRequest(success: false, model: "gpt-4o", tenant: "acme", at: t),
             EventBuilder.aiRequest(model: "claude", tenant: "acme", at: t),
             EventBuilder.aiRequest(model: "gpt-4o", tenant: "globex", at: t),
             EventBuilder.aiRequest(model: "claude", tenant: "globex", at: t + Int64(i))]
        }
    }

    @Test func breakdownHasARowForEveryTenantAndModelSeries() throws {
        var engine = Engine()
        engine.feed(twoTenantsTwoModels())
        let rows = try detail(&engine).breakdown
        let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.series, SLICounts(good: $0.good, total: $0.total)) })
        #expect(counts == [.tenant("acme"): SLICounts(good: 20, total: 40), .tenant("globex"): SLICounts(good: 40, total: 40),
                           .model("gpt-4o"): SLICounts(good: 20, total: 40), .model("claude"): SLICounts(good: 40, total: 40)])
        #expect(rows.allSatisfy { $0.name == requestSLO && $0.sliSparkline.isEmpty && $0.burnSparkline.isEmpty })
    }

    @Test func breakdownOfAnSLONotTrackedPerModelHasOnlyTenants() throws {
        var engine = Engine()
        engine.feed([EventBuilder.messageProcessing(10, tenant: "acme", at: now - 1),
                     EventBuilder.messageProcessing(10, tenant: "globex", at: now - 1)])
        let rows = try detail(&engine, slo: "message_processing_latency").breakdown
        #expect(Set(rows.map(\.series)) == [.tenant("acme"), .tenant("globex")])
    }

    @Test(arguments: [SLOSeriesID.tenant("acme"), .model("gpt-4o"), .tenant("nobody")])
    func detailOfOneSeriesCountsOnlyThatSeries(series: SLOSeriesID) throws {
        var engine = Engine()
        engine.feed(twoTenantsTwoModels())
        let d = try detail(&engine, series: series, range: .h1)
        let expected = series == .tenant("nobody") ? SLICounts() : SLICounts(good: 20, total: 40)
        #expect(d.status.series == series)
        #expect(SLICounts(good: d.status.good, total: d.status.total) == expected)
        #expect(d.history.counts.reduce(.zero, +) == expected)
        #expect(d.breakdown.count == 4, "the breakdown always lists every series")
    }

    @Test func detailListsTheAlertsOfItsSLOOnly() throws {
        var engine = Engine()
        engine.feed(twoTenantsTwoModels()
                    + (0..<50).map { _ in EventBuilder.messageProcessing(10, success: false, at: windowEnd - TestTime.minutes(2)) })
        let snapshot = engine.snapshot(SnapshotQuery(detail: SLODetailQuery(slo: requestSLO)), now: now)
        let d = try #require(snapshot.detail)
        #expect(snapshot.alerts.contains { $0.slo == "message_processing_latency" })
        #expect(!d.alerts.isEmpty)
        #expect(d.alerts == snapshot.alerts.filter { $0.slo == requestSLO })
        #expect(d.alerts.contains { $0.series == .model("gpt-4o") } && d.alerts.contains { $0.series == .tenant("acme") })
    }

    // MARK: Series cap

    @Test func modelsPastTheCapFoldIntoOtherAndCountAsOverflow() throws {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 2))
        let t = now - 1
        engine.feed(["m1", "m2", "m3", "m4", "m3"].map { EventBuilder.aiRequest(model: $0, at: t) })
        let d = try detail(&engine)
        #expect(d.seriesCap == 2)
        let models = d.breakdown.filter { if case .model = $0.series { true } else { false } }
        #expect(Dictionary(uniqueKeysWithValues: models.map { ($0.series, $0.total) })
                == [.model("m1"): 1, .model("m2"): 1, .model("other"): 3])
        #expect(d.overflowEvents == 3)
    }

    @Test func tenantsPastTheCapFoldIntoOtherAndEveryFoldedEventCountsAsOverflow() throws {
        // message_processing_latency has no model series, so only tenants can overflow.
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 2))
        engine.feed(["a", "b", "c", "d", "e", "c"].map { EventBuilder.messageProcessing(10, tenant: $0, at: now - 1) })
        let d = try detail(&engine, slo: "message_processing_latency")
        #expect(Dictionary(uniqueKeysWithValues: d.breakdown.map { ($0.series, $0.total) })
                == [.tenant("a"): 1, .tenant("b"): 1, .tenant("other"): 4])
        #expect(d.overflowEvents == 4, "c, d, e and c again were folded into tenant:other")
    }
}
