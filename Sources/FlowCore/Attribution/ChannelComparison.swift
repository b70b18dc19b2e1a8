/// One channel under every model, side by side (`revenue[.markov]`...).
public struct ChannelComparison: Sendable, Equatable, Codable {
    public var channel: String
    public var touches: Int
    /// Same under every model: touch cost plus the channel's share of AI spend.
    public var cost: Double
    public var revenue: [AttributionModel: Double]
    public var conversions: [AttributionModel: Double]

    public init(channel: String, touches: Int, cost: Double, revenue: [AttributionModel: Double],
                conversions: [AttributionModel: Double]) {
        self.channel = channel
        self.touches = touches
        self.cost = cost
        self.revenue = revenue
        self.conversions = conversions
    }

    /// The channel's row under `model`.
    public func row(_ model: AttributionModel) -> AttributionRow {
        let r = revenue[model] ?? 0
        return AttributionRow(channel: channel, revenue: r, conversions: conversions[model] ?? 0, cost: cost,
                              roi: cost > 0 ? (r - cost) / cost : nil, touches: touches)
    }
}
