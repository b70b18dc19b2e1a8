@testable import FlowCore
import FlowTestKit
import Testing

/// What the engine's attribution snapshot carries beyond the chosen model's rows: every
/// channel under every model, ROAS and touches per conversion, feature impact, AI ROI per
/// model and tenant, the top converting paths, and AI spend limited to the period.
@Suite struct AttributionInsightsTests {
    let t = windowEnd
    let day = TestTime.days(1)

    /// acme L1: ads (cost 10), whatsapp (AI, feature ai_reply, cost 2), won 300.
    /// acme L2: ads (cost 10), lost (never won).
    /// globex L3: email (cost 1), whatsapp (AI, ai_reply), won 100.
    /// AI requests: acme 6, globex 2.
    var events: [Event] {
        [EventBuilder.leadCreated("L1", tenant: "acme", at: t),
         EventBuilder.touch("L1", channel: "ads", cost: 10, tenant: "acme", at: t + 1),
         EventBuilder.touch("L1", channel: "whatsapp", cost: 2, aiAssisted: true, feature: "ai_reply", tenant: "acme",
                            at: t + 2),
         EventBuilder.stage("L1", .won, revenue: 300, tenant: "acme", at: t + 3),
         EventBuilder.leadCreated("L2", tenant: "acme", at: t),
         EventBuilder.touch("L2", channel: "ads", cost: 10, tenant: "acme", at: t + 1),
         EventBuilder.stage("L2", .lost, tenant: "acme", at: t + 5),
         EventBuilder.leadCreated("L3", tenant: "globex", at: t),
         EventBuilder.touch("L3", channel: "email", cost: 1, tenant: "globex", at: t + 1),
         EventBuilder.touch("L3", channel: "whatsapp", aiAssisted: true, feature: "ai_reply", tenant: "globex",
                            at: t + 2),
         EventBuilder.stage("L3", .won, revenue: 100, tenant: "globex", at: t + 3),
         EventBuilder.aiRequest(cost: 6, tenant: "acme", at: t),
         EventBuilder.aiRequest(cost: 2, tenant: "globex", at: t)]
    }

    func snapshot(_ model: AttributionModel, tenant: String? = nil, events: [Event]? = nil,
                  now: EpochMillis? = nil, periodDays: Int = 30) -> AttributionSnapshot {
        var engine = Engine()
        engine.feed(events ?? self.events)
        return engine.snapshot(SnapshotQuery(tenant: tenant, model: model, attributionPeriodDays: periodDays),
                               now: now ?? t + TestTime.hours(1)).attribution
    }

    @Test func comparisonHoldsEveryModelAndMatchesEachModelsRows() {
        let base = snapshot(.linear)
        #expect(base.comparison.map(\.channel) == base.rows.map(\.channel))
        for model in AttributionModel.allCases {
            let rows = snapshot(model).rows
            for row in rows {
                let c = base.comparison(of: row.channel)
                #expect(approx(c?.revenue[model], row.revenue), "\(model) \(row.channel)")
                #expect(approx(c?.conversions[model], row.conversions), "\(model) \(row.channel)")
            }
            #expect(approx(rows.reduce(0) { $0 + $1.revenue }, 400), "\(model)")
        }
        // By hand: first touch gives ads 300, email 100; last touch whatsapp 400.
        #expect(approx(base.comparison(of: "ads")?.revenue[.firstTouch], 300))
        #expect(approx(base.comparison(of: "email")?.revenue[.firstTouch], 100))
        #expect(approx(base.comparison(of: "whatsapp")?.revenue[.lastTouch], 400))
        // Shapley over distinct channels: L1 splits 150/150, L3 50/50.
        #expect(approx(base.comparison(of: "whatsapp")?.revenue[.shapley], 200))
    }

    @Test func costRoasAndTouchesPerConversionByHand() throws {
        // AI spend 8 split by AI-assisted touches: both on whatsapp.
        let a = snapshot(.linear)
        #expect(approx(a.aiSpend, 8))
        let ads = try #require(a.rows.first { $0.channel == "ads" })
        #expect(ads.touches == 2 && approx(ads.cost, 20))
        #expect(approx(ads.revenue, 150) && approx(ads.conversions, 0.5))
        #expect(approx(ads.roas, 7.5))
        #expect(approx(ads.touchesPerConversion, 4))
        let whatsapp = try #require(a.rows.first { $0.channel == "whatsapp" })
        #expect(approx(whatsapp.cost, 2 + 8))
        #expect(approx(whatsapp.revenue, 200) && approx(whatsapp.roas, 20) && approx(whatsapp.roi, 19))
        let email = try #require(a.rows.first { $0.channel == "email" })
        #expect(approx(email.roas, 50) && approx(email.touchesPerConversion, 2))
        #expect(a.paths == 3 && a.conversions == 2)
    }

    @Test func featureImpactAndAIROIComeWithTheSnapshot() throws {
        let a = snapshot(.linear)
        let reply = try #require(a.features.first)
        #expect(reply.feature == "ai_reply")
        #expect(reply.leadsTouched == 2 && reply.conversionsTouched == 2 && reply.leadsNotTouched == 1)
        #expect(approx(reply.conversionRateTouched, 1) && approx(reply.conversionRateNotTouched, 0))
        #expect(approx(reply.attributedRevenue, 200))
        // AI: requests 8 + AI touch cost 2 = 10; linear credits the AI touches 150 + 50.
        #expect(approx(a.aiROI.aiSpend, 10) && approx(a.aiROI.attributedRevenue, 200))
        #expect(a.aiROI.wonDealsWithAI == 2 && approx(a.aiROI.costPerWonDeal, 5))
        #expect(a.aiROIByModel.map(\.model) == AttributionModel.allCases)
        #expect(approx(a.aiROIByModel.first { $0.model == .firstTouch }?.attributedRevenue, 0))
        #expect(approx(a.aiROIByModel.first { $0.model == .lastTouch }?.attributedRevenue, 400))
        #expect(a.aiROIByTenant.map(\.tenant) == ["acme", "globex"])
        let acme = try #require(a.aiROIByTenant.first)
        #expect(approx(acme.summary.aiRequestSpend, 6) && approx(acme.summary.aiTouchCost, 2))
        #expect(approx(acme.summary.attributedRevenue, 150) && acme.summary.wonDealsWithAI == 1)
        let globex = a.aiROIByTenant[1].summary
        #expect(approx(globex.aiSpend, 2) && approx(globex.attributedRevenue, 50))
    }

