/// Builds attribution from the leads the engine keeps: their touch paths, won times and
/// revenue, and the tenants' AI spend.
///
/// Why at snapshot time and not per conversion: the data-driven models (Markov, Shapley)
/// learn from every path, including those that never converted, and a period filter
/// needs the paths themselves. Preparing 100,000 paths costs tens of milliseconds, so the
/// engine keeps the model-independent part (`AttributionBase`: prepared paths, credit
/// under every model, top paths) for `analysisRefreshMillis`, and per snapshot only picks
/// the model's rows and runs feature impact and AI ROI by tenant for it.
///
/// A lead's path is in the period when its end (the `won` time, else its last touch)
/// is within the last `periodDays` days. A won lead with no touches before the win is
/// credited to its lead source (`direct` when the source is unknown).
///
/// ```swift
/// let base = AttributionAssembler.base(table, key: key, aiSpend: ["acme": 12], now: now)
/// let snapshot = AttributionAssembler.snapshot(base, model: .markov)
/// ```
enum AttributionAssembler {
    static let dayMillis: EpochMillis = 86_400_000
    /// Converting paths kept overall and per channel.
    static let topPathLimit = 20
    static let topPathsPerChannel = 12

    /// The period's paths, straight from the lead table into flat arrays.
    static func collect(_ table: LeadTable, tenant: String?, periodDays: Int, now: EpochMillis) -> PathCollector {
        let start = now - EpochMillis(max(1, periodDays)) * dayMillis
        var out = PathCollector(expectedTouches: table.count * 4, expectedPaths: table.count)
        table.forEach { key, lead in
            if let tenant, key.tenant != tenant { return }
            let won = lead.funnel.flatMap { $0.reached[Stage.funnel.count - 1] }
            guard let end = won ?? lead.touches.last?.time, end >= start, end <= now else { return }
            if let won, !lead.touches.contains(where: { $0.time <= won }) {
                // Touches are in time order and all after the win: this one goes first.
                let channel = lead.source == LeadLifecycle.unknownSource ? PreparedPaths.directChannel : lead.source
                out.addTouch(channel: channel, time: min(lead.created, won), counted: false)
            }
            for t in lead.touches {
                out.addTouch(channel: t.channel, time: t.time, feature: t.feature, aiAssisted: t.aiAssisted, cost: t.cost)
            }
            out.endPath(converted: won != nil, revenue: lead.funnel?.wonRevenue ?? 0, conversionTime: won,
                        qualifiedAt: lead.funnel.flatMap { $0.reached[2] }, tenant: key.tenant)
        }
        return out
    }

    static func base(_ table: LeadTable, key: AttributionCacheKey, aiSpend: [String: Double],
                     now: EpochMillis) -> AttributionBase {
        let collected = collect(table, tenant: key.tenant, periodDays: key.periodDays, now: now)
        return AttributionBase(PreparedPaths(collected, parameters: key.parameters), periodDays: key.periodDays,
                               aiSpend: aiSpend)
    }

    /// The snapshot under `model`: rows from the comparison, feature impact and AI ROI
    /// by tenant computed now.
    static func snapshot(_ base: AttributionBase, model: AttributionModel) -> AttributionSnapshot {
        let rows = base.comparison.map { $0.row(model) }.sorted { a, b in
            if a.revenue != b.revenue { return a.revenue > b.revenue }
            if a.conversions != b.conversions { return a.conversions > b.conversions }
            return a.channel < b.channel
        }
        let order = Dictionary(rows.enumerated().map { ($1.channel, $0) }, uniquingKeysWith: { a, _ in a })
        let comparison = base.comparison.sorted { (order[$0.channel] ?? 0) < (order[$1.channel] ?? 0) }
        let prepared = base.prepared
        let ai = base.aiROIByModel.first { $0.model == model }
        return AttributionSnapshot(
            model: model, rows: rows, totalRevenue: rows.reduce(0) { $0 + $1.revenue },
            totalCost: rows.reduce(0) { $0 + $1.cost }, aiSpend: base.aiSpendTotal, periodDays: base.periodDays,
            paths: prepared.pathCount, conversions: prepared.convertedCount, comparison: comparison,
            features: FeatureImpact.analyze(prepared, model: model), aiROI: ai,
            aiROIByModel: base.aiROIByModel,
            aiROIByTenant: AIROI.byTenant(prepared, aiRequestSpend: base.aiSpend, model: model),
            topPaths: base.topPaths)
    }
}

/// The part of attribution that does not depend on the model shown: the prepared paths,
/// every channel under every model with its cost, AI ROI under every model, and the top
/// converting paths. Built once per `analysisRefreshMillis`, so `m` only re-picks.
struct AttributionBase: Sendable {
    let prepared: PreparedPaths
    let periodDays: Int
    /// AI request spend per tenant in the period (the scope's tenants only).
    let aiSpend: [String: Double]
    let aiSpendTotal: Double
    let comparison: [ChannelComparison]
    let aiROIByModel: [AIROISummary]
    let topPaths: ConversionPaths

    init(_ prepared: PreparedPaths, periodDays: Int, aiSpend: [String: Double]) {
        self.prepared = prepared
        self.periodDays = periodDays
        self.aiSpend = aiSpend
        // Summed in tenant order: a dictionary's order changes from process to process (its
        // hash seed), and floating-point addition in another order can differ in the last
        // digit, so the same events would report 9.392 once and 9.391999999999998 the next.
        let total = aiSpend.sorted { $0.key < $1.key }.reduce(0) { $0 + ($1.value.isFinite ? max(0, $1.value) : 0) }
        aiSpendTotal = total
        var revenue: [String: [AttributionModel: Double]] = [:]
        var conversions: [String: [AttributionModel: Double]] = [:]
        var first: [ChannelCredit] = []
        for model in AttributionModel.allCases {
            let credits = prepared.credit(model)
            if first.isEmpty { first = credits }
            for c in credits {
                revenue[c.channel, default: [:]][model] = c.revenue
                conversions[c.channel, default: [:]][model] = c.conversions
            }
        }
        // Every model lists the same channels (touched or credited); cost is the touch
        // cost plus the AI spend split by AI-assisted touches.
        let aiTouches = first.reduce(0) { $0 + $1.aiAssistedTouches }
        comparison = first.map { c in
            let share = aiTouches > 0 ? total * Double(c.aiAssistedTouches) / Double(aiTouches) : 0
            return ChannelComparison(channel: c.channel, touches: c.touches, cost: c.touchCost + share,
                                     revenue: revenue[c.channel] ?? [:], conversions: conversions[c.channel] ?? [:])
        }
        aiROIByModel = AttributionModel.allCases.map { AIROI.summarize(prepared, aiRequestSpend: total, model: $0) }
        topPaths = ConversionPaths.top(prepared, limit: AttributionAssembler.topPathLimit,
                                       perChannel: AttributionAssembler.topPathsPerChannel)
    }
}
