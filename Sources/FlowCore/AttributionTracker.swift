/// Revenue, conversions and cost accumulated for one channel of one tenant.
struct ChannelTotals: Sendable, Equatable {
    /// Credited revenue per model, indexed like `AttributionModel.allCases`.
    var revenue = [Double](repeating: 0, count: AttributionModel.allCases.count)
    var conversions = [Double](repeating: 0, count: AttributionModel.allCases.count)
    /// Sum of the `cost` of touchpoints on this channel.
    var touchCost: Double = 0
    /// AI-assisted touchpoints on this channel: its weight in the AI-spend split.
    var aiTouches: Int64 = 0
}

/// Attribution of one tenant: its channels and its AI spend.
struct TenantAttribution: Sendable, Equatable {
    var channels: [String: ChannelTotals] = [:]
    var aiSpend: Double = 0
    var aiTouches: Int64 = 0
}

/// Credits won revenue to channels under every model at the moment of conversion, and
/// accumulates per tenant per channel, so a snapshot is a few additions per channel.
///
/// Models over a path of touches in time order (`c1, c2, ..., cn`) with revenue R:
/// - `first_touch`: c1 gets R and 1 conversion;
/// - `last_touch`: cn gets R and 1 conversion;
/// - `linear`: each touch gets R/n and 1/n (a channel touched twice gets 2R/n).
/// A won lead with no touches credits its lead source, or `direct` when the source is
/// unknown. Credits always add up to R and to one conversion.
///
/// Cost per channel = its touchpoint costs + its share of the tenant's AI spend
/// (`ai_request` cost_usd), split in proportion to AI-assisted touchpoints per channel.
/// With no AI-assisted touches the AI spend is not allocated: it shows only in `aiSpend`.
///
/// ```swift
/// var attribution = AttributionTracker()
/// attribution.credit(path: ["ads", "email"], revenue: 100, tenant: "acme")
/// attribution.snapshot(tenant: nil, model: .linear).rows   // ads 50, email 50
/// ```
struct AttributionTracker: Sendable {
    /// Channel labels kept per tenant; further channels count as `other`.
    static let maxChannelsPerTenant = 1_000
    static let directChannel = "direct"

    private var byTenant: [String: TenantAttribution] = [:]

    private func channelLabel(_ channel: String, in t: TenantAttribution) -> String {
        if t.channels[channel] != nil || t.channels.count < Self.maxChannelsPerTenant { return channel }
        return SLOTracker.overflowLabel
    }

    mutating func recordTouch(channel: String, cost: Double, aiAssisted: Bool, tenant: String) {
        let label = channelLabel(channel, in: byTenant[tenant] ?? TenantAttribution())
        byTenant[tenant, default: TenantAttribution()].channels[label, default: ChannelTotals()].touchCost += cost
        if aiAssisted {
            byTenant[tenant, default: TenantAttribution()].channels[label, default: ChannelTotals()].aiTouches += 1
            byTenant[tenant, default: TenantAttribution()].aiTouches += 1
        }
    }

    mutating func recordAISpend(_ cost: Double, tenant: String) {
        byTenant[tenant, default: TenantAttribution()].aiSpend += cost
    }

    /// Credits one conversion of `revenue` over `path` (channels in time order) under
    /// every model. An empty path is a caller error; it credits nothing.
    mutating func credit(path: [String], revenue: Double, tenant: String) {
        guard let first = path.first, let last = path.last else { return }
        let models = AttributionModel.allCases
        func add(_ channel: String, _ model: AttributionModel, _ r: Double, _ c: Double) {
            let label = channelLabel(channel, in: byTenant[tenant] ?? TenantAttribution())
            let m = models.firstIndex(of: model) ?? 0
            byTenant[tenant, default: TenantAttribution()].channels[label, default: ChannelTotals()].revenue[m] += r
            byTenant[tenant, default: TenantAttribution()].channels[label, default: ChannelTotals()].conversions[m] += c
        }
        add(first, .firstTouch, revenue, 1)
        add(last, .lastTouch, revenue, 1)
        let n = Double(path.count)
        for channel in path { add(channel, .linear, revenue / n, 1 / n) }
    }

    /// Rows for one tenant (or all, summed per channel), highest revenue first, then by name.
    func snapshot(tenant: String?, model: AttributionModel) -> AttributionSnapshot {
        let m = AttributionModel.allCases.firstIndex(of: model) ?? 0
        let scopes: [TenantAttribution] = tenant.map { [byTenant[$0] ?? TenantAttribution()] } ?? Array(byTenant.values)
        var rows: [String: AttributionRow] = [:]
        var aiSpend = 0.0
        for scope in scopes {
            aiSpend += scope.aiSpend
            for (channel, totals) in scope.channels {
                let aiShare = scope.aiTouches > 0 ? scope.aiSpend * Double(totals.aiTouches) / Double(scope.aiTouches) : 0
                var row = rows[channel] ?? AttributionRow(channel: channel, revenue: 0, conversions: 0, cost: 0, roi: nil)
                row.revenue += totals.revenue[m]
                row.conversions += totals.conversions[m]
                row.cost += totals.touchCost + aiShare
                rows[channel] = row
            }
        }
        let sorted = rows.values.map { row -> AttributionRow in
            var row = row
            row.roi = row.cost > 0 ? (row.revenue - row.cost) / row.cost : nil
            return row
        }.sorted { a, b in a.revenue != b.revenue ? a.revenue > b.revenue : a.channel < b.channel }
        return AttributionSnapshot(model: model, rows: sorted,
                                   totalRevenue: sorted.reduce(0) { $0 + $1.revenue },
                                   totalCost: sorted.reduce(0) { $0 + $1.cost }, aiSpend: aiSpend)
    }
}
