import FlowCore
import TerminalUI

/// The funnel's keys: `p` and `b` change what the engine analyses (the period, the
/// breakdown), Enter opens the selected stage, ↑↓ in the stage view move between stages.
///
/// ```swift
/// var state = DashboardState(focus: .funnel)
/// _ = state.handle(.char("p"), snapshot: snapshot)   // .refresh
/// state.query.funnel.periodDays                       // 90: 30, then 90, then 7
/// ```
extension DashboardState {
    /// The periods `p` steps through, in days.
    public static let funnelPeriods = [7, 30, 90]

    /// The stage shown in depth: the topmost funnel stage view, even under help.
    public var funnelStage: Stage? {
        for overlay in overlays.reversed() {
            if case .funnelStage(let stage) = overlay { return stage }
        }
        return nil
    }

    /// The period after `days`: the next longer one of `funnelPeriods`, after the longest
    /// the shortest (a period set elsewhere, 14 say, goes on to 30).
    static func nextFunnelPeriod(after days: Int) -> Int {
        funnelPeriods.first { $0 > days } ?? funnelPeriods[0]
    }

    /// `p` (period) or `b` (breakdown); any other key does nothing.
    mutating func handleFunnelQueryKey(_ key: Key) {
        switch key {
        case .char("p"): funnel.periodDays = Self.nextFunnelPeriod(after: funnel.periodDays)
        case .char("b"): funnel.breakdown = funnel.breakdown.next
        default: break
        }
    }

    /// Enter in the funnel pane: the selected stage in depth.
    mutating func openFunnelStage(snapshot: EngineSnapshot) {
        let stages = snapshot.funnel.stages
        guard let i = selectedRow(in: .funnel, count: stages.count) else { return }
        overlays.append(.funnelStage(stages[i].stage))
    }

    /// In the stage view: ↑↓ (and the other selection keys) move to another stage, and the
    /// funnel pane's selection follows, so Esc comes back to the stage last shown.
    mutating func handleInFunnelStage(_ key: Key, snapshot: EngineSnapshot?) {
        guard let stage = funnelStage else { return }
        if case .char(let c) = key, c == "p" || c == "b" {
            handleFunnelQueryKey(key)
            return
        }
        guard let step = Self.selectionStep(key) else { return }
        let stages = snapshot?.funnel.stages.map(\.stage) ?? Stage.funnel
        guard let current = stages.firstIndex(of: stage) else { return }
        let next = Self.clamp(current, by: step, count: stages.count)
        guard next != current else { return }
        overlays[overlays.count - 1] = .funnelStage(stages[next])
        selection[.funnel] = next
    }
}

extension FunnelBreakdown {
    /// none, source, tenant, then none again.
    var next: FunnelBreakdown {
        let all = FunnelBreakdown.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// How a title says it: "by source"; nil for none.
    var title: String? {
        switch self {
        case .none: nil
        case .source: "by source"
        case .tenant: "by tenant"
        }
    }
}
