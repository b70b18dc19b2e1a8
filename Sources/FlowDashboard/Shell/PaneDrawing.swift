import FlowCore
import TerminalUI

/// Pieces every pane draws the same way: the "+N more" line and the first-run hint.
extension CellGrid {
    /// "+N more" in dim on row `y` when rows were left out.
    mutating func drawMore(_ hidden: Int, in rect: Rect, y: Int) {
        guard hidden > 0 else { return }
        put("+\(hidden) more", x: rect.x, y: y, style: CellStyle(.dim), maxWidth: rect.width)
    }

    /// A pane only one line high shows a one-line summary instead of one row and "+N more".
    mutating func drawSummary(_ text: String, style: CellStyle = .normal, in rect: Rect) {
        put(TextFit.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: style)
    }

    /// The box of a view that fills the body, titled with the breadcrumb; returns the rect
    /// inside it, a column in from each side.
    mutating func drawViewBox(over area: Rect, breadcrumb: String, context: DashboardContext) -> Rect {
        drawBox(area, title: breadcrumb, focused: true, glyphs: context.boxGlyphs).inset(dx: 1, dy: 0)
    }

    /// A view with nothing to show yet says why, dim, on its first line.
    mutating func drawWaiting(_ text: String, in rect: Rect) {
        put(TextFit.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: CellStyle(.dim))
    }

    /// What a pane shows before the first event: that nothing arrived, where to send
    /// events, one command that does it (naming the socket when it is not the default, so
    /// it can be pasted as it is), and how many lines were refused (a client
    /// sending the wrong shape sees it at once). Lines that do not fit are left out.
    mutating func drawEmptyState(in rect: Rect, context: DashboardContext, rejected: Int64) {
        let examples = [#"echo '{"type":"lead_created","lead_id":"L-1"}' | "# + context.emitCommand + " -",
                        context.emitCommand + " events.ndjson", context.emitCommand + " FILE"]
        let example = examples.first { DisplayWidth.of($0) <= rect.width } ?? examples[examples.count - 1]
        let lines: [(String, CellStyle)] = [
            ("no events yet", CellStyle(.dim, bold: true)),
            ("socket " + context.socketPath, CellStyle(.normal)),
            ("send some with:", CellStyle(.dim)),
            (example, CellStyle(.accent)),
        ] + (rejected > 0 ? [("\(NumberFormat.grouped(rejected)) lines rejected: R shows why", CellStyle(.warn))] : [])
        for (i, (text, style)) in lines.prefix(rect.height).enumerated() {
            put(TextFit.truncate(text, to: rect.width), x: rect.x, y: rect.y + i, style: style)
        }
    }
}

extension TextFit {
    /// `text` on as few lines as fit `width`, broken after ", " (a part wider than the
    /// line stays whole here and is cut when drawn).
    static func wrapAtCommas(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for part in text.split(separator: ", ", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty {
                line = part
            } else if DisplayWidth.of(line) + 2 + DisplayWidth.of(part) + 1 <= width {   // room for a comma after
                line += ", " + part
            } else {
                lines.append(line + ",")
                line = part
            }
        }
        return lines + [line]
    }
}

/// The style of a selected row: only the focused pane shows its selection, in the
/// theme's selection colours, each cell keeping its own role (a red `crit` stays red)
/// rather than the whole row in reverse video.
func selectionStyle(row: Int, selected: Int?, focused: Bool) -> CellStyle? {
    focused && row == selected ? selectedRow : nil
}

/// A selected row, as every pane and view draws it.
let selectedRow = CellStyle(.selected, bold: true, selected: true)
