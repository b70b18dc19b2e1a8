/// Builds attribution from the leads the engine keeps: their touch paths, won times and
/// revenue, and the tenant's AI spend.
///
/// Why at snapshot time and not per conversion: the data-driven models (Markov, Shapley)
/// learn from every path, including those that never converted, and a period filter
/// needs the paths themselves. Preparing 100,000 paths costs about 50 ms, so the engine
/// keeps the prepared paths for `analysisRefreshMillis` and only credits per snapshot
/// (1-3 ms for any model).
///
/// A lead's path is in the period when its end (the `won` time, else its last touch)
/// is within the last `periodDays` days. A won lead with no touches before the win is
/// credited to its lead source (`direct` when the source is unknown).
///
/// ```swift
/// let paths = AttributionAssembler.paths(table, tenant: nil, periodDays: 30, now: now)
/// let prepared = PreparedPaths(paths)
/// let rows = AttributionAssembler.snapshot(prepared.credit(.markov), model: .markov, aiSpend: 12)
/// ```
enum AttributionAssembler {
    static let dayMillis: EpochMillis = 86_400_000

    static func paths(_ table: LeadTable, tenant: String?, periodDays: Int, now: EpochMillis) -> [AttributionPath] {
        let start = now - EpochMillis(max(1, periodDays)) * dayMillis
        var out: [AttributionPath] = []
        table.forEach { key, lead in
            if let tenant, key.tenant != tenant { return }
            let won = lead.funnel.flatMap { $0.reached[Stage.funnel.count - 1] }
            var touches = lead.touches.map {
                PathTouch(channel: $0.channel, time: $0.time, feature: $0.feature, aiAssisted: $0.aiAssisted, cost: $0.cost)
            }
            guard let end = won ?? touches.last?.time, end >= start, end <= now else { return }
            if let won, !touches.contains(where: { $0.time <= won }) {
                let channel = lead.source == LeadLifecycle.unknownSource ? PreparedPaths.directChannel : lead.source
                touches.insert(PathTouch(channel: channel, time: min(lead.created, won)), at: 0)
            }
            out.append(AttributionPath(touches: touches, converted: won != nil, revenue: lead.funnel?.wonRevenue ?? 0,
                                       conversionTime: won, qualifiedAt: lead.funnel.flatMap { $0.reached[2] }))
        }
        return out
    }

    /// Rows for the pane and reports: credit under `model`, cost = touch cost + the
    /// channel's share of AI spend (by AI-assisted touches; unallocated with none),
    /// highest revenue first, then by name.
    static func snapshot(_ credits: [ChannelCredit], model: AttributionModel, aiSpend: Double) -> AttributionSnapshot {
        let aiTouches = credits.reduce(0) { $0 + $1.aiAssistedTouches }
        let rows = credits.map { c -> AttributionRow in
            let share = aiTouches > 0 ? aiSpend * Double(c.aiAssistedTouches) / Double(aiTouches) : 0
            let cost = c.touchCost + share
            return AttributionRow(channel: c.channel, revenue: c.revenue, conversions: c.conversions, cost: cost,
                                  roi: cost > 0 ? (c.revenue - cost) / cost : nil)
        }.sorted { a, b in a.revenue != b.revenue ? a.revenue > b.revenue : a.channel < b.channel }
        return AttributionSnapshot(model: model, rows: rows, totalRevenue: rows.reduce(0) { $0 + $1.revenue },
                                   totalCost: rows.reduce(0) { $0 + $1.cost }, aiSpend: aiSpend)
    }
}
