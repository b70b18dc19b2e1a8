import FlowCore

/// The funnel and attribution panes of a fleet: each engine's own (from its API, `--connect`)
/// added up. docs/fleet.md says when that is right.
///
/// Why it adds up, and when: a funnel count is a count of leads, and a per-path model
/// (first, last, linear, position-based, W-shaped, time decay) credits each converting path
/// on its own, so when every event of a lead reaches one engine (route by tenant or lead
/// id) the engines' figures add up to one engine's. Markov and Shapley weigh every path
/// against all the others: their sum over engines is not their value over the fleet, so
/// the merged snapshot carries no rows for them, and a note saying so.
///
/// ```swift
/// let funnel = FleetBusiness.funnel([a.funnel, b.funnel])
/// let attribution = FleetBusiness.attribution([a.attribution, b.attribution], model: .linear, periodDays: 30)
/// ```
public enum FleetBusiness {
    /// Stage counts, lost and won revenue summed; conversions recomputed from the sums.
    public static func funnel(_ parts: [FunnelSnapshot]) -> FunnelSnapshot {
        var counts: [Stage: Int64] = [:]
        for part in parts { for stage in part.stages { counts[stage.stage, default: 0] += stage.count } }
        let stages = Stage.funnel.filter { counts[$0] != nil }
        let first = stages.first.flatMap { counts[$0] } ?? 0
        var previous: Int64?
        let statuses = stages.map { stage -> FunnelStageStatus in
            let count = counts[stage] ?? 0
            defer { previous = count }
            return FunnelStageStatus(stage: stage, count: count,
                                     conversionFromPrevious: previous.flatMap { $0 > 0 ? Double(count) / Double($0) : nil },
                                     conversionFromStart: first > 0 ? Double(count) / Double(first) : nil)
        }
        return FunnelSnapshot(stages: statuses, lost: parts.reduce(0) { $0 + $1.lost },
                              wonRevenue: parts.reduce(0) { $0 + $1.wonRevenue })
    }

    /// The note a merged snapshot of a model that does not add up carries.
    public static func notAdditive(_ model: AttributionModel) -> String {
        "\(model.rawValue) does not add up across engines: m for a per-path model"
    }

    /// Channels' revenue, conversions, cost and touches summed under `model`, with the
    /// totals, paths, AI spend and AI ROI; for Markov and Shapley, no rows and a note.
    public static func attribution(_ parts: [AttributionSnapshot], model: AttributionModel, periodDays: Int)
        -> AttributionSnapshot {
        let aiSpend = parts.reduce(0) { $0 + $1.aiSpend }
        guard model.pathRule != nil else {
            var merged = AttributionSnapshot(model: model, rows: [], totalRevenue: 0, totalCost: 0, aiSpend: aiSpend,
                                             periodDays: periodDays)
            merged.note = notAdditive(model)
            return merged
        }
        var byChannel: [String: AttributionRow] = [:]
        for part in parts where part.model == model {
            for row in part.rows {
                var sum = byChannel[row.channel] ?? AttributionRow(channel: row.channel, revenue: 0, conversions: 0, cost: 0,
                                                                   roi: nil)
                sum.revenue += row.revenue
                sum.conversions += row.conversions
                sum.cost += row.cost
                sum.touches += row.touches
                byChannel[row.channel] = sum
            }
        }
        let rows = byChannel.values.map { row -> AttributionRow in
            var row = row
            row.roi = row.cost > 0 ? (row.revenue - row.cost) / row.cost : nil
            return row
        }.sorted { $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.channel < $1.channel }
        let rois = parts.map(\.aiROI)
        let aiROI = AIROISummary(model: model, aiRequestSpend: rois.reduce(0) { $0 + $1.aiRequestSpend },
                                 aiTouchCost: rois.reduce(0) { $0 + $1.aiTouchCost },
                                 aiAssistedTouches: rois.reduce(0) { $0 + $1.aiAssistedTouches },
                                 attributedRevenue: rois.reduce(0) { $0 + $1.attributedRevenue },
                                 wonDealsWithAI: rois.reduce(0) { $0 + $1.wonDealsWithAI })
        return AttributionSnapshot(model: model, rows: rows, totalRevenue: parts.reduce(0) { $0 + $1.totalRevenue },
                                   totalCost: parts.reduce(0) { $0 + $1.totalCost }, aiSpend: aiSpend,
                                   periodDays: periodDays, paths: parts.reduce(0) { $0 + $1.paths },
                                   conversions: parts.reduce(0) { $0 + $1.conversions }, aiROI: aiROI)
    }
}
