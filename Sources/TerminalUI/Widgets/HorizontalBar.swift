/// A horizontal bar for a fraction in 0...1, eighth-cell precise with block characters.
///
/// Eight sub-steps per cell let a 10-cell bar tell 87% from 88%; the ASCII fallback
/// rounds to whole cells of `#` with `.` for the empty track, for `--ascii` and logs.
///
/// ```swift
/// HorizontalBar.text(fraction: 0.55, width: 4)               // "██▏ "
/// HorizontalBar.text(fraction: 0.55, width: 4, ascii: true)  // "##.."
/// ```
public enum HorizontalBar {
    /// Partial cells for 1/8 ... 7/8 of a cell, left-aligned.
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    static let full: Character = "█"

    /// The bar as text of exactly `width` columns (filled part, then the track).
    /// Fractions outside 0...1 are clamped; NaN draws an empty bar.
    public static func text(fraction: Double, width: Int, ascii: Bool = false) -> String {
        let parts = segments(fraction: fraction, width: width, ascii: ascii)
        return parts.filled + parts.track
    }

    /// The filled part and the empty track separately, so each can take its own style.
    public static func segments(fraction: Double, width: Int, ascii: Bool = false) -> (filled: String, track: String) {
        guard width > 0 else { return ("", "") }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        if ascii {
            let cells = Int((f * Double(width)).rounded())
            return (String(repeating: "#", count: cells), String(repeating: ".", count: width - cells))
        }
        let eighths = Int((f * Double(width * 8)).rounded())
        let whole = eighths / 8
        let rest = eighths % 8
        var filled = String(repeating: full, count: whole)
        if rest > 0 { filled.append(partials[rest - 1]) }
        let used = whole + (rest > 0 ? 1 : 0)
        return (filled, String(repeating: " ", count: width - used))
    }
}

extension CellGrid {
    /// Draws a `HorizontalBar` at (x, y): the filled part in `style` (`.barFill` unless
    /// a status role is wanted), the track in `.barEmpty`.
    ///
    /// The cells `put` would write for `HorizontalBar.segments`, written a character at a
    /// time rather than through the two strings: every bar of every frame is drawn here.
    public mutating func drawBar(fraction: Double, x: Int, y: Int, width: Int, ascii: Bool = false,
                                 style: CellStyle = CellStyle(.barFill)) {
        guard width > 0 else { return }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let track = CellStyle(.barEmpty)
        if ascii {
            let cells = Int((f * Double(width)).rounded())
            let used = put("#", count: cells, x: x, y: y, style: style)
            put(".", count: width - cells, x: x + used, y: y, style: track)
            return
        }
        let eighths = Int((f * Double(width * 8)).rounded())
        let whole = eighths / 8, rest = eighths % 8
        var used = put(HorizontalBar.full, count: whole, x: x, y: y, style: style)
        if rest > 0 { used += put(HorizontalBar.partials[rest - 1], count: 1, x: x + used, y: y, style: style) }
        put(" ", count: width - whole - (rest > 0 ? 1 : 0), x: x + used, y: y, style: track)
    }
}
