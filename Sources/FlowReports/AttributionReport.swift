import FlowCore
import FlowFormats

/// The attribution report: everything `AttributionSnapshot` has. Channels under the
/// chosen model, the same channels under every model side by side, feature impact and AI
/// ROI (the original framework's `/attribution/features` and `/attribution/ai-roi`) and
/// the top converting paths. Definitions: docs/attribution.md.
///
/// JSON keeps every number (ratios as fractions, null where there is nothing to divide
/// by), model names as `--model` spells them. Markdown and text open with the AI ROI
/// headline, one line an executive can read, then the tables of `AttributionTables`.
///
/// ```swift
/// let snap = engine.snapshot(SnapshotQuery(model: .markov, attributionPeriodDays: 7), now: t)
/// AttributionReport.document(snap).json(snap)   // model, period_days, ..., rows, comparison, ai_roi
/// ```
public enum AttributionReport {
    public static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        let a = snapshot.attribution
        let fields: [(String, JSONValue)] = [
            ("model", .string(a.model.rawValue)),
            ("period_days", .int(Int64(a.periodDays))),
            ("paths", .int(Int64(a.paths))),
            ("conversions", .int(Int64(a.conversions))),
            ("rows", .array(a.rows.map(json))),
            ("totals", .object([("revenue", .number(a.totalRevenue)), ("cost", .number(a.totalCost)),
                                ("ai_spend", .number(a.aiSpend))])),
            ("comparison", .array(a.comparison.map(json))),
            ("features", .array(a.features.map(json))),
            ("ai_roi", .object(aiROIFields(a.aiROI) + [
                ("by_model", .array(a.aiROIByModel.map { .object(aiROIFields($0)) })),
                ("by_tenant", .array(a.aiROIByTenant.map { .object([("tenant", .string($0.tenant))] + aiROIFields($0.summary)) })),
            ])),
            ("top_paths", .array(a.topPaths.overall.map(json))),
        ]
        return ReportDocument(
            title: "Attribution report (\(a.model.rawValue), \(a.periodDays) days)", fields: fields,
            sections: [AttributionTables.channels(a), AttributionTables.revenueByModel(a), AttributionTables.features(a),
                       AttributionTables.aiROIByModel(a), AttributionTables.aiROIByTenant(a),
                       AttributionTables.topPaths(a)],
            summary: [a.aiROI.headline])
    }

    // MARK: JSON

    private static func json(_ row: AttributionRow) -> JSONValue {
        .object([
            ("channel", .string(row.channel)),
            ("revenue", .number(row.revenue)),
            ("conversions", .number(row.conversions)),
            ("cost", .number(row.cost)),
            ("roi", .number(row.roi)),
            ("roas", .number(row.roas)),
            ("touches", .int(Int64(row.touches))),
            ("touches_per_conversion", .number(row.touchesPerConversion)),
        ])
    }

    /// One channel under every model, in `AttributionModel.allCases` order.
    private static func json(_ channel: ChannelComparison) -> JSONValue {
        .object([
            ("channel", .string(channel.channel)),
            ("cost", .number(channel.cost)),
            ("touches", .int(Int64(channel.touches))),
            ("models", .object(AttributionModel.allCases.map { model in
                let row = channel.row(model)
                return (model.rawValue, .object([
                    ("revenue", .number(row.revenue)), ("conversions", .number(row.conversions)),
                    ("roi", .number(row.roi)), ("roas", .number(row.roas)),
                ]))
            })),
        ])
    }

    private static func json(_ f: FeatureImpactRow) -> JSONValue {
        .object([
            ("feature", .string(f.feature)),
            ("leads_touched", .int(Int64(f.leadsTouched))),
            ("conversions_touched", .int(Int64(f.conversionsTouched))),
            ("conversion_rate_touched", .number(f.conversionRateTouched)),
            ("revenue_per_lead_touched", .number(f.revenuePerLeadTouched)),
            ("leads_not_touched", .int(Int64(f.leadsNotTouched))),
            ("conversions_not_touched", .int(Int64(f.conversionsNotTouched))),
            ("conversion_rate_not_touched", .number(f.conversionRateNotTouched)),
            ("revenue_per_lead_not_touched", .number(f.revenuePerLeadNotTouched)),
            ("lift", .number(f.lift)),
            ("attributed_revenue", .number(f.attributedRevenue)),
        ])
    }

    /// One AI ROI summary: the top level, each `by_model` entry and each `by_tenant` entry.
    private static func aiROIFields(_ s: AIROISummary) -> [(String, JSONValue)] {
        [
            ("model", .string(s.model.rawValue)),
            ("headline", .string(s.headline)),
            ("ai_request_spend", .number(s.aiRequestSpend)),
            ("ai_touch_cost", .number(s.aiTouchCost)),
            ("ai_assisted_touches", .int(Int64(s.aiAssistedTouches))),
            ("ai_spend", .number(s.aiSpend)),
            ("attributed_revenue", .number(s.attributedRevenue)),
            ("won_deals_with_ai", .int(Int64(s.wonDealsWithAI))),
            ("cost_per_won_deal", .number(s.costPerWonDeal)),
            ("roi", .number(s.roi)),
        ]
    }

    private static func json(_ path: ConversionPath) -> JSONValue {
        .object([
            ("path", .array(path.channels.map(JSONValue.string))),
            ("conversions", .int(Int64(path.conversions))),
            ("revenue", .number(path.revenue)),
        ])
    }
}
