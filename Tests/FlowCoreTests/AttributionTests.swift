import FlowCore
import FlowTestKit
import Testing

/// Attribution of won revenue to channels under the three models, and channel cost.
@Suite struct AttributionTests {
    let t = windowEnd

    /// L1: ads, email, ads, won 300. L2: email, whatsapp (sent out of order), won 100.
    var paths: [Event] {
        [EventBuilder.leadCreated("L1", at: t),
         EventBuilder.touch("L1", channel: "ads", cost: 10, at: t + 1),
         EventBuilder.touch("L1", channel: "email", cost: 1, at: t + 2),
         EventBuilder.touch("L1", channel: "ads", cost: 10, at: t + 3),
         EventBuilder.stage("L1", .won, revenue: 300, at: t + 4),
         EventBuilder.leadCreated("L2", at: t),
         EventBuilder.touch("L2", channel: "whatsapp", at: t + 20),
         EventBuilder.touch("L2", channel: "email", cost: 1, at: t + 10),
         EventBuilder.stage("L2", .won, revenue: 100, at: t + 30)]
    }

    func attribution(_ events: [Event], model: AttributionModel, tenant: String? = nil,
                     configuration: EngineConfiguration = EngineConfiguration()) -> AttributionSnapshot {
        var engine = Engine(configuration: configuration)
        engine.feed(events)
        return engine.snapshot(SnapshotQuery(tenant: tenant, model: model), now: t + TestTime.hours(1)).attribution
    }

    func table(_ a: AttributionSnapshot) -> [String: (revenue: Double, conversions: Double)] {
        Dictionary(uniqueKeysWithValues: a.rows.map { ($0.channel, ($0.revenue, $0.conversions)) })
    }

    @Test func firstTouchCreditsTheEarliestTouch() {
        let a = attribution(paths, model: .firstTouch)
        let rows = table(a)
        #expect(rows["ads"]?.revenue == 300 && rows["ads"]?.conversions == 1)
        #expect(rows["email"]?.revenue == 100 && rows["email"]?.conversions == 1)
        #expect(rows["whatsapp"]?.revenue == 0)
        #expect(a.rows.map(\.channel) == ["ads", "email", "whatsapp"])
    }

    @Test func lastTouchCreditsTheLatestTouch() {
        let rows = table(attribution(paths, model: .lastTouch))
        #expect(rows["ads"]?.revenue == 300 && rows["whatsapp"]?.revenue == 100)
        #expect(rows["email"]?.revenue == 0 && rows["email"]?.conversions == 0)
    }

    @Test func linearSplitsEvenlyPerTouch() {
        let a = attribution(paths, model: .linear)
        let rows = table(a)
        #expect(approx(rows["ads"]?.revenue, 200) && approx(rows["ads"]?.conversions, 2.0 / 3))
        #expect(approx(rows["email"]?.revenue, 150) && approx(rows["email"]?.conversions, 1.0 / 3 + 0.5))
        #expect(approx(rows["whatsapp"]?.revenue, 50) && approx(rows["whatsapp"]?.conversions, 0.5))
        #expect(a.rows.map(\.channel) == ["ads", "email", "whatsapp"])
    }

    @Test(arguments: AttributionModel.allCases)
    func creditsSumToRevenueAndConversions(model: AttributionModel) {
        let a = attribution(paths, model: model)
        #expect(approx(a.totalRevenue, 400))
        #expect(approx(a.rows.reduce(0) { $0 + $1.conversions }, 2))
    }

    @Test func costIsTouchCostAndRoiFollows() throws {
        let a = attribution(paths, model: .firstTouch)
        let ads = try #require(a.rows.first { $0.channel == "ads" })
        #expect(ads.cost == 20 && approx(ads.roi, 14))
        #expect(a.rows.first { $0.channel == "whatsapp" }?.roi == nil)
        #expect(approx(a.totalCost, 22))
    }

