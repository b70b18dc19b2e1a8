@testable import FlowCore
import FlowTestKit
import Testing

/// The Shapley model: a two-channel game worked by hand, and the closed form against the
/// Shapley formula over every coalition.
@Suite struct AttributionShapleyTests {
    /// Paths: A converts 100; A > B converts 60; B > B converts 30; B goes nowhere.
    /// v(S) = revenue of converted paths whose channel set lies in S:
    ///   v({}) = 0, v({A}) = 100, v({B}) = 30, v({A, B}) = 190.
    /// phi(A) = 1/2 [v(A) - v({})] + 1/2 [v(AB) - v(B)] = 1/2 * 100 + 1/2 * 160 = 130;
    /// phi(B) = 1/2 [v(B) - v({})] + 1/2 [v(AB) - v(A)] = 1/2 * 30 + 1/2 * 90 = 60.
    /// Closed form: A gets 100 + 60/2 = 130, B gets 60/2 + 30 = 60. Conversions the same
    /// way with value 1 per path: A 1 + 1/2, B 1/2 + 1.
    @Test func twoChannelGameWorkedByHand() {
        let paths = [
            AttributionFixtures.path(["A"], revenue: 100),
            AttributionFixtures.path(["A", "B"], revenue: 60),
            AttributionFixtures.path(["B", "B"], revenue: 30),
            AttributionFixtures.path(["B"], converted: false),
        ]
        let rows = AttributionComputation.credit(paths: paths, model: .shapley)
        #expect(rows.map(\.channel) == ["A", "B"])
        #expect(approx(rows[0].revenue, 130) && approx(rows[0].conversions, 1.5))
        #expect(approx(rows[1].revenue, 60) && approx(rows[1].conversions, 1.5))
        #expect(rows.map(\.touches) == [2, 4])
    }

    /// Unlike linear, a channel touched many times on a path counts once.
    @Test func repeatsOnAPathCountOnce() {
        let paths = [AttributionFixtures.path(["A", "A", "A", "B"], revenue: 100)]
        let shapley = AttributionComputation.credit(paths: paths, model: .shapley)
        let linear = AttributionComputation.credit(paths: paths, model: .linear)
        #expect(shapley.map(\.revenue) == [50, 50])
        #expect(linear.map(\.revenue) == [75, 25])
    }

    /// phi(i) = sum over S not holding i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)),
    /// every coalition enumerated, on random journeys over up to 6 channels.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func closedFormMatchesTheShapleyFormula(seed: UInt64) {
        let paths = AttributionFixtures.randomPaths(seed: seed, count: 60, channels: 6)
        let parameters = AttributionParameters(lookbackDays: nil)
        let prepared = PreparedPaths(paths, parameters: parameters)
        let names = prepared.names
        let n = names.count
        // Each converted path as a bit set of its channels, with its revenue.
        var coalitions: [(set: Int, revenue: Double)] = []
        for p in 0..<prepared.pathCount where prepared.converted[p] {
            var set = 0
            for i in prepared.bounds[p]..<prepared.bounds[p + 1] { set |= 1 << Int(prepared.channel[i]) }
            coalitions.append((set, prepared.revenue[p]))
        }
        func v(_ s: Int) -> Double { coalitions.reduce(0) { $1.set & ~s == 0 ? $0 + $1.revenue : $0 } }
        func factorial(_ k: Int) -> Double { k <= 1 ? 1 : Double(k) * factorial(k - 1) }
        let rows = prepared.credit(.shapley)
        for i in 0..<n {
            var phi = 0.0
            for s in 0..<(1 << n) where s & (1 << i) == 0 {
                let size = s.nonzeroBitCount
                phi += factorial(size) * factorial(n - size - 1) / factorial(n) * (v(s | 1 << i) - v(s))
            }
            let credited = rows.first { $0.channel == names[i] }?.revenue ?? 0
            #expect(abs(credited - phi) < 1e-6 * max(1, phi), "\(names[i]): \(credited) != \(phi)")
        }
    }
}
