/// Which characters a `Chart` is drawn with, from finest to most portable.
///
/// Braille packs a 2x4 grid of dots into every cell, so a 40-column pane shows 80 points
/// at four heights per row: the sharpest line a terminal can draw. Not every font has the
/// braille block, so `blocks` falls back to the lower eighth blocks the sparklines already
/// use (one point per column, eight heights per row), and `ascii` serves `--ascii`, logs
/// and terminals that show anything else as boxes.
///
/// ```swift
/// let mode: ChartMode = options.ascii ? .ascii : .braille
/// ChartRenderer.render(series: [0, 7], width: 2, height: 1, range: 0...7, mode: mode, fill: false)
/// ```
public enum ChartMode: Sendable, Hashable, CaseIterable {
    /// U+2800 braille patterns: 2 points across and 4 steps up per cell.
    case braille
    /// ▁▂▃▄▅▆▇█ column fill: 1 point across and 8 steps up per cell. Always filled, because
    /// a lower block can only grow from a cell's bottom: drawn alone it would float.
    case blocks
    /// ASCII only: `*` points joined by `|` as a line, or `.` `:` `|` columns as an area.
    case ascii

    /// Data points side by side in one cell.
    var pointsPerCell: Int {
        self == .braille ? 2 : 1
    }

    /// Heights one cell can tell apart; an ASCII line has only the `*` in the cell.
    func stepsPerCell(fill: Bool) -> Int {
        switch self {
        case .braille: 4
        case .blocks: 8
        case .ascii: fill ? 3 : 1
        }
    }

    /// Whether an area is drawn: asked for, or the only thing blocks can draw.
    func fills(_ fill: Bool) -> Bool {
        fill || self == .blocks
    }
}
