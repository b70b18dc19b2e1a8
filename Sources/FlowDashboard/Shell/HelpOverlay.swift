import TerminalUI

/// The key list, in a box centred over the panes (`?`).
struct HelpOverlay {
    var context: DashboardContext

    private var lines: [(key: String, action: String)] {
        let arrows = context.asciiOnly ? "up down j k" : "↑ ↓ j k"
        let detail = context.asciiOnly ? "1-5  [ ]  left right" : "1-5  [ ]  ← →"
        return [
            ("q  Ctrl-C", "quit (Ctrl-C exits 130); Ctrl-Z suspends, fg resumes"),
            ("Tab  Shift-Tab", "next / previous pane (none while one pane is shown)"),
            ("z", "zoom the focused pane to the whole screen; again: all panes"),
            (arrows, "select a row; Home End: first / last row"),
            ("Enter", "drill in: SLO, alert group, breakdown series, funnel stage, channel"),
            ("Esc", "back one level (series, SLO, stage, channel, main view)"),
            ("s", "sort SLOs (burn, name, budget) or breakdown; alerts: silence the group"),
            ("a  x  i", "alerts: ack the group (again: take back); expire its silences; inhibited"),
            ("S  A  N", "silences (x expires one), alert statistics, notifiers"),
            (detail, "detail chart range: 1h 6h 1d 3d 30d; previous / next SLO"),
            ("p", "funnel period: 7, 30, 90 days"),
            ("b", "funnel breakdown: none, source, tenant"),
            ("m", "next attribution model"),
            ("f", "attribution: feature impact"),
            ("r", "attribution: AI ROI; elsewhere rejected lines"),
            ("/", "filter the focused list by a regex; Esc clears it"),
            ("t", "pick a tenant (typing filters the list)"),
            ("space", "pause / resume the live view"),
            ("R", "rejected lines by reason (from anywhere)"),
            ("?", "this help; mouse: the wheel scrolls, a click selects"),
        ]
    }

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let lines = lines
        let keyWidth = lines.map { DisplayWidth.of($0.key) }.max() ?? 0
        let textWidth = lines.map { keyWidth + 2 + DisplayWidth.of($0.action) }.max() ?? 0
        let box = area.centered(width: textWidth + 4, height: lines.count + 2)
        let inner = grid.drawBox(box, title: breadcrumb, focused: true, glyphs: context.boxGlyphs).inset(dx: 1, dy: 0)
        for (i, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + i
            grid.put(TextFit.pad(line.key, to: keyWidth), x: inner.x, y: y, style: CellStyle(.accent, bold: true),
                     maxWidth: inner.width)
            grid.put(line.action, x: inner.x + keyWidth + 2, y: y, maxWidth: max(0, inner.width - keyWidth - 2))
        }
    }
}
