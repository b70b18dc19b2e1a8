@testable import FlowCore
import FlowTestKit
import Testing

/// The Markov chain model: transition probabilities, P(conversion) and removal effects on
/// a set of paths worked by hand, and the exact solver against other ways to the same
/// numbers.
@Suite struct AttributionMarkovTests {
    static let t0 = TestTime.start

    static func path(_ channels: String, converted: Bool, revenue: Double = 0) -> AttributionPath {
        let names = channels.split(separator: ">").map(String.init)
        return AttributionPath(
            touches: names.enumerated().map { PathTouch(channel: $1, time: t0 + Int64($0) * 60_000) },
            converted: converted, revenue: revenue)
    }

    /// Paths: A > B converts 100, A goes nowhere, B converts 50.
    ///
    /// Transitions (counts / out of the state):
    ///   start -> A 2/3, start -> B 1/3;  A -> B 1/2, A -> null 1/2;  B -> conversion 2/2.
    /// P = P(start -> A) P(A -> B) P(B -> conv) + P(start -> B) P(B -> conv)
    ///   = 2/3 * 1/2 * 1 + 1/3 * 1 = 2/3 (the observed rate, 2 of 3).
    /// Without A (start -> A now goes to null): P = 1/3, RE(A) = 1 - (1/3)/(2/3) = 1/2.
    /// Without B (start -> B and A -> B go to null): P = 0, RE(B) = 1.
    /// Shares: A 0.5 / 1.5 = 1/3, B 2/3; of revenue 150: A 50, B 100; of 2 conversions:
    /// A 2/3, B 4/3.
    static let handPaths = [
        path("A>B", converted: true, revenue: 100),
        path("A", converted: false),
        path("B", converted: true, revenue: 50),
    ]

    func removalEffect(_ result: MarkovAttributionResult, _ channel: String) -> Double? {
        result.channels.firstIndex(of: channel).map { result.removalEffects[$0] }
    }

    @Test func transitionProbabilitiesAreCountsOverOutgoingSteps() {
        let prepared = PreparedPaths(Self.handPaths)
        let walks = StateWalks(prepared, order: 1, maxStates: .max)
        let chain = AbsorbingChain(counts: walks?.transitionCounts() ?? [], transient: 3)
        let a = 1 + (prepared.names.firstIndex(of: "A") ?? -1)
        let b = 1 + (prepared.names.firstIndex(of: "B") ?? -1)
        #expect(approx(chain.q[0 * 3 + a], 2.0 / 3))
        #expect(approx(chain.q[0 * 3 + b], 1.0 / 3))
        #expect(approx(chain.q[a * 3 + b], 0.5))
        #expect(chain.r[a] == 0)
        #expect(chain.r[b] == 1)
        #expect(approx(chain.conversionProbability(), 2.0 / 3))
    }

    @Test func removalEffectsOfTheHandExample() {
        let result = MarkovAttribution.analyze(Self.handPaths)
        #expect(approx(result.conversionProbability, 2.0 / 3))
        #expect(approx(removalEffect(result, "A"), 0.5))
        #expect(approx(removalEffect(result, "B"), 1))
        #expect(result.order == 1)
    }

    @Test func creditOfTheHandExample() {
        let rows = AttributionComputation.credit(paths: Self.handPaths, model: .markov)
        #expect(rows.map(\.channel) == ["B", "A"])
        #expect(approx(rows[0].revenue, 100) && approx(rows[0].conversions, 4.0 / 3))
        #expect(approx(rows[1].revenue, 50) && approx(rows[1].conversions, 2.0 / 3))
        #expect(rows.map(\.touches) == [2, 2])
    }

    /// Back-to-back repeats are one visit (ChannelAttribution's `markov_model`): A > A > B
    /// is A > B, so the effects are those of the hand example.
    @Test func consecutiveRepeatsCollapse() {
        var paths = Self.handPaths
        paths[0] = Self.path("A>A>B>B", converted: true, revenue: 100)
        let result = MarkovAttribution.analyze(paths)
        #expect(approx(removalEffect(result, "A"), 0.5))
        #expect(approx(removalEffect(result, "B"), 1))
        #expect(approx(result.conversionProbability, 2.0 / 3))
    }

    /// A channel from which no journey goes on to convert is worth nothing. (Only "from
    /// which": the chain has no memory, so X > A, lost, would still lead on through A's
    /// own steps to B and conversion, and earn X a share.)
    @Test func aChannelOnlyOnLostPathsHasNoEffect() {
        let paths = Self.handPaths + [Self.path("X", converted: false), Self.path("A>X", converted: false)]
        let result = MarkovAttribution.analyze(paths)
        #expect(removalEffect(result, "X") == 0)
        let rows = AttributionComputation.credit(paths: paths, model: .markov)
        #expect(rows.first { $0.channel == "X" }?.revenue == 0)
        #expect(rows.first { $0.channel == "X" }?.touches == 2)
    }

    @Test func noConversionsMeansNoCredit() {
        let paths = [Self.path("A>B", converted: false), Self.path("B", converted: false)]
        let result = MarkovAttribution.analyze(paths)
        #expect(result.conversionProbability == 0)
        #expect(result.removalEffects.allSatisfy { $0 == 0 })
        #expect(AttributionComputation.credit(paths: paths, model: .markov).allSatisfy { $0.revenue == 0 })
    }

