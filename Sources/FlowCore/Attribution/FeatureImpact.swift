/// What one product feature (`feature_used`) did for the leads it touched: their
/// conversion rate and revenue per lead next to the leads it did not touch, the lift, and
/// the revenue credited to the feature's touches. The original framework's
/// `/attribution/features`. Definitions: docs/attribution.md, "Feature impact and AI ROI".
///
/// Rates and per-lead revenue are nil when their group has no lead; `lift` is nil when
/// either rate is nil or the untouched rate is 0.
public struct FeatureImpactRow: Sendable, Equatable, Hashable, Codable {
    public var feature: String
    /// Leads with at least one touch of the feature inside their lookback window.
    public var leadsTouched: Int
    public var conversionsTouched: Int
    /// `conversionsTouched / leadsTouched`.
    public var conversionRateTouched: Double?
    /// Won revenue of the touched leads / `leadsTouched`.
    public var revenuePerLeadTouched: Double?
    /// Every other lead given (including those with no touch at all).
    public var leadsNotTouched: Int
    public var conversionsNotTouched: Int
    public var conversionRateNotTouched: Double?
    public var revenuePerLeadNotTouched: Double?
    /// `conversionRateTouched / conversionRateNotTouched`.
    public var lift: Double?
    /// Sum over converted paths of (weights of the feature's touches) × path revenue.
    public var attributedRevenue: Double

    public init(feature: String, leadsTouched: Int, conversionsTouched: Int, conversionRateTouched: Double?,
                revenuePerLeadTouched: Double?, leadsNotTouched: Int, conversionsNotTouched: Int,
                conversionRateNotTouched: Double?, revenuePerLeadNotTouched: Double?, lift: Double?,
                attributedRevenue: Double) {
        self.feature = feature
        self.leadsTouched = leadsTouched
        self.conversionsTouched = conversionsTouched
        self.conversionRateTouched = conversionRateTouched
        self.revenuePerLeadTouched = revenuePerLeadTouched
        self.leadsNotTouched = leadsNotTouched
        self.conversionsNotTouched = conversionsNotTouched
        self.conversionRateNotTouched = conversionRateNotTouched
        self.revenuePerLeadNotTouched = revenuePerLeadNotTouched
        self.lift = lift
        self.attributedRevenue = attributedRevenue
    }
}

/// Feature impact over the same paths attribution reads, in one pass.
///
/// ```swift
/// let rows = FeatureImpact.analyze(paths, model: .linear, parameters: AttributionParameters())
/// rows.first?.feature   // the feature credited with the most revenue
/// ```
public enum FeatureImpact {
    /// One row per feature seen on a touch inside some path's lookback window, highest
    /// attributed revenue first, then most leads touched, then by name. Touches whose
    /// feature is nil, empty or `none` (any case) count as no feature. Markov and Shapley
    /// credit channels, not touches, so under them the per-touch weights are linear's.
    public static func analyze(_ paths: [AttributionPath], model: AttributionModel,
                               parameters: AttributionParameters) -> [FeatureImpactRow] {
        analyze(PreparedPaths(paths, parameters: parameters), model: model)
    }

    /// The same over prepared paths (touches already inside their lookback).
    public static func analyze(_ prepared: PreparedPaths, model: AttributionModel) -> [FeatureImpactRow] {
        let rule = model.pathRule ?? .linear
        let halfLife = prepared.parameters.halfLifeMillis
        let count = prepared.featureNames.count
        var leads = [Int](repeating: 0, count: count)
        var conversions = [Int](repeating: 0, count: count)
        var revenue = [Double](repeating: 0, count: count)
        var attributed = [Double](repeating: 0, count: count)
        // lastPath[f] == p: feature f already counted for path p (no set per path).
        var lastPath = [Int](repeating: -1, count: count)
        var weights: [Double] = []
        var totalConversions = 0
        var totalRevenue = 0.0

        for p in 0..<prepared.pathCount {
            let won = prepared.converted[p]
            let pathRevenue = won ? prepared.revenue[p] : 0
            let lo = prepared.bounds[p]
            let hi = prepared.bounds[p + 1]
            if won {
                totalConversions += 1
                totalRevenue += pathRevenue
                PathWeights.fill(rule, times: prepared.time[lo..<hi], end: prepared.end[p],
                                 qualifiedAt: prepared.qualifiedAt[p], halfLifeMillis: halfLife, into: &weights)
            }
            for i in lo..<hi {
                let f = Int(prepared.feature[i])
                guard f >= 0 else { continue }
                if won { attributed[f] += weights[i - lo] * pathRevenue }
                if lastPath[f] != p {
                    lastPath[f] = p
                    leads[f] += 1
                    if won { conversions[f] += 1 }
                    revenue[f] += pathRevenue
                }
            }
        }

        let totalLeads = prepared.pathCount
        return (0..<count).filter { leads[$0] > 0 }.map { id in
            let otherLeads = totalLeads - leads[id]
            let otherConversions = totalConversions - conversions[id]
            let rate = ratio(Double(conversions[id]), leads[id])
            let otherRate = ratio(Double(otherConversions), otherLeads)
            var lift: Double?
            if let rate, let otherRate, otherRate > 0 { lift = rate / otherRate }
            return FeatureImpactRow(
                feature: prepared.featureNames[id], leadsTouched: leads[id], conversionsTouched: conversions[id],
                conversionRateTouched: rate, revenuePerLeadTouched: ratio(revenue[id], leads[id]),
                leadsNotTouched: otherLeads, conversionsNotTouched: otherConversions,
                conversionRateNotTouched: otherRate,
                revenuePerLeadNotTouched: ratio(totalRevenue - revenue[id], otherLeads),
                lift: lift, attributedRevenue: attributed[id])
        }.sorted { a, b in
            if a.attributedRevenue != b.attributedRevenue { return a.attributedRevenue > b.attributedRevenue }
            if a.leadsTouched != b.leadsTouched { return a.leadsTouched > b.leadsTouched }
            return a.feature < b.feature
        }
    }

    private static func ratio(_ value: Double, _ count: Int) -> Double? {
        count > 0 ? value / Double(count) : nil
    }
}

/// Feature names that mean "no feature was used".
enum TouchWeighting {
    /// nil, "" and "none" in any case mean no feature was used.
    static func isNoFeature(_ name: String) -> Bool {
        name.isEmpty || (name.utf8.count == 4 && name.lowercased() == "none")
    }
}
