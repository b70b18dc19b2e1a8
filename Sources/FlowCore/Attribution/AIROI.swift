/// What AI cost and what it earned over a set of paths: the original framework's
/// `/attribution/ai-roi`. Definitions: docs/attribution.md, "Feature impact and AI ROI".
public struct AIROISummary: Sendable, Equatable, Hashable, Codable {
    public var model: AttributionModel
    /// The AI request spend passed in (`ai_request` `cost_usd`); negative or non-finite as 0.
    public var aiRequestSpend: Double
    /// Cost of every AI-assisted touch given, inside the lookback or not.
    public var aiTouchCost: Double
    /// Every AI-assisted touch given, inside the lookback or not.
    public var aiAssistedTouches: Int
    /// `aiRequestSpend + aiTouchCost`.
    public var aiSpend: Double
    /// Sum over converted paths of (weights of their AI-assisted touches) × path revenue.
    public var attributedRevenue: Double
    /// Converted paths with at least one AI-assisted touch inside their lookback window.
    public var wonDealsWithAI: Int
    /// `aiSpend / wonDealsWithAI`; nil with no such deal.
    public var costPerWonDeal: Double?
    /// `(attributedRevenue - aiSpend) / aiSpend`; nil when nothing was spent.
    public var roi: Double?

    public init(model: AttributionModel, aiRequestSpend: Double, aiTouchCost: Double, aiAssistedTouches: Int,
                attributedRevenue: Double, wonDealsWithAI: Int) {
        self.model = model
        self.aiRequestSpend = aiRequestSpend
        self.aiTouchCost = aiTouchCost
        self.aiAssistedTouches = aiAssistedTouches
        self.attributedRevenue = attributedRevenue
        self.wonDealsWithAI = wonDealsWithAI
        let spend = aiRequestSpend + aiTouchCost
        aiSpend = spend
        costPerWonDeal = wonDealsWithAI > 0 ? spend / Double(wonDealsWithAI) : nil
        roi = spend > 0 ? (attributedRevenue - spend) / spend : nil
    }

    /// The executive summary in one line, e.g.
    /// `AI: $1.2k spent, $48.0k of revenue attributed (ROI 39x), $150 per won deal`.
    public var headline: String {
        let roiText = roi.map { "ROI \(Self.multiple($0))" } ?? "ROI n/a"
        let perDeal = costPerWonDeal.map { "\(Self.money($0)) per won deal" } ?? "no AI-assisted won deal"
        return "AI: \(Self.money(aiSpend)) spent, \(Self.money(attributedRevenue)) of revenue attributed "
            + "(\(roiText)), \(perDeal)"
    }

    /// `$12`, `$3.50`, `$150`, `$1.2k`, `$48.0k`, `$2.5M`, `-$40`.
    static func money(_ value: Double) -> String {
        guard value.isFinite else { return "$n/a" }
        let sign = value < 0 ? "-" : ""
        var a = abs(value)
        if a < 10, a != a.rounded() { return sign + "$" + decimals(a, places: 2) }
        if a.rounded() < 1000 { return sign + "$" + decimals(a, places: 0) }
        for unit in ["k", "M", "B", "T"] {
            a /= 1000
            if (a * 10).rounded() / 10 < 1000 || unit == "T" { return sign + "$" + decimals(a, places: 1) + unit }
        }
        return sign + "$" + decimals(a, places: 1) + "T"
    }

    /// `39x` at 10 and above, `3.2x` below, `-0.5x` for a loss.
    static func multiple(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let sign = value < 0 ? "-" : ""
        let a = abs(value)
        return sign + decimals(a, places: a.rounded() >= 10 ? 0 : 1) + "x"
    }