    @Test func wonLeadWithoutTouchesCreditsItsSourceOrDirect() {
        let events = [EventBuilder.leadCreated("L1", source: "referral", at: t),
                      EventBuilder.stage("L1", .won, revenue: 70, at: t + 1),
                      EventBuilder.stage("L2", .won, revenue: 30, at: t + 2)]
        for model in AttributionModel.allCases where model != .markov {
            let rows = table(attribution(events, model: model))
            #expect(rows["referral"]?.revenue == 70 && rows["direct"]?.revenue == 30, "\(model)")
        }
        // Markov splits the total by removal effect, not by each path's value: removing
        // either channel halves the conversions, so each gets half (docs/attribution.md).
        let markov = table(attribution(events, model: .markov))
        #expect(approx(markov["referral"]?.revenue, 50) && approx(markov["direct"]?.revenue, 50))
    }

    @Test func touchesAfterTheWinAreNotCredited() {
        let events = [EventBuilder.touch("L1", channel: "ads", at: t),
                      EventBuilder.stage("L1", .won, revenue: 10, at: t + 5),
                      EventBuilder.touch("L1", channel: "email", at: t + 6)]
        #expect(table(attribution(events, model: .lastTouch))["ads"]?.revenue == 10)
    }

    @Test func aiSpendIsSplitByAIAssistedTouches() throws {
        let events = [EventBuilder.touch("L1", channel: "ads", cost: 1, aiAssisted: true, at: t),
                      EventBuilder.touch("L1", channel: "email", aiAssisted: true, at: t),
                      EventBuilder.touch("L2", channel: "email", aiAssisted: true, at: t),
                      EventBuilder.touch("L2", channel: "email", aiAssisted: true, at: t),
                      EventBuilder.touch("L3", channel: "whatsapp", cost: 2, at: t),
                      EventBuilder.aiRequest(cost: 6, at: t), EventBuilder.aiRequest(cost: 2, at: t)]
        let a = attribution(events, model: .linear)
        let cost = Dictionary(uniqueKeysWithValues: a.rows.map { ($0.channel, $0.cost) })
        #expect(approx(cost["ads"], 1 + 2))
        #expect(approx(cost["email"], 6))
        #expect(approx(cost["whatsapp"], 2))
        #expect(approx(a.aiSpend, 8))
        #expect(approx(a.totalCost, 11))
    }

    @Test func onlyTheLastTouchesPerLeadAreKept() {
        var events = (0..<5).map { EventBuilder.touch("L1", channel: "c\($0)", at: t + Int64($0)) }
        events.append(EventBuilder.stage("L1", .won, revenue: 90, at: t + 10))
        let rows = table(attribution(events, model: .firstTouch, configuration: EngineConfiguration(maxTouchesPerLead: 3)))
        #expect(rows["c2"]?.revenue == 90)
        #expect(rows["c0"] == nil)   // forgotten with the lead's oldest touches
    }

    @Test func tenantFilterKeepsTenantsApartAndAllSumsThem() {
        let events = [EventBuilder.touch("L1", channel: "ads", tenant: "acme", at: t),
                      EventBuilder.stage("L1", .won, revenue: 100, tenant: "acme", at: t + 1),
                      EventBuilder.touch("L1", channel: "ads", aiAssisted: true, tenant: "globex", at: t),
                      EventBuilder.stage("L1", .won, revenue: 40, tenant: "globex", at: t + 1),
                      EventBuilder.aiRequest(cost: 4, tenant: "globex", at: t)]
        let acme = attribution(events, model: .linear, tenant: "acme")
        #expect(acme.totalRevenue == 100 && acme.aiSpend == 0 && acme.totalCost == 0)
        let all = attribution(events, model: .linear)
        #expect(all.totalRevenue == 140 && all.aiSpend == 4)
        #expect(all.rows.count == 1 && all.rows.first?.cost == 4)
    }
}
