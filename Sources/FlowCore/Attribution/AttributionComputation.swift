/// The one entry point of attribution: paths in, credit per channel out, under any model.
///
/// Under every model the credited revenue adds up to the converted paths' revenue and
/// the credited conversions to their count (up to floating-point rounding); a converted
/// path with no touch inside its lookback window is credited to `direct`. Channels
/// beyond `maxChannels` (by touches) are summed as `other` under every model, so the
/// rows are the same whichever model is shown.
///
/// ```swift
/// let rows = AttributionComputation.credit(paths: paths, model: .markov)
/// rows.first?.channel   // the channel with the most credited revenue
/// ```
public enum AttributionComputation {
    public static func credit(paths: [AttributionPath], model: AttributionModel,
                              parameters: AttributionParameters = AttributionParameters()) -> [ChannelCredit] {
        PreparedPaths(paths, parameters: parameters).credit(model)
    }
}

extension PreparedPaths {
    /// Credit per channel under `rule`: one row per channel touched or credited,
    /// highest revenue first.
    public func credit(_ rule: AttributionModel) -> [ChannelCredit] {
        var revenue = [Double](repeating: 0, count: channelCount)
        var conversions = [Double](repeating: 0, count: channelCount)
        switch rule {
        case .markov:
            let shares = MarkovAttribution.analyze(self).shares
            for c in 0..<channelCount {
                revenue[c] = shares[c] * totalRevenue
                conversions[c] = shares[c] * Double(convertedCount)
            }
        case .shapley:
            ShapleyAttribution.credit(self, revenue: &revenue, conversions: &conversions)
        case .firstTouch, .lastTouch, .linear, .positionBased, .wShaped, .timeDecay:
            guard let pathRule = rule.pathRule else { preconditionFailure("\(rule) is a path rule") }
            creditPaths(pathRule, revenue: &revenue, conversions: &conversions)
        }
        return rows(revenue: revenue, conversions: conversions)
    }

    private func creditPaths(_ rule: PathRule, revenue: inout [Double], conversions: inout [Double]) {
        var weights: [Double] = []
        let halfLife = parameters.halfLifeMillis
        for p in 0..<pathCount where converted[p] {
            let lo = bounds[p]
            let hi = bounds[p + 1]
            PathWeights.fill(rule, times: time[lo..<hi], end: end[p], qualifiedAt: qualifiedAt[p],
                             halfLifeMillis: halfLife, into: &weights)
            let pathRevenue = self.revenue[p]
            for i in lo..<hi {
                let w = weights[i - lo]
                let c = Int(channel[i])
                revenue[c] += w * pathRevenue
                conversions[c] += w
            }
        }
    }
}
