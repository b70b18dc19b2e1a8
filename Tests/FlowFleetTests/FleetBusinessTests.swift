import FlowCore
import FlowFleet
import Testing

/// The fleet's funnel and attribution: engines' figures added up where they add up, and a
/// note where a model's figures do not (Markov, Shapley).
@Suite struct FleetBusinessTests {
    func funnel(_ counts: [Int64], lost: Int64, won: Double) -> FunnelSnapshot {
        FunnelSnapshot(stages: zip(Stage.funnel, counts).map { stage, count in
            FunnelStageStatus(stage: stage, count: count, conversionFromPrevious: nil, conversionFromStart: nil)
        }, lost: lost, wonRevenue: won)
    }

    @Test func stageCountsAddUpAndConversionsComeFromTheSums() throws {
        let merged = FleetBusiness.funnel([funnel([10, 8, 4, 2, 2, 1], lost: 3, won: 100),
                                           funnel([30, 12, 6, 3, 1, 1], lost: 5, won: 250)])
        #expect(merged.stages.map(\.count) == [40, 20, 10, 5, 3, 2])
        #expect(merged.lost == 8 && merged.wonRevenue == 350)
        #expect(merged.stages[0].conversionFromPrevious == nil && merged.stages[0].conversionFromStart == 1)
        #expect(merged.stages[1].conversionFromPrevious == 0.5 && merged.stages[5].conversionFromStart == 0.05)
        #expect(FleetBusiness.funnel([]).stages.isEmpty)
    }

    func attribution(_ model: AttributionModel, _ rows: [(String, Double, Double, Double, Int)]) -> AttributionSnapshot {
        let list = rows.map { AttributionRow(channel: $0.0, revenue: $0.1, conversions: $0.2, cost: $0.3, roi: nil, touches: $0.4) }
        return AttributionSnapshot(model: model, rows: list, totalRevenue: list.reduce(0) { $0 + $1.revenue },
                                   totalCost: list.reduce(0) { $0 + $1.cost }, aiSpend: 5, paths: rows.count * 2,
                                   conversions: rows.count)
    }

    @Test func perPathModelsAddUpChannelByChannel() throws {
        let merged = FleetBusiness.attribution([attribution(.linear, [("email", 300, 3, 30, 9), ("ads", 100, 1, 50, 4)]),
                                                attribution(.linear, [("ads", 400, 2, 50, 6)])],
                                               model: .linear, periodDays: 30)
        #expect(merged.rows.map(\.channel) == ["ads", "email"])   // highest revenue first
        let ads = try #require(merged.rows.first)
        #expect(ads.revenue == 500 && ads.conversions == 3 && ads.cost == 100 && ads.touches == 10)
        #expect(ads.roi == 4)
        #expect(merged.totalRevenue == 800 && merged.totalCost == 130 && merged.aiSpend == 10)
        #expect(merged.paths == 6 && merged.conversions == 3 && merged.note == nil)
    }

    @Test func markovAndShapleyDoNotAddUpAndSaySo() {
        for model in [AttributionModel.markov, .shapley] {
            let merged = FleetBusiness.attribution([attribution(model, [("email", 300, 3, 30, 9)]),
                                                    attribution(model, [("ads", 400, 2, 50, 6)])],
                                                   model: model, periodDays: 30)
            #expect(merged.rows.isEmpty && merged.note == FleetBusiness.notAdditive(model))
        }
    }

    @Test func anEngineStillOnTheOldModelIsLeftOut() {
        let merged = FleetBusiness.attribution([attribution(.firstTouch, [("email", 300, 3, 30, 9)]),
                                                attribution(.linear, [("ads", 400, 2, 50, 6)])],
                                               model: .firstTouch, periodDays: 30)
        #expect(merged.rows.map(\.channel) == ["email"])
    }
}
