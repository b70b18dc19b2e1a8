import FlowCore
import TerminalUI

/// The silence prompt, in a box centred over the panes: the alert, the duration and
/// comment fields (the defaults dim in an empty field), the matchers the silence will
/// carry, why the last try was refused, and the keys.
///
/// ```
/// ╭─ Alerts › silence ───────────────────────────────────────────╮
/// │Silence ai_request_success 1h/5m                               │
/// │for:     [1h              ]  30m, 2h, 1d...                    │
/// │comment: [silenced from flowtop                               ]│
/// │matchers {alertname="ErrorBudgetBurn", long_window="1h",        │
/// │slo="ai_request_success", model="", tenant=""}                 │
/// ```
struct SilencePromptView {
    var prompt: SilencePrompt
    var context: DashboardContext

    private static let labelWidth = 9

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let box = area.centered(width: min(area.width, 88), height: 9)
        let inner = grid.drawBox(box, title: breadcrumb, focused: true, glyphs: context.boxGlyphs).inset(dx: 1, dy: 0)
        guard inner.height >= 3, inner.width >= 20 else { return }
        var y = inner.y
        func line(_ text: String, style: CellStyle) {
            guard y < inner.maxY else { return }
            grid.put(TextFit.truncate(text, to: inner.width), x: inner.x, y: y, style: style)
            y += 1
        }
        line("Silence " + prompt.subject + (prompt.alertCount > 1 ? " (\(prompt.alertCount) alerts)" : ""),
             style: CellStyle(.title, bold: true))
        drawField("for:", text: prompt.duration, placeholder: SilencePrompt.defaultDuration, width: 16,
                  hint: "30m, 2h, 1d (Prometheus syntax)", focused: prompt.field == .duration, x: inner.x, y: y,
                  room: inner.width, grid: &grid)
        y += 1
        drawField("comment:", text: prompt.comment, placeholder: SilencePrompt.defaultComment,
                  width: max(8, inner.width - Self.labelWidth - 2), hint: "", focused: prompt.field == .comment,
                  x: inner.x, y: y, room: inner.width, grid: &grid)
        y += 1
        let matchers = prompt.matchers.map { "\($0.name)\($0.op.rawValue)\"\($0.value)\"" }.joined(separator: ", ")
        var wrapped = TextFit.wrapAtCommas("matchers {" + matchers + "}", width: inner.width)
        if wrapped.count > 2 { wrapped[1] = wrapped[1...].joined(separator: " ") }
        for text in wrapped.prefix(2) { line(text, style: CellStyle(.dim)) }
        y = max(y, inner.y + 5)
        if let error = prompt.error {
            line(error, style: CellStyle(.crit, bold: true))
        } else {
            y += 1
        }
        y = max(y, inner.maxY - 1)
        line("enter silence \(context.dot) tab next field \(context.dot) esc cancel", style: CellStyle(.dim))
    }

    /// `label [text ]  hint`: the field's last characters when it is longer than the
    /// box, the placeholder dim when it is empty, a block cursor in the focused one.
    private func drawField(_ label: String, text: String, placeholder: String, width: Int, hint: String,
                           focused: Bool, x: Int, y: Int, room: Int, grid: inout CellGrid) {
        grid.put(label, x: x, y: y, style: CellStyle(focused ? .accent : .dim, bold: focused), maxWidth: room)
        let fieldX = x + Self.labelWidth
        let fieldWidth = min(width, room - Self.labelWidth - 2)
        guard fieldWidth > 1 else { return }
        let bracket = CellStyle(focused ? .accent : .dim)
        grid.put("[", x: fieldX, y: y, style: bracket)
        let shown = text.isEmpty ? placeholder : String(text.suffix(fieldWidth - 1))
        let used = grid.put(TextFit.truncate(shown, to: fieldWidth - 1), x: fieldX + 1, y: y,
                            style: CellStyle(text.isEmpty ? .dim : .normal))
        if focused {
            // On the placeholder's first character while empty, after the text otherwise.
            let under = text.isEmpty ? placeholder.first.map(String.init) ?? " " : " "
            grid.put(under, x: fieldX + 1 + (text.isEmpty ? 0 : used), y: y, style: CellStyle(.normal, reverse: true))
        }
        grid.put("]", x: fieldX + 1 + fieldWidth, y: y, style: bracket)
        let hintX = fieldX + fieldWidth + 4
        if !hint.isEmpty, hintX < x + room {
            grid.put(hint, x: hintX, y: y, style: CellStyle(.dim), maxWidth: x + room - hintX)
        }
    }
}
