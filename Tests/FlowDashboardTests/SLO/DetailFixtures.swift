import FlowCore
import FlowDashboard
import TerminalUI

/// SLO details as the engine would give them for the fixture SLOs: an incident in the last
/// 40 minutes, a budget spent steadily and then fast, and three tenants and two models.
extension Fixture {
    /// The detail of `query`; nil for an SLO the fixture does not have.
    static func sloDetail(_ query: SLODetailQuery) -> SLODetail? {
        guard let total = slos.first(where: { $0.name == query.slo }) else { return nil }
        let rows = breakdown(of: total)
        var status = query.series == .total ? total : rows.first { $0.series == query.series }
            ?? slo(total.name, series: query.series, objective: total.objective, sli: nil, budget: nil, burns: [:])
        status.sliSparkline = sliHistory
        status.burnSparkline = burnHistory
        return SLODetail(status: status, history: history(query.range, objective: total.objective, incident: status.worstFiring != nil),
                         burnDown: burnDown(endingAt: status.errorBudgetRemaining), breakdown: rows,
                         seriesCap: 1000, overflowEvents: query.slo == "ai_request_success" ? 1_204 : 0,
                         alerts: alerts.filter { $0.slo == query.slo })
    }

    /// acme burning (paging on the AI requests), globex calm, initech too quiet to judge,
    /// two models; with the total's objective.
    static func breakdown(of total: SLOStatus) -> [SLOStatus] {
        let o = total.objective
        let paging = total.worstFiring == .page
        return [
            slo(total.name, series: .tenant("acme"), objective: o, sli: paging ? 0.9952 : 0.9958, budget: paging ? -0.2 : 0.3,
                burns: paging ? [.m5: 31, .m30: 28, .h1: 26.4, .h2: 14, .h6: 7.1, .d1: 3.2, .d3: 1.6]
                    : [.m5: 1.1, .m30: 1.2, .h1: 1.3, .h6: 1.4, .d1: 1.2, .d3: 1.1],
                firing: paging ? [0] : [], inhibited: paging ? [1, 2] : [], total: 21_870),
            slo(total.name, series: .tenant("globex"), objective: o, sli: 0.99981, budget: 0.81,
                burns: [.m5: 0.2, .m30: 0.3, .h1: 0.21, .h6: 0.19, .d1: 0.2, .d3: 0.19], total: 18_020),
            slo(total.name, series: .tenant("initech"), objective: o, sli: nil, budget: nil, burns: [:]),
            slo(total.name, series: .model("gpt-4o"), objective: o, sli: 0.99891, budget: 0.55,
                burns: [.m5: 4.0, .m30: 3.2, .h1: 2.9, .h6: 2.2, .d1: 1.9, .d3: 1.1], total: 30_112),
            slo(total.name, series: .model("claude-3.5"), objective: o, sli: 0.99957, budget: 0.72,
                burns: [.m5: 0.5, .m30: 0.4, .h1: 0.4, .h6: 0.3, .d1: 0.3, .d3: 0.28], total: 18_281),
        ]
    }

    /// One point per bucket: a calm SLI just above the objective with a few empty buckets,
    /// and for a burning SLO an incident in the last ninth of the range.
    static func history(_ range: SLOHistoryRange, objective: Double, incident: Bool) -> SLOHistory {
        let points = range.pointCount
        let start = now - EpochMillis(points - 1) * range.bucketMillis
        var sli: [Double?] = []
        for i in 0..<points {
            if i % 97 == 13 {
                sli.append(nil)
                continue
            }
            let calm = 1 - (1 - objective) * (0.3 + 0.25 * Double(i % 11) / 10)
            let bad = incident && i > points * 8 / 9
            sli.append(bad ? 1 - (1 - objective) * (14 + Double(i % 5) * 3) : calm)
        }
        let burn = sli.map { $0.map { (1 - $0) / (1 - objective) } }
        let counts = sli.map { $0 == nil ? SLICounts.zero : SLICounts(good: 990, total: 1000) }
        return SLOHistory(range: range, start: start, bucketMillis: range.bucketMillis, counts: counts, sli: sli, burn: burn)
    }

    /// 30 days of hours: nothing the first day, then budget spent steadily down to `left`
    /// over the last quarter.
    static func burnDown(endingAt left: Double?) -> SLOBurnDown {
        let hours = 720
        let end = left ?? 1
        let remaining: [Double?] = (0..<hours).map { h in
            guard left != nil, h >= 24 else { return nil }
            let turn = hours * 3 / 4
            if h <= turn { return 1 - 0.225 * Double(h) / Double(turn) }
            return 0.775 + (end - 0.775) * Double(h - turn) / Double(hours - 1 - turn)
        }
        return SLOBurnDown(start: now - 30 * 86_400_000, stepMillis: 3_600_000, remaining: remaining)
    }
}
