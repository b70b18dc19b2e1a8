import FlowCore
import TerminalUI

/// Where this dashboard's data comes from, when that is worth saying: it holds the engine
/// and other viewers watch it, it watches an engine elsewhere, or that engine is gone.
/// The header names it; `unreachable` also dims the last data under a banner.
public enum LinkBadge: Sendable, Hashable {
    /// This dashboard holds the engine; `viewers` other dashboards are attached to it.
    case embedded(viewers: Int)
    /// Reaching an engine elsewhere for the first time.
    case connecting(target: String)
    /// Attached to an engine elsewhere: `label` is "serve pid 4242" or the URL.
    case attached(label: String)
    /// The engine stopped answering `seconds` ago; the link retries by itself.
    case unreachable(target: String, seconds: Int64, reason: String)

    /// The header's words.
    var headerText: String? {
        switch self {
        case .embedded(let viewers): viewers > 0 ? "\(viewers) viewer\(viewers == 1 ? "" : "s") attached" : nil
        case .connecting(let target): "connecting to " + target
        case .attached(let label): "attached to " + label
        case .unreachable: "engine unreachable"
        }
    }

    var headerStyle: CellStyle {
        switch self {
        case .embedded, .attached, .connecting: CellStyle(.accent)
        case .unreachable: CellStyle(.crit, bold: true, reverse: true)
        }
    }
}

extension CellGrid {
    /// The link's marks over a drawn frame: while the engine is unreachable, the body's
    /// data is dimmed (still readable, plainly not live) under a one-line banner saying so,
    /// how long ago, and why.
    mutating func drawLink(_ badge: LinkBadge?, hasData: Bool, context: DashboardContext) {
        guard case .unreachable(_, let seconds, let reason)? = badge, height >= 3 else { return }
        for y in 1..<(height - 1) {
            for x in 0..<width {
                var cell = self[x, y]
                cell.style = CellStyle(.dim)
                self[x, y] = cell
            }
        }
        let age = hasData ? "last data \(DurationFormat.ago(seconds * 1000))" : "no data yet"
        let banner = " engine unreachable, retrying \(context.dot) \(age) \(context.dot) \(reason) "
        fill(x: 0, y: 1, width: width, height: 1, style: CellStyle(.crit, bold: true, reverse: true))
        put(banner.escapingControlCharacters, x: 0, y: 1, style: CellStyle(.crit, bold: true, reverse: true))
    }

    /// The question a dashboard that holds the engine asks before quitting while other
    /// viewers are attached: a box in the middle of the screen.
    mutating func drawQuitQuestion(viewers: Int, context: DashboardContext) {
        let lines = [
            "\(viewers) other viewer\(viewers == 1 ? " is" : "s are") attached to this dashboard's engine.",
            "Quitting stops the engine for them too (flowtop serve runs it on its own).",
            "",
            "Quit and stop the engine? y / n",
        ]
        let inner = min(width - 4, lines.map { DisplayWidth.of($0) }.max() ?? 0)
        guard inner > 10, height >= lines.count + 2 else {
            put("quit and stop the engine for \(viewers)? y/n", x: 0, y: height / 2, style: CellStyle(.warn, bold: true))
            return
        }
        let rect = Rect(x: (width - inner - 2) / 2, y: (height - lines.count - 2) / 2, width: inner + 2,
                        height: lines.count + 2)
        fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        _ = drawBox(rect, title: "quit?", focused: true, glyphs: context.boxGlyphs)
        for (i, line) in lines.enumerated() {
            put(line, x: rect.x + 1, y: rect.y + 1 + i, style: i == lines.count - 1 ? CellStyle(.warn, bold: true) : .normal,
                maxWidth: inner)
        }
    }
}
