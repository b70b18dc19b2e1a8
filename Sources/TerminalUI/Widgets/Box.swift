/// The characters a box border is drawn with.
///
/// `rounded` is the default look; `plain` suits fonts without rounded corners; `ascii`
/// serves terminals and logs without box-drawing characters (`--ascii`).
public struct BoxGlyphs: Sendable, Hashable {
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var horizontal: Character
    public var vertical: Character

    public init(topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
                horizontal: Character, vertical: Character) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let rounded = BoxGlyphs(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
                                          horizontal: "─", vertical: "│")
    public static let plain = BoxGlyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                        horizontal: "─", vertical: "│")
    public static let ascii = BoxGlyphs(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                                        horizontal: "-", vertical: "|")
}

extension CellGrid {
    /// Draws a border around `rect` with `title` in the top edge and returns the inside.
    ///
    /// The border takes `.borderFocused` when `focused`, else `.border`, so the pane with
    /// the keyboard stands out in every theme. A title too long for the edge is cut with
    /// "…"; a rectangle smaller than 2x2 draws nothing and has no inside.
    ///
    /// ```swift
    /// let inner = grid.drawBox(pane, title: "SLOs", focused: true)
    /// grid.put("ai_request_success", x: inner.x, y: inner.y)
    /// ```
    @discardableResult
    public mutating func drawBox(_ rect: Rect, title: String = "", focused: Bool = false,
                                 glyphs: BoxGlyphs = .rounded) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        clearWideCharactersCut(by: rect)
        let style = CellStyle(focused ? .borderFocused : .border, bold: focused)
        for (y, left, right) in [(rect.y, glyphs.topLeft, glyphs.topRight),
                                 (rect.maxY - 1, glyphs.bottomLeft, glyphs.bottomRight)] {
            let used = put(left, count: 1, x: rect.x, y: y, style: style)
            let edge = put(glyphs.horizontal, count: rect.width - 2, x: rect.x + used, y: y, style: style)
            put(right, count: 1, x: rect.x + used + edge, y: y, style: style)
        }
        drawVerticalEdges(rect, glyph: glyphs.vertical, style: style)
        fill(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
        // " title " sits after one border cell and keeps one before the corner.
        let room = rect.width - 4
        if !title.isEmpty, room >= 3 {
            let shown = TextFit.truncate(title, to: room - 2)
            put(" " + shown + " ", x: rect.x + 2, y: rect.y, style: CellStyle(.title, bold: focused))
        }
        return rect.inset(by: 1)
    }

    /// The left and right edges between the corners: what `put(glyph, count: 1, ...)` on
    /// each row writes, with the cell made once (every pane and view draws a box each frame).
    private mutating func drawVerticalEdges(_ rect: Rect, glyph: Character, style: CellStyle) {
        guard DisplayWidth.of(glyph) == 1 else {
            for yy in (rect.y + 1)..<(rect.maxY - 1) {
                put(glyph, count: 1, x: rect.x, y: yy, style: style)
                put(glyph, count: 1, x: rect.maxX - 1, y: yy, style: style)
            }
            return
        }
        let cell = Cell(glyph, style: style)
        let top = max(0, rect.y + 1), bottom = min(height, rect.maxY - 1)
        let left = rect.x, right = rect.maxX - 1
        guard top < bottom else { return }
        for yy in top..<bottom {
            if left >= 0, left < width { self[left, yy] = cell }
            if right >= 0, right < width { self[right, yy] = cell }
        }
    }

    /// A box drawn over text must not cut a double-width character in half: the half left
    /// outside would still take two columns on the terminal and push the border over.
    mutating func clearWideCharactersCut(by rect: Rect) {
        // A rectangle wholly above or below the grid has no rows here (the range would trap).
        let top = max(0, rect.y), bottom = min(height, rect.maxY)
        guard top < bottom else { return }
        for yy in top..<bottom {
            if rect.x > 0, rect.x < width, self[rect.x, yy].isContinuation {
                self[rect.x - 1, yy] = Cell(" ", style: self[rect.x - 1, yy].style)
            }
            if rect.maxX >= 0, rect.maxX < width, self[rect.maxX, yy].isContinuation {
                self[rect.maxX, yy] = Cell(" ", style: self[rect.maxX, yy].style)
            }
        }
    }
}
