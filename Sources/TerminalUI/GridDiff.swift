/// One character a backend writes at (x, y); `width` is 2 for a double-width character,
/// which also covers the cell to its right.
public struct CellWrite: Sendable, Hashable {
    public var x: Int
    public var y: Int
    /// The character as the grid keeps it (`CellGrid.Cell.code`): a backend reads nearly
    /// every write's one scalar (`scalar`) without a `Character`, a string, built for it.
    private var code: UInt32
    public var style: CellStyle
    public var width: Int

    public init(x: Int, y: Int, character: Character, style: CellStyle, width: Int = 1) {
        self.init(x: x, y: y, code: Graphemes.code(of: character), style: style, width: width)
    }

    init(x: Int, y: Int, code: UInt32, style: CellStyle, width: Int = 1) {
        self.x = x
        self.y = y
        self.code = code
        self.style = style
        self.width = width
    }

    public var character: Character {
        get { Graphemes.character(code) }
        set { code = Graphemes.code(of: newValue) }
    }

    /// The character's Unicode scalar when it is one (nearly always); nil for a character
    /// of several scalars (an emoji with a modifier, a letter with a combining mark).
    public var scalar: Unicode.Scalar? {
        code < Graphemes.firstCode ? Unicode.Scalar(code) : nil
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
        var writes: [CellWrite] = []
        forEachWrite(from: previous, to: next, visible: visible) { writes.append($0) }
        return writes
    }

    /// The writes `writes` lists, handed to `body` one at a time in the same order: a
    /// backend draws them as they come, with no array of them built per frame.
    public static func forEachWrite(from previous: CellGrid?, to next: CellGrid, visible: GridSize,
                                    _ body: (CellWrite) -> Void) {
        let columns = min(next.width, max(0, visible.width))
        let rows = min(next.height, max(0, visible.height))
        let baseline = previous.flatMap { $0.size == next.size ? $0 : nil }
        let width = next.width
        // Straight over the cell arrays: a frame at 200x60 compares 12,000 cells, most of
        // them unchanged.
        next.cells.withUnsafeBufferPointer { cells in
            (baseline?.cells ?? []).withUnsafeBufferPointer { before in
                for y in 0..<rows {
                    let row = y * width
                    if !before.isEmpty, unchanged(before, cells, from: row, count: width) { continue }
                    for x in 0..<columns {
                        let cell = cells[row + x]
                        if cell.isContinuation, x > 0, isIntactWide(cells, at: row + x - 1, x: x - 1, width: width) { continue }
                        if !before.isEmpty, !isDirty(at: row + x, x: x, width: width, previous: before, next: cells) { continue }
                        if cell.isContinuation {
                            body(CellWrite(x: x, y: y, code: 0x20, style: cell.style))
                        } else if cell.displayWidth == 2 {
                            let fits = x + 1 < columns && isIntactWide(cells, at: row + x, x: x, width: width)
                            body(CellWrite(x: x, y: y, code: fits ? cell.code : 0x20, style: cell.style,
                                           width: fits ? 2 : 1))
                        } else {
                            body(CellWrite(x: x, y: y, code: cell.code, style: cell.style))
                        }
                    }
                }
            }
        }
    }

    /// Whether `count` cells from `start` are the same in both grids (the whole row, so a
    /// wide character's continuation past the visible columns counts too): a row that did
    /// not change costs one pass of comparisons and no width lookups. A cell is eight
    /// bytes of plain bits with no padding (`CellGrid.Cell`), so equal cells are equal
    /// words and a row compares a word per cell.
    private static func unchanged(_ a: UnsafeBufferPointer<CellGrid.Cell>, _ b: UnsafeBufferPointer<CellGrid.Cell>,
                                  from start: Int, count: Int) -> Bool {
        guard CellGrid.Cell.isOneWord else {
            for i in start..<(start + count) where a[i] != b[i] { return false }
            return true
        }
        let left = UnsafeRawPointer(a.baseAddress! + start), right = UnsafeRawPointer(b.baseAddress! + start)
        var differ: UInt64 = 0
        for i in 0..<count {
            differ |= left.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
                ^ right.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
        }
        return differ == 0
    }

    /// A double-width character at `index` (column `x`) followed by its continuation cell.
    private static func isIntactWide(_ cells: UnsafeBufferPointer<CellGrid.Cell>, at index: Int, x: Int,
                                     width: Int) -> Bool {
        let cell = cells[index]
        return !cell.isContinuation && cell.displayWidth == 2 && x + 1 < width
            && cells[index + 1].isContinuation
    }

    private static func isDirty(at index: Int, x: Int, width: Int, previous: UnsafeBufferPointer<CellGrid.Cell>,
                                next: UnsafeBufferPointer<CellGrid.Cell>) -> Bool {
        if previous[index] != next[index] { return true }
        return isIntactWide(next, at: index, x: x, width: width) && previous[index + 1] != next[index + 1]
    }
}