    @Test func aTenantFilterScopesAIROIAndSpend() {
        let a = snapshot(.linear, tenant: "globex")
        #expect(approx(a.aiSpend, 2))
        #expect(a.aiROIByTenant.map(\.tenant) == ["globex"])
        #expect(a.rows.map(\.channel).sorted() == ["email", "whatsapp"])
    }

    @Test func topPathsCollapseRepeatsAndListPerChannel() {
        var events = self.events
        // L4 (acme): ads, ads, whatsapp, won 50: the same shape as L1 once collapsed.
        events += [EventBuilder.leadCreated("L4", tenant: "acme", at: t),
                   EventBuilder.touch("L4", channel: "ads", tenant: "acme", at: t + 1),
                   EventBuilder.touch("L4", channel: "ads", tenant: "acme", at: t + 2),
                   EventBuilder.touch("L4", channel: "whatsapp", tenant: "acme", at: t + 3),
                   EventBuilder.stage("L4", .won, revenue: 50, tenant: "acme", at: t + 4)]
        let top = snapshot(.linear, events: events).topPaths
        #expect(top.overall == [ConversionPath(channels: ["ads", "whatsapp"], conversions: 2, revenue: 350),
                                ConversionPath(channels: ["email", "whatsapp"], conversions: 1, revenue: 100)])
        #expect(top.byChannel["email"]?.map(\.label) == ["email > whatsapp"])
        #expect(top.byChannel["whatsapp"]?.count == 2)
        #expect(top.byChannel["ads"]?.first?.label == "ads > whatsapp")
    }

    @Test func aiSpendCountsOnlyThePeriodsDays() {
        let now = t + 40 * day
        let events = self.events + [EventBuilder.aiRequest(cost: 5, tenant: "acme", at: t + 35 * day)]
        #expect(approx(snapshot(.linear, events: events, now: now, periodDays: 30).aiSpend, 5))
        #expect(approx(snapshot(.linear, events: events, now: now, periodDays: 90).aiSpend, 13))
    }

    @Test func theModelIndependentPartIsReusedWhileFresh() {
        var configuration = EngineConfiguration()
        configuration.analysisRefreshMillis = 1000
        var engine = Engine(configuration: configuration)
        engine.feed(events)
        let now = t + TestTime.hours(1)
        let first = engine.snapshot(SnapshotQuery(model: .linear), now: now).attribution
        engine.feed([EventBuilder.touch("L1", channel: "sms", at: t + 2)])
        let cached = engine.snapshot(SnapshotQuery(model: .markov), now: now + 500).attribution
        #expect(cached.model == .markov && cached.comparison.count == first.comparison.count)
        let fresh = engine.snapshot(SnapshotQuery(model: .markov), now: now + 1000).attribution
        #expect(fresh.comparison.contains { $0.channel == "sms" })
    }
}

/// The bucket ring behind the period's AI spend (days) and the last hour's AI cost (minutes).
@Suite struct TimeSumsTests {
    let day = TimeSums.dayMillis

    @Test func sumsOverTheLastDaysIncludingToday() {
        var sums = TimeSums.days()
        let now = 1000 * day + 5
        sums.add(1, at: now)
        sums.add(2, at: now - day)
        sums.add(4, at: now - 10 * day)
        #expect(sums.total(last: 0, now: now) == 1)
        #expect(sums.total(last: 1, now: now) == 3)
        #expect(sums.total(last: 10, now: now) == 7)
    }

    @Test func oldBucketsAreOverwrittenAndTooOldValuesDropped() {
        var sums = TimeSums.days()
        let now = 1000 * day
        let ring = Int64(sums.count) * day
        sums.add(1, at: now - ring)   // the slot of `now`, a ring ago
        sums.add(2, at: now)
        sums.add(8, at: now - ring)   // older than what the slot holds
        #expect(sums.total(last: sums.count, now: now) == 2)
        sums.add(.nan, at: now)
        #expect(sums.total(last: 0, now: now) == 2)
    }

    @Test func bucketsBeforeTheEpochWork() {
        var sums = TimeSums.days()
        sums.add(3, at: -1)
        #expect(sums.bucket(-1) == -1)
        #expect(sums.total(last: 0, now: -day + 1) == 3)
        #expect(sums.total(last: 0, now: 0) == 0)
    }

    @Test func minuteBucketsOverAnHour() {
        var sums = TimeSums(bucketMillis: 60_000, count: 61)
        let now: EpochMillis = 100 * 3_600_000
        sums.add(5, at: now - 30 * 60_000)
        sums.add(7, at: now - 61 * 60_000)
        #expect(sums.total(last: 59, now: now) == 5)
        #expect(sums.total(last: 60, now: now) == 5)     // 7 is 61 minutes back: outside
        sums.add(1, at: now - 60 * 60_000)
        #expect(sums.total(last: 60, now: now) == 6)
    }
}
