/// What AI cost and what it earned over a set of paths: the original framework's
/// `/attribution/ai-roi`. Definitions: docs/attribution.md, "Feature impact and AI ROI".
public struct AIROISummary: Sendable, Equatable, Hashable {
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
        var walker = TouchWeighting(model: model, parameters: parameters)
        var touchCost = 0.0
        var aiTouches = 0
        var revenue = 0.0
        var won = 0
        for path in paths {
            for touch in path.touches where touch.aiAssisted {
                aiTouches += 1
                touchCost += touch.cost
            }
            guard path.converted else { continue }
            walker.load(path, weigh: true)
            var share = 0.0
            var assisted = false
            for (k, i) in walker.indices.enumerated() where path.touches[i].aiAssisted {
                assisted = true
                share += walker.weights[k]
            }
            if assisted {
                won += 1
                revenue += share * path.revenue
            }
        }
        let requestSpend = aiRequestSpend.isFinite ? max(0, aiRequestSpend) : 0
        return AIROISummary(model: model, aiRequestSpend: requestSpend, aiTouchCost: touchCost,
                            aiAssistedTouches: aiTouches, attributedRevenue: revenue, wonDealsWithAI: won)
    }
}
