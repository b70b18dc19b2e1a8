@testable import FlowCore
import FlowTestKit
import Testing

/// Paths for the attribution tests: a short builder and seeded random journeys.
enum AttributionFixtures {
    static let t0 = TestTime.start
    static let hour = TestTime.hours(1)
    static let day = TestTime.days(1)

    /// Touches an hour apart from `start`; converting an hour after the last one.
    static func path(_ channels: [String], converted: Bool = true, revenue: Double = 0,
                     start: EpochMillis = t0, cost: Double = 0) -> AttributionPath {
        let touches = channels.enumerated().map { PathTouch(channel: $1, time: start + Int64($0) * hour, cost: cost) }
        return AttributionPath(touches: touches, converted: converted, revenue: converted ? revenue : 0,
                               conversionTime: converted ? start + Int64(channels.count) * hour : nil)
    }

    /// Journeys of 0 to `2 * meanLength - 1` touches over `channels` channels (skewed:
    /// low numbers more often), gaps of up to 20 days so the 90-day lookback bites, a
    /// third converting with revenue up to 5,000, some with no conversion time, some
    /// qualified midway.
    static func randomPaths(seed: UInt64, count: Int, channels: Int, meanLength: Int = 5) -> [AttributionPath] {
        var rng = SeededGenerator(seed: seed)
        let names = (0..<channels).map { "c\($0)" }
        return (0..<count).map { _ in
            let length = Int.random(in: 0..<(2 * meanLength), using: &rng)
            var time = t0 + Int64.random(in: 0..<(30 * day), using: &rng)
            var touches: [PathTouch] = []
            touches.reserveCapacity(length)
            for _ in 0..<length {
                let a = Int.random(in: 0..<channels, using: &rng)
                let b = Int.random(in: 0..<channels, using: &rng)
                touches.append(PathTouch(channel: names[min(a, b)], time: time, aiAssisted: Bool.random(using: &rng),
                                         cost: Double(Int.random(in: 0...100, using: &rng)) / 100))
                time += Int64.random(in: 0..<(20 * day), using: &rng)
            }
            let converted = Int.random(in: 0..<3, using: &rng) == 0
            let revenue = converted ? Double(Int.random(in: 0...500_000, using: &rng)) / 100 : 0
            let conversionTime: EpochMillis? = converted && Bool.random(using: &rng) ? time : nil
            let qualifiedAt: EpochMillis? = length > 0 && Bool.random(using: &rng)
                ? touches[Int.random(in: 0..<length, using: &rng)].time + 1 : nil
            return AttributionPath(touches: touches, converted: converted, revenue: revenue,
                                   conversionTime: conversionTime, qualifiedAt: qualifiedAt)
        }
    }
}

/// The single entry point: hand examples under every model, totals that always add up,
/// `direct`, folding into `other`, touch counts and cost.
@Suite struct AttributionComputationTests {
    typealias F = AttributionFixtures

