import FlowCore
import Testing

/// The arithmetic of error budgets and burn rates, with the SRE Workbook's numbers.
@Suite struct BurnRateMathTests {
    let budget = ErrorBudget(objective: 0.999)

    @Test func burnExactlyAtTheFactorDoesNotExceedIt() {
        // 144 bad in 10,000 at 99.9%: error ratio 1.44% / 0.1% = 14.4 exactly.
        #expect(!budget.exceeds(SLICounts(good: 10_000 - 144, total: 10_000), factor: 14.4))
        #expect(budget.exceeds(SLICounts(good: 10_000 - 145, total: 10_000), factor: 14.4))
    }

    @Test func burnAtFactorSixAndOneIsExactToo() {
        // 6 x 0.1% = 0.6%: 60 bad in 10,000.
        #expect(!budget.exceeds(SLICounts(good: 9_940, total: 10_000), factor: 6))
        #expect(budget.exceeds(SLICounts(good: 9_939, total: 10_000), factor: 6))
        #expect(!budget.exceeds(SLICounts(good: 999, total: 1_000), factor: 1))
        #expect(budget.exceeds(SLICounts(good: 998, total: 1_000), factor: 1))
    }

    @Test func emptyWindowHasNoBurnAndNeverExceeds() {
        #expect(budget.burnRate(SLICounts.zero) == nil)
        #expect(!budget.exceeds(.zero, factor: 0))
        #expect(budget.remaining(SLICounts.zero) == nil)
        #expect(budget.burnRate(WindowCounts.zero) == nil)
        #expect(budget.remaining(WindowCounts.zero) == nil)
    }

    @Test func burnRateIsErrorRatioOverBudget() throws {
        let burn = try #require(budget.burnRate(SLICounts(good: 985, total: 1_000)))
        #expect(abs(burn - 15) < 1e-9)
    }

    @Test func hugeCountsDoNotOverflow() {
        let c = SLICounts(good: Int64.max / 4, total: Int64.max / 2)
        #expect(budget.exceeds(c, factor: 14.4))
    }

    @Test func budgetRemainingAfter400BadInAMillionIsSixtyPercent() throws {
        let remaining = try #require(budget.remaining(SLICounts(good: 1_000_000 - 400, total: 1_000_000)))
        #expect(abs(remaining - 0.6) < 1e-12)
    }

    @Test func budgetRemainingGoesNegativeWhenOverspent() throws {
        let remaining = try #require(budget.remaining(SLICounts(good: 998, total: 1_000)))
        #expect(abs(remaining - -1) < 1e-12)
    }

    @Test(arguments: [(1.0, 30.0), (2.0, 15.0), (10.0, 3.0)])
    func fullBudgetExhaustsInWindowOverBurn(burn: Double, days: Double) throws {
        let seconds = try #require(BurnRateMath.timeToExhaustion(remaining: 1, windowSeconds: 30 * 86_400, burn: burn))
        #expect(abs(seconds - days * 86_400) < 1e-6)
    }

    @Test func noExhaustionWithoutBurnOrBudget() {
        #expect(BurnRateMath.timeToExhaustion(remaining: 1, windowSeconds: 100, burn: 0) == nil)
        #expect(BurnRateMath.timeToExhaustion(remaining: 0, windowSeconds: 100, burn: 3) == nil)
        #expect(BurnRateMath.timeToExhaustion(remaining: nil, windowSeconds: 100, burn: 3) == nil)
    }
}
