import FlowCore
import TerminalUI

/// The keys of the SLO detail: the breakdown selection and drill-down, its order, the
/// chart range, and paging through the SLOs.
extension DashboardState {
    mutating func handleInDetail(_ key: Key, snapshot: EngineSnapshot?) {
        guard let level = overlay?.detailLevel else { return }
        if case .char(let c) = key, let range = Self.historyRange(key: c) {
            historyRange = range
            return
        }
        switch key {
        case .char("s"):
            breakdownSort = breakdownSort.next
        case .char("["), .left:
            pageSLOs(by: -1, snapshot: snapshot)
        case .char("]"), .right:
            pageSLOs(by: 1, snapshot: snapshot)
        case .enter:
            drillIntoSeries(level, snapshot: snapshot)
        default:
            guard let step = Self.selectionStep(key) else { return }
            let rows = sortedBreakdown(snapshot)
            guard let current = level.selectedIndex(in: rows) else { return }
            let next = Self.clamp(current, by: step, count: rows.count)
            if next != current { updateTopLevel { $0.selected = rows[next].series } }
        }
    }

    /// `1`...`5`: 1h, 6h, 1d, 3d, 30d.
    static func historyRange(key: Character) -> SLOHistoryRange? {
        key.wholeNumberValue.flatMap(SLOHistoryRange.init(rawValue:))
    }

    /// Enter on a breakdown row: that series, one level below the SLO level (from a series
    /// level, the series is swapped rather than stacked, so Esc still leads to the SLO).
    private mutating func drillIntoSeries(_ level: SLODetailLevel, snapshot: EngineSnapshot?) {
        let rows = sortedBreakdown(snapshot)
        guard let row = level.selectedIndex(in: rows) else { return }
        let series = rows[row].series
        let target = SLODetailLevel(slo: level.slo, series: series, selected: series)
        if level.series == nil {
            guard series != level.shownSeries(tenant: tenant) else { return }
            updateTopLevel { $0.selected = series }   // where Esc comes back to
            overlays.append(.sloDetail(target))
        } else {
            overlays[overlays.count - 1] = .sloDetail(target)
        }
    }

    /// `[` `]`: the previous / next SLO in the SLO pane's order, at every detail level
    /// (a drilled series stays drilled); the SLO pane's selection follows.
    private mutating func pageSLOs(by step: Int, snapshot: EngineSnapshot?) {
        guard let level = overlay?.detailLevel, let snapshot else { return }
        let slos = sortedSLOs(snapshot)
        guard let i = slos.firstIndex(where: { $0.name == level.slo }) else { return }
        let j = Self.clamp(i, by: step, count: slos.count)
        guard j != i else { return }
        for k in overlays.indices {
            guard var other = overlays[k].detailLevel else { continue }
            other.slo = slos[j].name
            other.selected = other.series
            overlays[k] = .sloDetail(other)
        }
        if focus == .slos { selectSLO(row: j, in: snapshot) }
    }

    private mutating func updateTopLevel(_ change: (inout SLODetailLevel) -> Void) {
        guard var level = overlay?.detailLevel else { return }
        change(&level)
        overlays[overlays.count - 1] = .sloDetail(level)
    }
}
