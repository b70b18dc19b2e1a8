@testable import FlowCore
import FlowTestKit
import Testing

/// AI ROI on hand-computed paths: spend, revenue credited to AI-assisted touches, won
/// deals, cost per deal, ROI and the headline, with the edge cases of no paths and no spend.
@Suite struct AIROITests {
    static let t0 = TestTime.start
    static let day = TestTime.days(1)
    static let params = AttributionParameters()

    static func touch(_ channel: String, _ dayOffset: Int64, ai: Bool = false, cost: Double = 0) -> PathTouch {
        PathTouch(channel: channel, time: t0 + dayOffset * day, aiAssisted: ai, cost: cost)
    }

    /// One AI-assisted touch (cost 2) in a 2-touch path converting 100.
    static let won = AttributionPath(touches: [touch("whatsapp", 0, ai: true, cost: 2), touch("email", 1)],
                                     converted: true, revenue: 100, conversionTime: t0 + 2 * day)

    @Test func linearOnePathByHand() {
        let s = AIROI.summarize([Self.won], aiRequestSpend: 10, model: .linear, parameters: Self.params)
        #expect(s.aiRequestSpend == 10)
        #expect(s.aiTouchCost == 2)
        #expect(s.aiAssistedTouches == 1)
        #expect(s.aiSpend == 12)
        #expect(approx(s.attributedRevenue, 50))
        #expect(s.wonDealsWithAI == 1)
        #expect(approx(s.costPerWonDeal, 12))
        #expect(approx(s.roi, 38.0 / 12))
        #expect(s.headline == "AI: $12 spent, $50 of revenue attributed (ROI 3.2x), $12 per won deal")
    }

    @Test func revenueFollowsTheModel() {
        let first = AIROI.summarize([Self.won], aiRequestSpend: 10, model: .firstTouch, parameters: Self.params)
        #expect(approx(first.attributedRevenue, 100))
        #expect(first.wonDealsWithAI == 1)
        let last = AIROI.summarize([Self.won], aiRequestSpend: 10, model: .lastTouch, parameters: Self.params)
        #expect(approx(last.attributedRevenue, 0))
        #expect(last.wonDealsWithAI == 1)                   // touched by AI, though not credited
        #expect(approx(last.roi, -1))
        for model in [AttributionModel.markov, .shapley] {  // weigh touches as linear
            let s = AIROI.summarize([Self.won], aiRequestSpend: 10, model: model, parameters: Self.params)
            #expect(approx(s.attributedRevenue, 50))
        }
        // Position-based, AI in the middle of three touches: 20% of 200.
        let middle = AttributionPath(touches: [Self.touch("a", 0), Self.touch("b", 1, ai: true), Self.touch("c", 2)],
                                     converted: true, revenue: 200, conversionTime: Self.t0 + 3 * Self.day)
        let position = AIROI.summarize([middle], aiRequestSpend: 0, model: .positionBased, parameters: Self.params)
        #expect(approx(position.attributedRevenue, 40))
    }

    @Test func lostPathsAndOldTouchesCostButEarnNothing() {
        let lost = AttributionPath(touches: [Self.touch("ads", 0, ai: true, cost: 3)], converted: false)
        // AI touch 100 days before the win: outside the 90-day lookback.
        let old = AttributionPath(touches: [Self.touch("ads", 0, ai: true, cost: 5), Self.touch("email", 100)],
                                  converted: true, revenue: 400, conversionTime: Self.t0 + 100 * Self.day)
        let s = AIROI.summarize([Self.won, lost, old], aiRequestSpend: 10, model: .linear, parameters: Self.params)
        #expect(s.aiTouchCost == 10)                        // 2 + 3 + 5: spend is spend
        #expect(s.aiAssistedTouches == 3)
        #expect(s.aiSpend == 20)
        #expect(approx(s.attributedRevenue, 50))
        #expect(s.wonDealsWithAI == 1)
        #expect(approx(s.costPerWonDeal, 20))
        #expect(approx(s.roi, 1.5))                         // (50 - 20) / 20

        let all = AIROI.summarize([Self.won, lost, old], aiRequestSpend: 10, model: .linear,
                                  parameters: AttributionParameters(lookbackDays: nil))
        #expect(approx(all.attributedRevenue, 250))         // 50 + 400 / 2
        #expect(all.wonDealsWithAI == 2)
        #expect(approx(all.costPerWonDeal, 10))
    }

    @Test func noPaths() {
        let s = AIROI.summarize([], aiRequestSpend: 5, model: .markov, parameters: Self.params)
        #expect(s.aiSpend == 5)
        #expect(s.attributedRevenue == 0)
        #expect(s.wonDealsWithAI == 0)
        #expect(s.costPerWonDeal == nil)
        #expect(approx(s.roi, -1))
        #expect(s.headline == "AI: $5 spent, $0 of revenue attributed (ROI -1.0x), no AI-assisted won deal")

        let none = AIROI.summarize([], aiRequestSpend: 0, model: .linear, parameters: Self.params)
        #expect(none.roi == nil)
        #expect(none.headline == "AI: $0 spent, $0 of revenue attributed (ROI n/a), no AI-assisted won deal")
    }

    @Test func zeroSpend() {
        let free = AttributionPath(touches: [Self.touch("chat", 0, ai: true)], converted: true, revenue: 80,
                                   conversionTime: Self.t0 + Self.day)
        let s = AIROI.summarize([free], aiRequestSpend: -3, model: .linear, parameters: Self.params)
        #expect(s.aiRequestSpend == 0)                      // negative spend reads as 0
        #expect(s.aiSpend == 0)
        #expect(approx(s.attributedRevenue, 80))
        #expect(s.wonDealsWithAI == 1)
        #expect(approx(s.costPerWonDeal, 0))
        #expect(s.roi == nil)
        #expect(s.headline == "AI: $0 spent, $80 of revenue attributed (ROI n/a), $0 per won deal")
        #expect(AIROI.summarize([free], aiRequestSpend: .nan, model: .linear, parameters: Self.params).aiSpend == 0)
    }

    @Test func headlineFormatting() {
        let s = AIROISummary(model: .linear, aiRequestSpend: 1000, aiTouchCost: 200, aiAssistedTouches: 40,
                             attributedRevenue: 48_000, wonDealsWithAI: 8)
        #expect(s.costPerWonDeal == 150)
        #expect(approx(s.roi, 39))
        #expect(s.headline == "AI: $1.2k spent, $48.0k of revenue attributed (ROI 39x), $150 per won deal")
        #expect(AIROISummary.money(3.5) == "$3.50")
        #expect(AIROISummary.money(999.6) == "$1.0k")
        #expect(AIROISummary.money(2_500_000) == "$2.5M")
        #expect(AIROISummary.money(999_960) == "$1.0M")
        #expect(AIROISummary.money(-40) == "-$40")
        #expect(AIROISummary.multiple(-0.25) == "-0.3x")
        #expect(AIROISummary.multiple(9.96) == "10x")
    }
}
