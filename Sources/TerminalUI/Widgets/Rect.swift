/// A rectangle of cells inside a `CellGrid`: where a pane, a box or a table is drawn.
///
/// Layout code splits one `Rect` into smaller ones instead of passing loose coordinates,
/// so a pane never needs to know where on the screen it sits:
///
/// ```swift
/// let screen = Rect(x: 0, y: 0, width: 120, height: 40)
/// let (top, bottom) = screen.splitRows(at: 20)
/// let inner = top.inset(by: 1)   // inside a box border
/// ```
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The whole of a grid of `size`.
    public init(_ size: GridSize) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Whether the cell at (x, y) is inside.
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rectangle shrunk by `n` cells on every side (a box's inside for `n == 1`).
    public func inset(by n: Int) -> Rect {
        inset(dx: n, dy: n)
    }

    /// The rectangle shrunk by `dx` columns left and right and `dy` rows top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// Splits into the first `height` rows and the rest (clamped to this rectangle).
    public func splitRows(at height: Int) -> (top: Rect, bottom: Rect) {
        let h = min(max(0, height), self.height)
        return (Rect(x: x, y: y, width: width, height: h),
                Rect(x: x, y: y + h, width: width, height: self.height - h))
    }

    /// Splits into the first `width` columns and the rest (clamped to this rectangle).
    public func splitColumns(at width: Int) -> (left: Rect, right: Rect) {
        let w = min(max(0, width), self.width)
        return (Rect(x: x, y: y, width: w, height: height),
                Rect(x: x + w, y: y, width: self.width - w, height: height))
    }

    /// Row `i` of this rectangle as a one-row rectangle.
    public func row(_ i: Int) -> Rect {
        Rect(x: x, y: y + i, width: width, height: 1)
    }

    /// A `width` x `height` rectangle centred in this one (clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}