    /// `value` (>= 0, finite) rounded to `places` decimals, without Foundation.
    static func decimals(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled < 9e18 else { return "\(value)" }
        let n = UInt64(scaled)
        let s = UInt64(scale)
        guard places > 0 else { return "\(n)" }
        let fraction = String(n % s)
        return "\(n / s)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}

/// AI ROI of one tenant.
public struct TenantAIROI: Sendable, Equatable, Hashable, Codable {
    public var tenant: String
    public var summary: AIROISummary

    public init(tenant: String, summary: AIROISummary) {
        self.tenant = tenant
        self.summary = summary
    }
}

/// AI ROI over the same paths attribution reads, in one pass.
///
/// ```swift
/// let summary = AIROI.summarize(paths, aiRequestSpend: 1200, model: .linear, parameters: AttributionParameters())
/// summary.headline   // "AI: $1.2k spent, $48.0k of revenue attributed (ROI 39x), $150 per won deal"
/// ```
public enum AIROI {
    /// AI spend is `aiRequestSpend` plus the cost of every AI-assisted touch; the revenue
    /// is what the model's per-touch weights give the AI-assisted touches inside the
    /// lookback (linear's weights under Markov and Shapley, which credit channels only).
    public static func summarize(_ paths: [AttributionPath], aiRequestSpend: Double, model: AttributionModel,
                                 parameters: AttributionParameters) -> AIROISummary {
        summarize(PreparedPaths(paths, parameters: parameters), aiRequestSpend: aiRequestSpend, model: model)
    }

    /// The same over prepared paths, all tenants together.
    public static func summarize(_ prepared: PreparedPaths, aiRequestSpend: Double,
                                 model: AttributionModel) -> AIROISummary {
        let t = tally(prepared, model: model)
        return AIROISummary(model: model, aiRequestSpend: clean(aiRequestSpend),
                            aiTouchCost: prepared.tenantAICost.reduce(0, +),
                            aiAssistedTouches: prepared.tenantAITouches.reduce(0, +),
                            attributedRevenue: t.revenue.reduce(0, +), wonDealsWithAI: t.won.reduce(0, +))
    }

    /// One summary per tenant with paths or AI request spend, by tenant name.
    public static func byTenant(_ prepared: PreparedPaths, aiRequestSpend: [String: Double],
                                model: AttributionModel) -> [TenantAIROI] {
        let t = tally(prepared, model: model)
        var rows: [String: AIROISummary] = [:]
        for (i, name) in prepared.tenantNames.enumerated() {
            rows[name] = AIROISummary(model: model, aiRequestSpend: clean(aiRequestSpend[name] ?? 0),
                                      aiTouchCost: prepared.tenantAICost[i],
                                      aiAssistedTouches: prepared.tenantAITouches[i],
                                      attributedRevenue: t.revenue[i], wonDealsWithAI: t.won[i])
        }
        for (name, spend) in aiRequestSpend where rows[name] == nil {
            rows[name] = AIROISummary(model: model, aiRequestSpend: clean(spend), aiTouchCost: 0, aiAssistedTouches: 0,
                                      attributedRevenue: 0, wonDealsWithAI: 0)
        }
        return rows.map { TenantAIROI(tenant: $0.key, summary: $0.value) }.sorted { $0.tenant < $1.tenant }
    }

    /// Per tenant id: revenue credited to AI-assisted touches, and won paths with one.
    private static func tally(_ prepared: PreparedPaths, model: AttributionModel) -> (revenue: [Double], won: [Int]) {
        let rule = model.pathRule ?? .linear
        let halfLife = prepared.parameters.halfLifeMillis
        var revenue = [Double](repeating: 0, count: prepared.tenantNames.count)
        var won = [Int](repeating: 0, count: prepared.tenantNames.count)
        var weights: [Double] = []
        for p in 0..<prepared.pathCount where prepared.converted[p] {
            let lo = prepared.bounds[p]
            let hi = prepared.bounds[p + 1]
            guard prepared.aiAssisted[lo..<hi].contains(true) else { continue }
            PathWeights.fill(rule, times: prepared.time[lo..<hi], end: prepared.end[p],
                             qualifiedAt: prepared.qualifiedAt[p], halfLifeMillis: halfLife, into: &weights)
            var share = 0.0
            for i in lo..<hi where prepared.aiAssisted[i] { share += weights[i - lo] }
            let t = Int(prepared.tenant[p])
            won[t] += 1
            revenue[t] += share * prepared.revenue[p]
        }
        return (revenue, won)
    }

    /// Negative or non-finite spend counts as 0.
    private static func clean(_ spend: Double) -> Double { spend.isFinite ? max(0, spend) : 0 }
}
