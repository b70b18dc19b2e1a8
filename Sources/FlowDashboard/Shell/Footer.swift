import FlowCore
import TerminalUI

/// The bottom line: the keys that work where the user is, most useful first.
struct Footer {
    /// To name what `a` does to the selected alert: acknowledge, or take it back.
    var snapshot: EngineSnapshot?
    var state: DashboardState
    var context: DashboardContext

    func draw(in rect: Rect, grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: CellStyle(.footer))
        if let prompt = state.filterPrompt { return drawFilterPrompt(prompt, in: rect, grid: &grid) }
        if let notice = state.notice {
            let text = context.asciiOnly ? String(notice.text.map { $0 == "·" ? "-" : $0 }) : notice.text
            grid.put(TextFit.truncate(text, to: max(0, rect.width - 2)), x: rect.x + 1, y: rect.y,
                     style: CellStyle(notice.isError ? .crit : .ok, bold: true))
            return
        }
        let items = keys
        let columns = items.map {
            TableColumn("", width: DisplayWidth.of($0.key) + 1 + DisplayWidth.of($0.label), priority: $0.priority)
        }
        let inner = rect.inset(dx: 1, dy: 0)
        let layout = TableLayout.fit(columns, width: inner.width, spacing: 2)
        for (pos, index) in layout.columns.enumerated() {
            guard let offset = layout.offset(of: index) else { continue }
            let x = inner.x + offset
            let limit = layout.widths[pos]
            let used = grid.put(items[index].key, x: x, y: rect.y, style: CellStyle(.accent, bold: true),
                                maxWidth: limit)
            grid.put(" " + items[index].label, x: x + used, y: rect.y, style: CellStyle(.footer),
                     maxWidth: limit - used)
        }
    }

    private var keys: [(key: String, label: String, priority: Int)] {
        let arrows = context.arrows
        let pause = state.isPaused ? "resume" : "pause"
        if state.tenantPicker != nil {
            return [("enter", "choose", 100), (arrows, "select", 90), ("type", "filter", 85), ("esc", "cancel", 95)]
        }
        switch state.overlay {
        case .sloDetail(let level)?:
            return [("esc", "back", 100), (arrows, "series", 80),
                    ("enter", level.series == nil ? "drill in" : "show", 78), ("1-5", "range", 85),
                    ("s", "sort", 70), ("[ ]", "prev/next SLO", 75), ("t", "tenant", 60), ("q", "quit", 90),
                    ("?", "help", 95)]
        case .funnelStage?:
            return [("esc", "back", 100), (arrows, "stage", 85), ("p", "period", 80), ("b", "breakdown", 78),
                    ("t", "tenant", 60), ("space", pause, 55), ("q", "quit", 90), ("?", "help", 95)]
        case .attributionChannel?, .featureImpact?, .aiROI?:
            var keys = [("esc", "back", 100), ("m", "model", 88), ("f", "features", 82), ("r", "AI ROI", 80),
                        ("t", "tenant", 60), ("R", "rejected", 40), ("q", "quit", 90), ("?", "help", 95)]
            if case .attributionChannel? = state.overlay { keys.insert((arrows, "channel", 85), at: 1) }
            return keys
        case .silences?:
            return [("esc", "back", 100), (arrows, "select", 85), ("x", "expire", 88), ("A", "stats", 60),
                    ("N", "notifiers", 58), ("t", "tenant", 50), ("q", "quit", 90), ("?", "help", 95)]
        case .alertStatistics?, .notifiers?:
            return [("esc", "back", 100), ("S", "silences", 80), ("A", "stats", 78), ("N", "notifiers", 76),
                    ("t", "tenant", 50), ("q", "quit", 90), ("?", "help", 95)]
        case .alertGroup?:
            return [("esc", "back", 100), ("s", "silence group", 92), ("a", "ack group", 90), ("x", "unsilence", 70),
                    ("i", state.showsInhibited ? "hide inhibited" : "show inhibited", 85), ("enter", "SLO", 80),
                    ("q", "quit", 88), ("?", "help", 95)]
        case .help?, .rejected?:
            return [("esc", "back", 100), ("q", "quit", 90)]
        case .silence?:
            return [("enter", "silence", 100), ("tab", "next field", 90), ("esc", "cancel", 95),
                    ("^U", "clear", 60), ("^W", "word", 55), ("ctrl-c", "quit", 50)]
        case nil:
            let enter = switch state.focus {
            case .funnel: "stage"
            case .attribution: "channel"
            case .slos, .alerts: "detail"
            }
            // r is AI ROI in the attribution pane; the rejected lines stay one key away.
            let rejected = state.focus == .attribution ? "R" : "r"
            // One pane shown: no other pane for Tab to go to; zoomed, z brings the four back.
            let panes = switch state.arrangement {
            case .all: [("tab", "pane", 90)]
            case .zoomed: [("z", "all panes", 92)]
            case .single: [(String, String, Int)]()
            }
            var keys = [("q", "quit", 100)] + panes + [(arrows, "select", 80), ("enter", enter, 85),
                        ("m", "model", 70), ("t", "tenant", 75), ("space", pause, 72),
                        (rejected, "rejected", 50), ("?", "help", 95)]
            // The pane's own keys go before m.
            let paneKeys = keys.count - 5
            if state.focus == .slos { keys.insert(("s", "sort", 60), at: paneKeys) }
            if state.focus == .alerts {
                let acknowledged = snapshot.flatMap { state.selectedAlertGroup(in: $0) }?.members
                    .allSatisfy { $0.alert.isAcknowledged || $0.alert.state == .resolved }
                // x and S before m: the silences view is where broader silences are expired.
                keys.insert(contentsOf: [("s", "silence", 78), ("a", acknowledged == true ? "unack" : "ack", 77),
                                         ("i", state.showsInhibited ? "hide inhib" : "inhibited", 56),
                                         ("x", "unsilence", 71), ("S", "silences", 71), ("A", "stats", 54)], at: paneKeys)
            }
            // Lost notifications (the header says how many): the key to see why.
            let notifyFailures = snapshot?.notifyFailures ?? 0
            if notifyFailures > 0 || state.focus == .alerts {
                keys.insert(("N", "notifiers", notifyFailures > 0 ? 73 : 52), at: keys.count - 1)
            }
            if state.focus == .funnel {
                keys.insert(contentsOf: [("p", "period", 78), ("b", "breakdown", 76)], at: paneKeys)
            }
            if state.focus == .attribution {
                keys.insert(contentsOf: [("f", "features", 78), ("r", "AI ROI", 76)], at: paneKeys)
            }
            if state.arrangement == .all { keys.insert(("z", "zoom", 45), at: keys.count - 1) }
            return keys
        }
    }
}
