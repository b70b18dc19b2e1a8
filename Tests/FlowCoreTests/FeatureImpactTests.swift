@testable import FlowCore
import FlowTestKit
import Testing

/// Feature impact on hand-computed paths: touched versus untouched leads, lift, the
/// revenue credited to a feature's touches under several models, the lookback, edge cases.
@Suite struct FeatureImpactTests {
    static let t0 = TestTime.start
    static let day = TestTime.days(1)
    static let params = AttributionParameters()

    static func touch(_ channel: String, _ dayOffset: Int64, _ feature: String? = nil) -> PathTouch {
        PathTouch(channel: channel, time: t0 + dayOffset * day, feature: feature)
    }

    func row(_ rows: [FeatureImpactRow], _ feature: String) throws -> FeatureImpactRow {
        try #require(rows.first { $0.feature == feature })
    }

    /// 4 leads: 2 touched by lead_scoring (1 converting at 100), 2 not (0 converting).
    static let fourLeads = [
        AttributionPath(touches: [touch("A", 0, "lead_scoring"), touch("B", 1)], converted: true, revenue: 100,
                        conversionTime: t0 + 2 * day),
        AttributionPath(touches: [touch("A", 0, "lead_scoring")], converted: false),
        AttributionPath(touches: [touch("C", 0, "none"), touch("C", 1, "None"), touch("C", 2, "")], converted: false),
        AttributionPath(touches: [touch("D", 0)], converted: false),
    ]

    @Test func touchedVersusNotTouchedWithUndefinedLift() throws {
        let rows = FeatureImpact.analyze(Self.fourLeads, model: .linear, parameters: Self.params)
        #expect(rows.map(\.feature) == ["lead_scoring"])   // "none", "None" and "" are no feature
        let r = try row(rows, "lead_scoring")
        #expect(r.leadsTouched == 2)
        #expect(r.conversionsTouched == 1)
        #expect(approx(r.conversionRateTouched, 0.5))
        #expect(approx(r.revenuePerLeadTouched, 50))
        #expect(r.leadsNotTouched == 2)
        #expect(r.conversionsNotTouched == 0)
        #expect(approx(r.conversionRateNotTouched, 0))
        #expect(approx(r.revenuePerLeadNotTouched, 0))
        #expect(r.lift == nil)                              // 0.5 / 0: undefined
        #expect(approx(r.attributedRevenue, 50))            // half of a 2-touch linear path × 100
    }

    /// P1 ai, ai, lead_scoring → 300; P2 lead_scoring → 100; P3 ai lost; P4 no touch, lost;
    /// P5 no feature → 50. 5 leads, 3 conversions, 450 revenue.
    static let mixed = [
        AttributionPath(touches: [touch("A", 0, "ai_response"), touch("B", 1, "ai_response"),
                                  touch("C", 2, "lead_scoring")],
                        converted: true, revenue: 300, conversionTime: t0 + 3 * day),
        AttributionPath(touches: [touch("C", 0, "lead_scoring")], converted: true, revenue: 100,
                        conversionTime: t0 + day),
        AttributionPath(touches: [touch("A", 0, "ai_response")], converted: false),
        AttributionPath(touches: [], converted: false),
        AttributionPath(touches: [touch("X", 0)], converted: true, revenue: 50, conversionTime: t0 + day),
    ]