    /// Order 2: states are pairs. A > B converts, B > A does not: P = 1/2; both states hold
    /// both channels, so removing either leaves nothing: RE 1 each, shares 1/2.
    @Test func secondOrderStatesArePairs() {
        let paths = [Self.path("A>B", converted: true, revenue: 10), Self.path("B>A", converted: false)]
        let result = MarkovAttribution.analyze(paths, parameters: AttributionParameters(markovOrder: 2))
        #expect(result.order == 2)
        #expect(result.stateCount == 2)
        #expect(approx(result.conversionProbability, 0.5))
        #expect(approx(removalEffect(result, "A"), 1) && approx(removalEffect(result, "B"), 1))
    }

    /// Order 2 on A > B > C converting and C alone converting: states (A,B), (B,C), (C).
    /// Removing A kills only the first path: P 1 -> 1/2, RE(A) = 1/2; likewise B; C 1.
    @Test func secondOrderKeepsShortPathsAsOneState() {
        let paths = [Self.path("A>B>C", converted: true, revenue: 10), Self.path("C", converted: true, revenue: 10)]
        let result = MarkovAttribution.analyze(paths, parameters: AttributionParameters(markovOrder: 2))
        #expect(result.stateCount == 3)
        #expect(approx(result.conversionProbability, 1))
        #expect(approx(removalEffect(result, "A"), 0.5))
        #expect(approx(removalEffect(result, "B"), 0.5))
        #expect(approx(removalEffect(result, "C"), 1))
    }

    /// Over two channels this path holds 7 distinct triples but only 4 pairs and 2 singles.
    @Test func tooManyStatesFallsBackToALowerOrder() {
        let paths = [Self.path("A>A>A>B>B>B>A>B>A", converted: true, revenue: 10), Self.path("B", converted: false)]
        let third = MarkovAttribution.analyze(paths, parameters: AttributionParameters(markovOrder: 3, maxMarkovStates: 8))
        #expect(third.order == 3 && third.stateCount == 8)
        let second = MarkovAttribution.analyze(paths, parameters: AttributionParameters(markovOrder: 3, maxMarkovStates: 5))
        #expect(second.order == 2 && second.stateCount == 5)
        let first = MarkovAttribution.analyze(paths, parameters: AttributionParameters(markovOrder: 3, maxMarkovStates: 1))
        #expect(first.order == 1 && first.stateCount == 2)
    }

    /// The fast removal (one inverse, a Schur complement per channel) against solving the
    /// reduced system anew for each channel, on random journeys of orders 1 to 3.
    @Test(arguments: [1, 2, 3])
    func schurRemovalMatchesDirectSolves(order: Int) {
        let paths = AttributionFixtures.randomPaths(seed: UInt64(order) * 31, count: 400, channels: 6)
        let prepared = PreparedPaths(paths, parameters: AttributionParameters(lookbackDays: nil, markovOrder: order))
        guard let walks = StateWalks(prepared, order: order, maxStates: .max) else {
            Issue.record("no walks")
            return
        }
        let n = walks.stateChannels.count + 1
        let chain = AbsorbingChain(counts: walks.transitionCounts(), transient: n)
        var statesOf = [[Int]](repeating: [], count: prepared.channelCount)
        for (s, channels) in walks.stateChannels.enumerated() {
            for c in Set(channels) { statesOf[Int(c)].append(s + 1) }
        }
        let (p, effects) = chain.removalEffects(of: statesOf)
        #expect(approx(p, chain.conversionProbability()))
        for (c, states) in statesOf.enumerated() {
            var removed = [Bool](repeating: false, count: n)
            for s in states { removed[s] = true }
            let direct = 1 - chain.conversionProbability(removing: removed) / p
            #expect(abs(effects[c] - direct) < 1e-9, "channel \(prepared.names[c]) order \(order)")
        }
    }

    /// P(conversion) by Gaussian elimination against plain fixed-point iteration
    /// `x <- Q x + r`, which needs no elimination at all.
    @Test func exactSolveMatchesFixedPointIteration() {
        let paths = AttributionFixtures.randomPaths(seed: 99, count: 300, channels: 8)
        let prepared = PreparedPaths(paths)
        guard let walks = StateWalks(prepared, order: 1, maxStates: .max) else { return }
        let n = walks.stateChannels.count + 1
        let chain = AbsorbingChain(counts: walks.transitionCounts(), transient: n)
        var x = [Double](repeating: 0, count: n)
        for _ in 0..<5_000 {
            x = (0..<n).map { i in chain.r[i] + (0..<n).reduce(0) { $0 + chain.q[i * n + $1] * x[$1] } }
        }
        #expect(abs(x[0] - chain.conversionProbability()) < 1e-12)
    }

    /// The removal effect is the part of P that passes through the channel:
    /// P(visit c, then convert) / P.
    @Test func removalEffectIsTheShareOfConversionsThroughTheChannel() {
        let result = MarkovAttribution.analyze(Self.handPaths)
        // Through B: every converting walk (A > B and B): 2/3 of 2/3 -> 1. Through A:
        // start -> A -> B -> conversion = 1/3 of 2/3 -> 1/2.
        #expect(approx(removalEffect(result, "B"), (1.0 / 3 + 1.0 / 3) / (2.0 / 3)))
        #expect(approx(removalEffect(result, "A"), (1.0 / 3) / (2.0 / 3)))
    }
}