    func table(_ rows: [ChannelCredit]) -> [String: ChannelCredit] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0.channel, $0) })
    }

    @Test func ruleNamesAreTheReportNames() {
        #expect(AttributionModel.allCases.map(\.rawValue) ==
                ["first_touch", "last_touch", "linear", "position_based", "w_shaped", "time_decay", "markov", "shapley"])
        #expect(AttributionModel.allCases.compactMap(\.pathRule) == PathRule.allCases)
    }

    /// A > B > C > D converting 100, qualified at C, one path: every model's split.
    /// Markov on one converting path: every channel is needed, RE 1 each, so a quarter
    /// each; Shapley: four distinct channels, a quarter each.
    @Test func oneJourneyUnderEveryModel() {
        var path = F.path(["A", "B", "C", "D"], revenue: 100)
        path.qualifiedAt = path.touches[2].time
        let expected: [AttributionModel: [Double]] = [
            .firstTouch: [100, 0, 0, 0], .lastTouch: [0, 0, 0, 100], .linear: [25, 25, 25, 25],
            .positionBased: [40, 10, 10, 40], .wShaped: [30, 10, 30, 30], .markov: [25, 25, 25, 25],
            .shapley: [25, 25, 25, 25],
        ]
        for (rule, revenue) in expected {
            let rows = table(AttributionComputation.credit(paths: [path], model: rule))
            for (channel, value) in zip(["A", "B", "C", "D"], revenue) {
                #expect(approx(rows[channel]?.revenue, value), "\(rule) \(channel)")
                #expect(approx(rows[channel]?.conversions, value / 100), "\(rule) \(channel)")
            }
        }
        // Time decay: touches 3, 2, 1 and 0 hours before conversion with a half-life of
        // 1 hour (1/24 day): weights 1/8, 1/4, 1/2, 1 over 15/8.
        let hourly = AttributionParameters(halfLifeDays: 1.0 / 24)
        let rows = table(AttributionComputation.credit(paths: [path], model: .timeDecay, parameters: hourly))
        for (channel, value) in zip(["A", "B", "C", "D"], [1.0 / 15, 2.0 / 15, 4.0 / 15, 8.0 / 15]) {
            #expect(approx(rows[channel]?.revenue, 100 * value))
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func everyModelsCreditAddsUpToRevenueAndConversions(seed: UInt64) {
        let paths = F.randomPaths(seed: seed, count: 2_000, channels: 12)
        let converted = paths.filter(\.converted)
        let revenue = converted.reduce(0) { $0 + $1.revenue }
        let prepared = PreparedPaths(paths)
        #expect(prepared.convertedCount == converted.count)
        #expect(approx(prepared.totalRevenue, revenue))
        for rule in AttributionModel.allCases {
            let rows = prepared.credit(rule)
            let creditedRevenue = rows.reduce(0) { $0 + $1.revenue }
            let creditedConversions = rows.reduce(0) { $0 + $1.conversions }
            #expect(abs(creditedRevenue - revenue) <= 1e-9 * revenue, "\(rule): \(creditedRevenue) != \(revenue)")
            #expect(abs(creditedConversions - Double(converted.count)) <= 1e-9 * Double(converted.count), "\(rule)")
            #expect(rows.allSatisfy { $0.revenue >= 0 && $0.conversions >= 0 }, "\(rule)")
        }
    }

    /// Higher orders and the channel cap keep the totals too.
    @Test func markovTotalsHoldForHigherOrdersAndFolding() {
        let paths = F.randomPaths(seed: 5, count: 1_000, channels: 9)
        let revenue = paths.filter(\.converted).reduce(0) { $0 + $1.revenue }
        for parameters in [AttributionParameters(markovOrder: 2), AttributionParameters(markovOrder: 3),
                           AttributionParameters(maxChannels: 3)] {
            let rows = AttributionComputation.credit(paths: paths, model: .markov, parameters: parameters)
            #expect(abs(rows.reduce(0) { $0 + $1.revenue } - revenue) <= 1e-9 * revenue)
        }
    }

    /// A converted path with no touches, or none left inside the lookback, is credited to
    /// `direct` under every model; a lost path with no touches counts for nothing. Markov
    /// splits the total revenue (450) by conversion shares: `direct` is on 2 of the 3
    /// converting walks and nothing else is, so RE(direct) = 2/3, RE(email) = 1/3: 300
    /// and 150.
    @Test func convertedPathsWithoutTouchesGoToDirect() {
        let conversion = F.t0 + 200 * F.day
        let stale = AttributionPath(touches: [PathTouch(channel: "ads", time: conversion - 120 * F.day, cost: 5)],
                                    converted: true, revenue: 300, conversionTime: conversion)
        let paths = [
            AttributionPath(touches: [], converted: true, revenue: 100),
            stale,
            AttributionPath(touches: [], converted: false),
            F.path(["email"], revenue: 50),
        ]
        for rule in AttributionModel.allCases {
            let rows = table(AttributionComputation.credit(paths: paths, model: rule))
            #expect(approx(rows["direct"]?.revenue, rule == .markov ? 300 : 400), "\(rule)")
            #expect(approx(rows["direct"]?.conversions, 2), "\(rule)")
            #expect(rows["direct"]?.touches == 0)
            #expect(approx(rows["email"]?.revenue, rule == .markov ? 150 : 50), "\(rule)")
            // Outside the lookback: no credit, but its touch and cost still count.
            #expect(rows["ads"]?.revenue == 0 && rows["ads"]?.touches == 1 && rows["ads"]?.touchCost == 5)
        }
        let noLookback = AttributionParameters(lookbackDays: nil)
        let rows = table(AttributionComputation.credit(paths: paths, model: .linear, parameters: noLookback))
        #expect(approx(rows["ads"]?.revenue, 300))
        #expect(approx(rows["direct"]?.revenue, 100))
    }

    /// maxChannels 2: c0 (5 touches) and c1 (3) keep their names; c2 and c3 become `other`,
    /// their touches, costs and credit summed.
    @Test func channelsPastTheCapAreSummedAsOther() {
        let paths = [
            F.path(["c0", "c0", "c0", "c1"], revenue: 40, cost: 1),
            F.path(["c0", "c1", "c2"], revenue: 30, cost: 1),
            F.path(["c0", "c1", "c3"], converted: false, cost: 1),
        ]
        let parameters = AttributionParameters(maxChannels: 2)
        for rule in AttributionModel.allCases {
            let rows = AttributionComputation.credit(paths: paths, model: rule, parameters: parameters)
            #expect(Set(rows.map(\.channel)) == ["c0", "c1", "other"], "\(rule)")
            let other = table(rows)["other"]
            #expect(other?.touches == 2 && other?.touchCost == 2)
        }
        let linear = table(AttributionComputation.credit(paths: paths, model: .linear, parameters: parameters))
        #expect(approx(linear["other"]?.revenue, 10))
        #expect(approx(linear["c0"]?.revenue, 40))
    }

    /// Equal touch counts: the cap keeps names in alphabetical order.
    @Test func capTiesAreBrokenByName() {
        let paths = [F.path(["b", "a", "c"], revenue: 30)]
        let capped = AttributionParameters(maxChannels: 2)
        let rows = AttributionComputation.credit(paths: paths, model: .linear, parameters: capped)
        #expect(Set(rows.map(\.channel)) == ["a", "b", "other"])
    }

    @Test func touchesCostAndAIAssistedCountEveryTouchGiven() {
        let paths = [
            AttributionPath(touches: [PathTouch(channel: "whatsapp", time: F.t0, aiAssisted: true, cost: 0.02),
                                      PathTouch(channel: "whatsapp", time: F.t0 + 1, aiAssisted: true, cost: 0.02),
                                      PathTouch(channel: "email", time: F.t0 + 2, cost: 0.5)],
                            converted: true, revenue: 900, conversionTime: F.t0 + 3),
            AttributionPath(touches: [PathTouch(channel: "whatsapp", time: F.t0, cost: 0.02)], converted: false),
        ]
        let rows = table(AttributionComputation.credit(paths: paths, model: .lastTouch))
        #expect(rows["whatsapp"]?.touches == 3 && rows["whatsapp"]?.aiAssistedTouches == 2)
        #expect(approx(rows["whatsapp"]?.touchCost, 0.06))
        #expect(rows["email"]?.touches == 1 && rows["email"]?.touchCost == 0.5)
        #expect(rows["email"]?.revenue == 900 && rows["whatsapp"]?.revenue == 0)
    }

    @Test func rowsAreHighestRevenueFirstThenByName() {
        let paths = [F.path(["b"], revenue: 10), F.path(["a"], revenue: 10), F.path(["z"], revenue: 20),
                     F.path(["y"], converted: false)]
        let rows = AttributionComputation.credit(paths: paths, model: .firstTouch)
        #expect(rows.map(\.channel) == ["z", "a", "b", "y"])
    }

    @Test func noPathsGiveNoRows() {
        for rule in AttributionModel.allCases {
            #expect(AttributionComputation.credit(paths: [], model: rule).isEmpty)
        }
    }

    @Test func preparedPathsCreditLikeTheEntryPoint() {
        let paths = F.randomPaths(seed: 3, count: 500, channels: 7)
        let prepared = PreparedPaths(paths)
        for rule in AttributionModel.allCases {
            #expect(prepared.credit(rule) == AttributionComputation.credit(paths: paths, model: rule))
        }
    }

    /// The lookback in the entry point is the same filter as `withinLookback`.
    @Test func entryPointLookbackMatchesTheFilter() {
        let paths = F.randomPaths(seed: 8, count: 500, channels: 5)
        let filtered = paths.map { $0.withinLookback(days: 30) }
        let thirty = AttributionParameters(lookbackDays: 30)
        let all = AttributionParameters(lookbackDays: nil)
        let credit = { (rows: [ChannelCredit]) in Dictionary(uniqueKeysWithValues: rows.map { ($0.channel, $0.revenue) }) }
        for rule in AttributionModel.allCases {
            let ca = credit(AttributionComputation.credit(paths: paths, model: rule, parameters: thirty))
            let cb = credit(AttributionComputation.credit(paths: filtered, model: rule, parameters: all))
            for (channel, value) in ca {
                #expect(abs(value - (cb[channel] ?? 0)) <= 1e-9 * max(1, value), "\(rule) \(channel)")
            }
        }
    }
}
