/// The character for one chart cell in each `ChartMode`, from the strokes of the points
/// that fall in it.
///
/// Thresholds must never be mistaken for data: in braille they are one dot per cell
/// (a data line at the same height has two), in blocks `╌` (data is only lower blocks),
/// in ASCII `-` (data is `*`, `.`, `:` and `|`).
///
/// ```swift
/// ChartGlyphs.threshold(stepInCell: 1, mode: .braille)   // "⠄"
/// ChartGlyphs.threshold(stepInCell: 0, mode: .ascii)     // "-"
/// ```
enum ChartGlyphs {
    /// Braille dot bits by column (left, right) and row in the cell, top row first.
    static let brailleDots: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    static let blockLevels: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Unicode.Scalar] = [".", ":", "|"]

    /// The cell whose lowest step is `bottom`, holding the strokes of its points (one per
    /// point column of the cell, nil for a gap).
    static func data(_ strokes: ArraySlice<ChartStroke?>, bottom: Int, mode: ChartMode, fill: Bool) -> ChartCell {
        let perCell = mode.stepsPerCell(fill: fill)
        let top = bottom + perCell - 1
        // One pass over the cell's strokes, no array of the present ones: a chart draws
        // every cell of its plot each frame.
        var first: ChartStroke?
        var kind = ChartCell.Kind.data
        for case let stroke? in strokes {
            if first == nil { first = stroke }
            if stroke.clipped, stroke.point >= bottom, stroke.point <= top { kind = .clipped }
        }
        switch mode {
        case .braille:
            var bits: UInt32 = 0
            for (dx, stroke) in strokes.enumerated() {
                guard let stroke else { continue }
                for dy in 0..<4 where stroke.covers(top - dy) { bits |= brailleDots[dx][dy] }
            }
            guard bits != 0, let scalar = Unicode.Scalar(0x2800 + bits) else { return .empty }
            return ChartCell(scalar: scalar, kind: kind)
        case .blocks, .ascii:
            guard let stroke = first else { return .empty }
            if mode == .ascii && !fill {
                if stroke.point == bottom { return ChartCell(scalar: "*", kind: kind) }
                return stroke.covers(bottom) ? ChartCell(scalar: "|", kind: .data) : .empty
            }
            let filled = min(perCell, stroke.high + 1 - bottom)
            guard filled > 0 else { return .empty }
            let levels = mode == .blocks ? blockLevels : asciiLevels
            return ChartCell(scalar: levels[filled - 1], kind: kind)
        }
    }

    /// A threshold's character in a cell, `stepInCell` steps above the cell's bottom.
    static func threshold(stepInCell: Int, mode: ChartMode) -> Unicode.Scalar {
        switch mode {
        case .braille:
            let dy = min(3, max(0, 3 - stepInCell))
            return Unicode.Scalar(0x2800 + brailleDots[0][dy]) ?? "⠂"
        case .blocks: return "╌"
        case .ascii: return "-"
        }
    }
}