    @Test func ratesLiftAndLinearCredit() throws {
        let rows = FeatureImpact.analyze(Self.mixed, model: .linear, parameters: Self.params)
        // Both credited 200: ties go to most leads touched (2 each), then the name.
        #expect(rows.map(\.feature) == ["ai_response", "lead_scoring"])

        let ai = try row(rows, "ai_response")
        #expect(ai.leadsTouched == 2)                       // P1 counted once for two touches
        #expect(ai.conversionsTouched == 1)
        #expect(approx(ai.conversionRateTouched, 0.5))
        #expect(approx(ai.revenuePerLeadTouched, 150))      // 300 / 2
        #expect(ai.leadsNotTouched == 3)
        #expect(ai.conversionsNotTouched == 2)
        #expect(approx(ai.conversionRateNotTouched, 2.0 / 3))
        #expect(approx(ai.revenuePerLeadNotTouched, 50))    // 150 / 3
        #expect(approx(ai.lift, 0.75))                      // 0.5 / (2/3)
        #expect(approx(ai.attributedRevenue, 200))          // 2/3 × 300

        let scoring = try row(rows, "lead_scoring")
        #expect(scoring.leadsTouched == 2)
        #expect(scoring.conversionsTouched == 2)
        #expect(approx(scoring.conversionRateTouched, 1))
        #expect(approx(scoring.revenuePerLeadTouched, 200))  // 400 / 2
        #expect(scoring.leadsNotTouched == 3)
        #expect(scoring.conversionsNotTouched == 1)
        #expect(approx(scoring.conversionRateNotTouched, 1.0 / 3))
        #expect(approx(scoring.revenuePerLeadNotTouched, 50.0 / 3))
        #expect(approx(scoring.lift, 3))
        #expect(approx(scoring.attributedRevenue, 200))      // 1/3 × 300 + 100
    }

    @Test func attributedRevenueFollowsTheModel() throws {
        let first = FeatureImpact.analyze(Self.mixed, model: .firstTouch, parameters: Self.params)
        #expect(first.map(\.feature) == ["ai_response", "lead_scoring"])
        #expect(approx(try row(first, "ai_response").attributedRevenue, 300))
        #expect(approx(try row(first, "lead_scoring").attributedRevenue, 100))

        let last = FeatureImpact.analyze(Self.mixed, model: .lastTouch, parameters: Self.params)
        #expect(last.map(\.feature) == ["lead_scoring", "ai_response"])
        #expect(approx(try row(last, "lead_scoring").attributedRevenue, 400))
        #expect(approx(try row(last, "ai_response").attributedRevenue, 0))

        // Position-based over P1's three touches: 0.4 + 0.2 to ai_response, 0.4 to lead_scoring.
        let position = FeatureImpact.analyze(Self.mixed, model: .positionBased, parameters: Self.params)
        #expect(approx(try row(position, "ai_response").attributedRevenue, 180))
        #expect(approx(try row(position, "lead_scoring").attributedRevenue, 220))
        #expect(position.map(\.feature) == ["lead_scoring", "ai_response"])

        // Markov and Shapley credit channels, not touches: the touches weigh as linear.
        for model in [AttributionModel.markov, .shapley] {
            let rows = FeatureImpact.analyze(Self.mixed, model: model, parameters: Self.params)
            #expect(rows == FeatureImpact.analyze(Self.mixed, model: .linear, parameters: Self.params))
        }
    }

    @Test func onlyTouchesInsideTheLookbackCount() throws {
        // A lead_scoring touch 100 days before the win, and one after it.
        let path = AttributionPath(
            touches: [Self.touch("A", 0, "lead_scoring"), Self.touch("B", 100), Self.touch("C", 101, "routing")],
            converted: true, revenue: 100, conversionTime: Self.t0 + 100 * Self.day)
        #expect(FeatureImpact.analyze([path], model: .linear, parameters: AttributionParameters(lookbackDays: 90))
            .isEmpty)

        let all = FeatureImpact.analyze([path], model: .linear, parameters: AttributionParameters(lookbackDays: nil))
        #expect(all.map(\.feature) == ["lead_scoring"])     // routing came after the win
        let r = try row(all, "lead_scoring")
        #expect(r.leadsTouched == 1)
        #expect(approx(r.attributedRevenue, 50))
        #expect(r.leadsNotTouched == 0)
        #expect(r.conversionRateNotTouched == nil)
        #expect(r.revenuePerLeadNotTouched == nil)
        #expect(r.lift == nil)
    }

    @Test func noPathsAndNoFeaturesGiveNoRows() {
        #expect(FeatureImpact.analyze([], model: .linear, parameters: Self.params).isEmpty)
        let plain = [
            AttributionPath(touches: [Self.touch("A", 0), Self.touch("B", 1, "none")], converted: true, revenue: 10,
                            conversionTime: Self.t0 + Self.day),
            AttributionPath(touches: [], converted: true, revenue: 5, conversionTime: Self.t0),
        ]
        for model in AttributionModel.allCases {
            #expect(FeatureImpact.analyze(plain, model: model, parameters: Self.params).isEmpty)
        }
    }
}
