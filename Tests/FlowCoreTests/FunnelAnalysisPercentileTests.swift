import FlowTestKit
import Testing

@testable import FlowCore

/// Nearest-rank percentiles: the value at 1-based rank ceil(p/100 x n) of the sorted
/// durations, found by selection.
@Suite struct FunnelAnalysisPercentileTests {
    func stats(_ values: [Int64]) -> FunnelDurationStats? {
        var values = values
        return NearestRank.stats(&values)
    }

    @Test func ranksAreCeilingOfPTimesN() {
        #expect(NearestRank.rank(percent: 50, count: 1) == 1)
        #expect(NearestRank.rank(percent: 50, count: 10) == 5)
        #expect(NearestRank.rank(percent: 50, count: 11) == 6)
        #expect(NearestRank.rank(percent: 90, count: 10) == 9)
        #expect(NearestRank.rank(percent: 90, count: 11) == 10)
        #expect(NearestRank.rank(percent: 90, count: 3) == 3)
    }

    @Test func medianOfAnEvenCountIsTheLowerMiddleValue() {
        #expect(stats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]) == FunnelDurationStats(samples: 10, median: 5, p90: 9))
    }

    @Test func oneSampleIsBothMedianAndP90() {
        #expect(stats([42]) == FunnelDurationStats(samples: 1, median: 42, p90: 42))
    }

    @Test func noSamplesNoStats() {
        #expect(stats([]) == nil)
    }

    @Test func manyEqualValues() {
        #expect(stats(Array(repeating: 0, count: 1_000) + [7]) == FunnelDurationStats(samples: 1_001, median: 0, p90: 0))
        #expect(stats(Array(repeating: 3, count: 50_000)) == FunnelDurationStats(samples: 50_000, median: 3, p90: 3))
    }

    @Test func selectionAgreesWithSorting() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let n = Int.random(in: 1...400, using: &rng)
            let spread = Int64.random(in: 1...1_000, using: &rng)
            let values = (0..<n).map { _ in Int64.random(in: 0..<spread, using: &rng) }
            let sorted = values.sorted()
            let expected = FunnelDurationStats(samples: n, median: sorted[(50 * n + 99) / 100 - 1],
                                               p90: sorted[(90 * n + 99) / 100 - 1])
            #expect(stats(values) == expected)
        }
    }

    @Test func sortedAndReversedInputsSelectExactly() {
        let up = (0..<100_000).map { Int64($0) }
        #expect(stats(up) == FunnelDurationStats(samples: 100_000, median: 49_999, p90: 89_999))
        #expect(stats(up.reversed()) == FunnelDurationStats(samples: 100_000, median: 49_999, p90: 89_999))
    }
}
