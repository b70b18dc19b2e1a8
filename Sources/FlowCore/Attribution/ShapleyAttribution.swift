/// Data-driven attribution by the Shapley value, in the simplified form of Zhao et al.
/// (2018), "Shapley Value Methods for Attribution Modeling in Online Advertising".
///
/// The channels are players; a coalition S is worth the conversions (or revenue) of the
/// converted paths whose set of distinct channels lies inside S:
/// `v(S) = sum over converted paths p with channels(p) ⊆ S of value(p)`. Each path on its
/// own is a unanimity game on `channels(p)`, whose Shapley value gives each of those
/// channels `value(p) / |channels(p)|` and every other channel nothing; the Shapley value
/// is additive, so the value of `v` is that split summed over paths:
/// `phi(c) = sum over converted paths p containing c of value(p) / |channels(p)|`.
/// No subset is ever enumerated: one pass over the touches. (docs/attribution.md proves
/// the unanimity-game step.) It is the linear model over each path's *distinct* channels:
/// a channel touched three times counts once.
enum ShapleyAttribution {
    static func credit(_ prepared: PreparedPaths, revenue: inout [Double], conversions: inout [Double]) {
        // lastPath[c] == p marks c as already seen on path p: no set allocated per path.
        var lastPath = [Int](repeating: -1, count: prepared.channelCount)
        var distinct: [Int32] = []
        for p in 0..<prepared.pathCount where prepared.converted[p] {
            distinct.removeAll(keepingCapacity: true)
            for i in prepared.bounds[p]..<prepared.bounds[p + 1] {
                let c = prepared.channel[i]
                if lastPath[Int(c)] != p {
                    lastPath[Int(c)] = p
                    distinct.append(c)
                }
            }
            let share = 1 / Double(distinct.count)
            let pathRevenue = prepared.revenue[p]
            for c in distinct {
                revenue[Int(c)] += pathRevenue * share
                conversions[Int(c)] += share
            }
        }
    }
}
