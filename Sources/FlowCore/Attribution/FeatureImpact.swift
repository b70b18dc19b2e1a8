/// What one product feature (`feature_used`) did for the leads it touched: their
/// conversion rate and revenue per lead next to the leads it did not touch, the lift, and
/// the revenue credited to the feature's touches. The original framework's
/// `/attribution/features`. Definitions: docs/attribution.md, "Feature impact and AI ROI".
///
/// Rates and per-lead revenue are nil when their group has no lead; `lift` is nil when
/// either rate is nil or the untouched rate is 0.
public struct FeatureImpactRow: Sendable, Equatable, Hashable {
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
        var walker = TouchWeighting(model: model, parameters: parameters)
        var names: [String] = []
        var lookup: [String: Int] = [:]
        var leads: [Int] = []
        var conversions: [Int] = []
        var revenue: [Double] = []
        var attributed: [Double] = []
        var totalLeads = 0
        var totalConversions = 0
        var totalRevenue = 0.0
        var seen: [Int] = []
        var lastName = ""
        var lastID = -1

        for path in paths {
            let won = path.converted
            let pathRevenue = won ? path.revenue : 0
            totalLeads += 1
            if won { totalConversions += 1 }
            totalRevenue += pathRevenue
            walker.load(path, weigh: won)
            seen.removeAll(keepingCapacity: true)
            for (k, i) in walker.indices.enumerated() {
                guard let name = path.touches[i].feature else { continue }
                let id: Int
                if name == lastName, lastID >= 0 {
                    id = lastID
                } else {
                    if TouchWeighting.isNoFeature(name) { continue }
                    if let known = lookup[name] {
                        id = known
                    } else {
                        id = names.count
                        lookup[name] = id
                        names.append(name)
                        leads.append(0)
                        conversions.append(0)
                        revenue.append(0)
                        attributed.append(0)
                    }
                    lastName = name
                    lastID = id
                }
                if won { attributed[id] += walker.weights[k] * pathRevenue }
                if !seen.contains(id) { seen.append(id) }
            }
            for id in seen {
                leads[id] += 1
                if won { conversions[id] += 1 }
                revenue[id] += pathRevenue
            }
        }

        return names.indices.map { id in
            let otherLeads = totalLeads - leads[id]
            let otherConversions = totalConversions - conversions[id]
            let rate = ratio(Double(conversions[id]), leads[id])
            let otherRate = ratio(Double(otherConversions), otherLeads)
            var lift: Double?
            if let rate, let otherRate, otherRate > 0 { lift = rate / otherRate }
            return FeatureImpactRow(
                feature: names[id], leadsTouched: leads[id], conversionsTouched: conversions[id],
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

/// Walks one path at a time, reusing its buffers: the touches inside the path's lookback
/// window (indices into `path.touches`) and, when asked, their weights under the model's
/// path rule (linear for Markov and Shapley). Shared by `FeatureImpact` and `AIROI`.
struct TouchWeighting {
    let rule: PathRule
    let lookbackDays: Double?
    let halfLifeMillis: Double
    /// Indices into the loaded path's touches that may earn credit, in order.
    private(set) var indices: [Int] = []
    /// Per entry of `indices`, its weight (filled only when `load` was asked to weigh).
    private(set) var weights: [Double] = []
    private var times: [EpochMillis] = []

    init(model: AttributionModel, parameters: AttributionParameters) {
        rule = model.pathRule ?? .linear
        lookbackDays = parameters.lookbackDays
        halfLifeMillis = parameters.halfLifeMillis
    }

    mutating func load(_ path: AttributionPath, weigh: Bool) {
        indices.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        guard let end = path.end else { return }
        let window = LookbackWindow(end: end, days: lookbackDays)
        for (i, touch) in path.touches.enumerated() where window.contains(touch.time) {
            indices.append(i)
            times.append(touch.time)
        }
        if weigh {
            PathWeights.fill(rule, times: times[...], end: end, qualifiedAt: path.qualifiedAt,
                             halfLifeMillis: halfLifeMillis, into: &weights)
        }
    }

    /// nil, "" and "none" in any case mean no feature was used.
    static func isNoFeature(_ name: String) -> Bool {
        name.isEmpty || (name.utf8.count == 4 && name.lowercased() == "none")
    }
}
