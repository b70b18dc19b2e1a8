#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The six rules that split one converted path's credit over its own touches. Each gives
/// a weight per touch, in the path's order, adding up to 1 (none for an empty path); a
/// channel touched twice collects both weights. Formulas and edge cases, with worked
/// examples: docs/attribution.md.
///
/// The functions here see the touches they are given: to apply the lookback first, pass
/// `path.withinLookback(days:)`. `AttributionComputation` does that for you.
///
/// ```swift
/// let path = AttributionPath(touches: abcd, converted: true, revenue: 100)
/// PathWeights.weights(.positionBased, for: path)          // [0.4, 0.1, 0.1, 0.4]
/// PathWeights.channelShares(.linear, for: path)["A"]       // 0.25
/// ```
public enum PathWeights {
    /// Position-based (U-shaped) shares of the first and last touch; the middle ones
    /// split the rest, `1 - 2 * 0.4`.
    public static let positionEndShare = 0.4
    /// W-shaped shares of the first, opportunity and last touch; the others split the rest.
    public static let wShapedKeyShare = 0.3

    /// Per-touch weights of `path` under `rule`.
    public static func weights(_ rule: PathRule, for path: AttributionPath,
                               parameters: AttributionParameters = AttributionParameters()) -> [Double] {
        var w: [Double] = []
        guard let end = path.end else { return w }
        fill(rule, times: path.touches.map(\.time)[...], end: end, qualifiedAt: path.qualifiedAt,
             halfLifeMillis: parameters.halfLifeMillis, into: &w)
        return w
    }

    /// Each channel's share of `path`'s credit under `rule` (shares add up to 1; an empty
    /// path has none).
    public static func channelShares(_ rule: PathRule, for path: AttributionPath,
                                     parameters: AttributionParameters = AttributionParameters()) -> [String: Double] {
        let w = weights(rule, for: path, parameters: parameters)
        var shares: [String: Double] = [:]
        for (touch, weight) in zip(path.touches, w) { shares[touch.channel, default: 0] += weight }
        return shares
    }

    /// Position-based over `count` touches: 1 touch 100%; 2 touches 50/50; more, 40% to
    /// the first, 40% to the last, 20% split evenly over those between.
    public static func positionBased(count n: Int) -> [Double] {
        var w: [Double] = []
        fillPositionBased(count: n, into: &w)
        return w
    }

    /// W-shaped over `count` touches with the opportunity touch at `opportunity`
    /// (0..<count): 1 touch 100%; 2 touches 50/50; 3 or more, 30% each to the first, the
    /// opportunity and the last touch (merged where they coincide) and 10% split evenly
    /// over the rest; with no rest (3 touches, opportunity in the middle) 1/3 each.
    public static func wShaped(count n: Int, opportunity: Int) -> [Double] {
        var w: [Double] = []
        fillWShaped(count: n, opportunity: min(max(0, opportunity), max(0, n - 1)), into: &w)
        return w
    }

    /// The opportunity touch of W-shaped: the last touch at or before `qualifiedAt`; when
    /// there is none (or no `qualifiedAt`), the middle touch, `(count - 1) / 2` rounded
    /// down (the earlier of the two middles for an even count).
    public static func opportunityIndex<C: Collection>(times: C, qualifiedAt: EpochMillis?) -> Int
    where C.Element == EpochMillis {
        if let qualifiedAt {
            var index = 0
            var found: Int?
            for time in times {
                if time <= qualifiedAt { found = index } else { break }
                index += 1
            }
            if let found { return found }
        }
        return (times.count - 1) / 2
    }

    /// Time decay: weight `2^(-age / halfLife)` per touch, normalized to add up to 1.
    /// Ages in any unit (the half-life's); negative ages count as 0.
    public static func timeDecay(ages: [Double], halfLife: Double) -> [Double] {
        guard let youngest = ages.map({ max(0, $0) }).min() else { return [] }
        // Relative to the youngest touch: the same after normalizing, and never all zero.
        let raw = ages.map { exp2(-(max(0, $0) - youngest) / halfLife) }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }

    // MARK: - The shared core, allocation-free given a reused buffer

    /// Writes the weights of a path whose touch times are `times` into `w` (emptied
    /// first, capacity kept): the inner loop of `AttributionComputation`.
    static func fill(_ rule: PathRule, times: ArraySlice<EpochMillis>, end: EpochMillis, qualifiedAt: EpochMillis?,
                     halfLifeMillis: Double, into w: inout [Double]) {
        let n = times.count
        w.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        switch rule {
        case .firstTouch:
            w.append(1)
            w.append(contentsOf: repeatElement(0, count: n - 1))
        case .lastTouch:
            w.append(contentsOf: repeatElement(0, count: n - 1))
            w.append(1)
        case .linear:
            w.append(contentsOf: repeatElement(1 / Double(n), count: n))
        case .positionBased:
            fillPositionBased(count: n, into: &w)
        case .wShaped:
            fillWShaped(count: n, opportunity: opportunityIndex(times: times, qualifiedAt: qualifiedAt), into: &w)
        case .timeDecay:
            var youngest = Double.infinity
            for t in times { youngest = min(youngest, max(0, Double(end) - Double(t))) }
            var sum = 0.0
            for t in times {
                let weight = exp2(-(max(0, Double(end) - Double(t)) - youngest) / halfLifeMillis)
                w.append(weight)
                sum += weight
            }
            for i in w.indices { w[i] /= sum }
        }
    }

    /// The lengths on which position-based and W-shaped agree: none, [1], [0.5, 0.5].
    /// Returns false, with `w` emptied, for three touches or more.
    private static func fillShort(count n: Int, into w: inout [Double]) -> Bool {
        w.removeAll(keepingCapacity: true)
        switch n {
        case ..<1: return true
        case 1: w.append(1)
        case 2: w.append(contentsOf: [0.5, 0.5])
        default: return false
        }
        return true
    }

    static func fillPositionBased(count n: Int, into w: inout [Double]) {
        if fillShort(count: n, into: &w) { return }
        w.append(positionEndShare)
        w.append(contentsOf: repeatElement((1 - 2 * positionEndShare) / Double(n - 2), count: n - 2))
        w.append(positionEndShare)
    }

    static func fillWShaped(count n: Int, opportunity o: Int, into w: inout [Double]) {
        if fillShort(count: n, into: &w) { return }
        let keys = o == 0 || o == n - 1 ? 2 : 3
        let others = n - keys
        if others == 0 {
            // Three touches, the opportunity in the middle: the 10% goes to the keys in
            // proportion to their 30% each.
            w.append(contentsOf: repeatElement(1 / 3, count: 3))
            return
        }
        w.append(contentsOf: repeatElement((1 - 3 * wShapedKeyShare) / Double(others), count: n))
        w[0] = wShapedKeyShare
        w[n - 1] = wShapedKeyShare
        if keys == 2 { w[o] += wShapedKeyShare } else { w[o] = wShapedKeyShare }
    }
}
