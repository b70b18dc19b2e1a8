/// Attribution over the query's period (`EngineSnapshot.attribution`): the channels under
/// the chosen model, every channel under every model, feature impact, AI ROI and the most
/// common converting paths.
public struct AttributionSnapshot: Sendable, Equatable, Codable {
    public var model: AttributionModel
    /// Highest revenue first.
    public var rows: [AttributionRow]
    public var totalRevenue: Double
    public var totalCost: Double
    /// AI request spend (`ai_request` `cost_usd`) in the same scope and period, split over
    /// channels by AI-assisted touches in `cost`.
    public var aiSpend: Double
    /// The paths ended (won, or last touched) in these last days.
    public var periodDays: Int
    /// Paths in the period and how many converted.
    public var paths: Int
    public var conversions: Int
    /// Every channel of `rows`, in the same order, under every model.
    public var comparison: [ChannelComparison]
    /// Under `model` (linear's per-touch weights for Markov and Shapley).
    public var features: [FeatureImpactRow]
    public var aiROI: AIROISummary
    /// AI ROI under every model, in `AttributionModel.allCases` order.
    public var aiROIByModel: [AIROISummary]
    /// Under `model`, by tenant name.
    public var aiROIByTenant: [TenantAIROI]
    /// The most common converting paths, overall and per channel.
    public var topPaths: ConversionPaths
    /// Why there are no rows when that is not "no conversions": a fleet's sum under a
    /// model that does not add up across engines (`FleetBusiness`). Nil from an engine.
    public var note: String? = nil

    public init(model: AttributionModel, rows: [AttributionRow], totalRevenue: Double, totalCost: Double,
                aiSpend: Double, periodDays: Int = 30, paths: Int = 0, conversions: Int = 0,
                comparison: [ChannelComparison] = [], features: [FeatureImpactRow] = [],
                aiROI: AIROISummary? = nil, aiROIByModel: [AIROISummary] = [], aiROIByTenant: [TenantAIROI] = [],
                topPaths: ConversionPaths = ConversionPaths()) {
        self.model = model
        self.rows = rows
        self.totalRevenue = totalRevenue
        self.totalCost = totalCost
        self.aiSpend = aiSpend
        self.periodDays = periodDays
        self.paths = paths
        self.conversions = conversions
        self.comparison = comparison
        self.features = features
        self.aiROI = aiROI ?? AIROISummary(model: model, aiRequestSpend: aiSpend, aiTouchCost: 0, aiAssistedTouches: 0,
                                           attributedRevenue: 0, wonDealsWithAI: 0)
        self.aiROIByModel = aiROIByModel
        self.aiROIByTenant = aiROIByTenant
        self.topPaths = topPaths
    }

    /// The comparison row of `channel`, if it is listed.
    public func comparison(of channel: String) -> ChannelComparison? {
        comparison.first { $0.channel == channel }
    }
}
