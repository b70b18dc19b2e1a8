/// One channel's credit under one attribution model: revenue, conversions, cost and what
/// they return. A row of the attribution pane and of the attribution reports.
public struct AttributionRow: Sendable, Equatable, Codable {
    public var channel: String
    public var revenue: Double
    /// Conversions credited to the channel (fractional under multi-touch models).
    public var conversions: Double
    /// Touchpoint cost on this channel plus its share of AI spend.
    public var cost: Double
    /// (revenue - cost) / cost; nil when cost is 0.
    public var roi: Double?
    /// Touches on the channel in the period's paths (inside the lookback or not).
    public var touches: Int

    public init(channel: String, revenue: Double, conversions: Double, cost: Double, roi: Double?, touches: Int = 0) {
        self.channel = channel
        self.revenue = revenue
        self.conversions = conversions
        self.cost = cost
        self.roi = roi
        self.touches = touches
    }

    /// Return on ad spend, revenue / cost; nil when cost is 0.
    public var roas: Double? { cost > 0 ? revenue / cost : nil }
    /// Touches on the channel per conversion credited to it; nil with no conversion.
    public var touchesPerConversion: Double? { conversions > 0 ? Double(touches) / conversions : nil }
}
