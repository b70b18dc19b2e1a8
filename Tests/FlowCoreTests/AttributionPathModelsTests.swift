@testable import FlowCore
import FlowTestKit
import Testing

/// The six per-path rules on hand-computed paths: weights per touch, shares per channel,
/// edge cases of one, two and three touches, repeated channels, the lookback.
@Suite struct AttributionPathModelsTests {
    static let t0 = TestTime.start
    static let day = TestTime.days(1)

    /// A > B > C > D, one day apart, converting 100 a day after D.
    static let abcd = AttributionPath(
        touches: ["A", "B", "C", "D"].enumerated().map { PathTouch(channel: $1, time: t0 + Int64($0) * day) },
        converted: true, revenue: 100, conversionTime: t0 + 4 * day)

    func credit(_ rule: PathRule, _ path: AttributionPath = abcd) -> [String: Double] {
        PathWeights.channelShares(rule, for: path).mapValues { $0 * path.revenue }
    }

    func expectClose(_ actual: [String: Double], _ expected: [String: Double],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(actual.keys) == Set(expected.keys), sourceLocation: sourceLocation)
        for (channel, value) in expected {
            #expect(approx(actual[channel], value), "\(channel): \(actual[channel] ?? .nan) != \(value)",
                    sourceLocation: sourceLocation)
        }
    }

    func expectClose(_ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(approx(a, e), "\(actual) != \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test func firstTouchGivesEverythingToTheFirstChannel() {
        expectClose(credit(.firstTouch), ["A": 100, "B": 0, "C": 0, "D": 0])
    }

    @Test func lastTouchGivesEverythingToTheLastChannel() {
        expectClose(credit(.lastTouch), ["A": 0, "B": 0, "C": 0, "D": 100])
    }

    @Test func linearSplitsEvenlyOverTouches() {
        expectClose(credit(.linear), ["A": 25, "B": 25, "C": 25, "D": 25])
    }

    /// 40% first, 40% last, the middle 20% over B and C: 10 each.
    @Test func positionBasedIsFortyTwentyForty() {
        expectClose(credit(.positionBased), ["A": 40, "B": 10, "C": 10, "D": 40])
    }

    @Test func positionBasedWithOneAndTwoTouches() {
        #expect(PathWeights.positionBased(count: 0) == [])
        #expect(PathWeights.positionBased(count: 1) == [1])
        #expect(PathWeights.positionBased(count: 2) == [0.5, 0.5])
        expectClose(PathWeights.positionBased(count: 3), [0.4, 0.2, 0.4])
        expectClose(PathWeights.positionBased(count: 6), [0.4, 0.05, 0.05, 0.05, 0.05, 0.4])
    }

    /// Qualified at C's time: C is the opportunity touch. A, C, D 30 each; B the rest, 10.
    @Test func wShapedCreditsFirstOpportunityAndLast() {
        var path = Self.abcd
        path.qualifiedAt = path.touches[2].time
        expectClose(credit(.wShaped, path), ["A": 30, "B": 10, "C": 30, "D": 30])
    }

    /// The opportunity touch is the last one at or before qualification: qualified half a
    /// day after B, before C, makes B the opportunity.
    @Test func wShapedOpportunityIsTheLastTouchAtOrBeforeQualification() {
        var path = Self.abcd
        path.qualifiedAt = path.touches[1].time + Self.day / 2
        expectClose(credit(.wShaped, path), ["A": 30, "B": 30, "C": 10, "D": 30])
    }

    /// No qualification (or one before every touch): the middle touch, (4 - 1) / 2 = 1, B.
    @Test func wShapedWithoutQualificationTakesTheMiddleTouch() {
        expectClose(credit(.wShaped), ["A": 30, "B": 30, "C": 10, "D": 30])
        var early = Self.abcd
        early.qualifiedAt = Self.t0 - 1
        expectClose(credit(.wShaped, early), ["A": 30, "B": 30, "C": 10, "D": 30])
        #expect(PathWeights.opportunityIndex(times: [1, 2, 3, 4, 5], qualifiedAt: nil) == 2)
    }

    /// Qualified after the last touch: opportunity and last coincide, their shares merge.
    @Test func wShapedMergesCoincidingKeyTouches() {
        var path = Self.abcd
        path.qualifiedAt = path.conversionTime
        expectClose(credit(.wShaped, path), ["A": 30, "B": 5, "C": 5, "D": 60])
        expectClose(PathWeights.wShaped(count: 3, opportunity: 0), [0.6, 0.1, 0.3])
    }

    @Test func wShapedWithOneTwoAndThreeTouches() {
        #expect(PathWeights.wShaped(count: 0, opportunity: 0) == [])
        #expect(PathWeights.wShaped(count: 1, opportunity: 0) == [1])
        #expect(PathWeights.wShaped(count: 2, opportunity: 0) == [0.5, 0.5])
        #expect(PathWeights.wShaped(count: 2, opportunity: 1) == [0.5, 0.5])
        // Three touches, opportunity in the middle: no other touch for the 10%, so the
        // three keys share it in proportion: a third each.
        expectClose(PathWeights.wShaped(count: 3, opportunity: 1), [1.0 / 3, 1.0 / 3, 1.0 / 3])
    }

    /// Ages 14, 7 and 0 days with a 7-day half-life: raw weights 1/4, 1/2, 1, normalized
    /// by 7/4 to 1/7, 2/7, 4/7.
    @Test func timeDecayHalvesPerHalfLife() {
        let end = Self.t0 + 14 * Self.day
        let path = AttributionPath(
            touches: [PathTouch(channel: "A", time: Self.t0), PathTouch(channel: "B", time: Self.t0 + 7 * Self.day),
                      PathTouch(channel: "C", time: end)],
            converted: true, revenue: 700, conversionTime: end)
        expectClose(PathWeights.weights(.timeDecay, for: path), [1.0 / 7, 2.0 / 7, 4.0 / 7])
        expectClose(credit(.timeDecay, path), ["A": 100, "B": 200, "C": 400])
        expectClose(PathWeights.timeDecay(ages: [0, 7, 14], halfLife: 7), [4.0 / 7, 2.0 / 7, 1.0 / 7])
    }

    /// A 14-day half-life: ages 0 and 14 days weigh 1 and 1/2, so 2/3 and 1/3.
    @Test func timeDecayHalfLifeIsConfigurable() {
        let end = Self.t0 + 14 * Self.day
        let path = AttributionPath(touches: [PathTouch(channel: "A", time: Self.t0), PathTouch(channel: "B", time: end)],
                                   converted: true, revenue: 30, conversionTime: end)
        let w = PathWeights.weights(.timeDecay, for: path, parameters: AttributionParameters(halfLifeDays: 14))
        expectClose(w, [1.0 / 3, 2.0 / 3])
    }

    /// Without a conversion time the ages count back from the last touch.
    @Test func timeDecayWithoutConversionTimeAgesFromTheLastTouch() {
        let path = AttributionPath(
            touches: [PathTouch(channel: "A", time: Self.t0), PathTouch(channel: "B", time: Self.t0 + 7 * Self.day)],
            converted: true, revenue: 3)
        expectClose(PathWeights.weights(.timeDecay, for: path), [1.0 / 3, 2.0 / 3])
    }

    /// Ages of years underflow 2^-age to 0; weighing relative to the youngest touch keeps
    /// the weights finite and adding up to 1.
    @Test func timeDecayOfAncientTouchesStaysFinite() {
        let w = PathWeights.timeDecay(ages: [5_000, 5_007, 5_014].map { $0 * 86_400_000.0 }, halfLife: 7 * 86_400_000)
        expectClose(w, [4.0 / 7, 2.0 / 7, 1.0 / 7])
    }

    /// A > B > A converting 90: a channel collects the weight of each of its touches.
    @Test func repeatedChannelsCollectEveryTouchesWeight() {
        let path = AttributionPath(
            touches: ["A", "B", "A"].enumerated().map { PathTouch(channel: $1, time: Self.t0 + Int64($0) * Self.day) },
            converted: true, revenue: 90, conversionTime: Self.t0 + 3 * Self.day)
        expectClose(credit(.firstTouch, path), ["A": 90, "B": 0])
        expectClose(credit(.lastTouch, path), ["A": 90, "B": 0])
        expectClose(credit(.linear, path), ["A": 60, "B": 30])
        expectClose(credit(.positionBased, path), ["A": 72, "B": 18])
        expectClose(credit(.wShaped, path), ["A": 60, "B": 30])
    }

    @Test func everyRulesWeightsAddUpToOne() {
        var rng = SeededGenerator(seed: 7)
        for n in 1...40 {
            let touches = (0..<n).map { PathTouch(channel: "c\($0 % 5)", time: Self.t0 + Int64($0) * 3_600_000) }
            let qualified: EpochMillis? = Bool.random(using: &rng)
                ? Self.t0 + Int64.random(in: -1...Int64(n) * 3_600_000, using: &rng) : nil
            let path = AttributionPath(touches: touches, converted: true, revenue: 1, qualifiedAt: qualified)
            for rule in PathRule.allCases {
                let w = PathWeights.weights(rule, for: path)
                #expect(w.count == n)
                #expect(w.allSatisfy { $0 >= 0 })
                #expect(approx(w.reduce(0, +), 1), "\(rule) n=\(n)")
            }
        }
        for rule in PathRule.allCases {
            #expect(PathWeights.weights(rule, for: AttributionPath(touches: [], converted: true)) == [])
        }
    }

    /// Default lookback 90 days: a touch 91 days before the conversion and one after it
    /// earn nothing; one exactly 90 days before does.
    @Test func lookbackKeepsTouchesWithinTheWindowBeforeTheEnd() {
        let conversion = Self.t0 + 200 * Self.day
        let path = AttributionPath(
            touches: [PathTouch(channel: "old", time: conversion - 91 * Self.day),
                      PathTouch(channel: "edge", time: conversion - 90 * Self.day),
                      PathTouch(channel: "recent", time: conversion - Self.day),
                      PathTouch(channel: "after", time: conversion + 1)],
            converted: true, revenue: 100, conversionTime: conversion)
        #expect(path.withinLookback(days: 90).touches.map(\.channel) == ["edge", "recent"])
        #expect(path.withinLookback(days: 1).touches.map(\.channel) == ["recent"])
        #expect(path.withinLookback(days: nil).touches.map(\.channel) == ["old", "edge", "recent"])
        #expect(path.withinLookback(days: 1e300).touches.count == 3)
    }

    /// Without a conversion time the window ends at the last touch.
    @Test func lookbackWithoutConversionTimeEndsAtTheLastTouch() {
        let path = AttributionPath(
            touches: [PathTouch(channel: "old", time: Self.t0), PathTouch(channel: "new", time: Self.t0 + 100 * Self.day)],
            converted: false)
        #expect(path.withinLookback(days: 90).touches.map(\.channel) == ["new"])
        #expect(AttributionPath(touches: [], converted: false).withinLookback(days: 90).touches.isEmpty)
    }
}
