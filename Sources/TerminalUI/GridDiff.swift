/// One character a backend writes at (x, y); `width` is 2 for a double-width character,
/// which also covers the cell to its right.
public struct CellWrite: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var character: Character
    public var style: CellStyle
    public var width: Int

    public init(x: Int, y: Int, character: Character, style: CellStyle, width: Int = 1) {
        self.x = x
        self.y = y
        self.character = character
        self.style = style
        self.width = width
    }
}

/// What a backend must write so a terminal showing `previous` shows `next`: the pure half
/// of "write only the cells that changed", tested without a terminal.
///
/// Rules, in the order a terminal needs them:
/// - Everything is written when there is no previous grid or its size differs.
/// - Only cells inside `visible` (the terminal's size) are written: a grid larger than the
///   terminal is clipped, never wrapped.
/// - A continuation cell is never written itself; a changed continuation rewrites the wide
///   character it belongs to.
/// - A wide character that would not fit (last visible column) or lost its continuation
///   cell is written as a space, so no half character is left on screen.
public enum GridDiff {
    public static func writes(from previous: CellGrid?, to next: CellGrid, visible: GridSize) -> [CellWrite] {
        let columns = min(next.width, max(0, visible.width))
        let rows = min(next.height, max(0, visible.height))
        let baseline = previous.flatMap { $0.size == next.size ? $0 : nil }
        var writes: [CellWrite] = []
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = next[x, y]
                if cell.isContinuation, x > 0, isIntactWide(next, x: x - 1, y: y) { continue }
                if let baseline, !isDirty(x: x, y: y, previous: baseline, next: next) { continue }
                if cell.isContinuation {
                    writes.append(CellWrite(x: x, y: y, character: " ", style: cell.style))
                } else if DisplayWidth.of(cell.character) == 2 {
                    let fits = x + 1 < columns && isIntactWide(next, x: x, y: y)
                    writes.append(CellWrite(x: x, y: y, character: fits ? cell.character : " ", style: cell.style,
                                            width: fits ? 2 : 1))
                } else {
                    writes.append(CellWrite(x: x, y: y, character: cell.character, style: cell.style))
                }
            }
        }
        return writes
    }

    /// A double-width character at (x, y) followed by its continuation cell.
    private static func isIntactWide(_ grid: CellGrid, x: Int, y: Int) -> Bool {
        let cell = grid[x, y]
        return !cell.isContinuation && DisplayWidth.of(cell.character) == 2 && x + 1 < grid.width
            && grid[x + 1, y].isContinuation
    }

    private static func isDirty(x: Int, y: Int, previous: CellGrid, next: CellGrid) -> Bool {
        if previous[x, y] != next[x, y] { return true }
        return isIntactWide(next, x: x, y: y) && previous[x + 1, y] != next[x + 1, y]
    }
}
