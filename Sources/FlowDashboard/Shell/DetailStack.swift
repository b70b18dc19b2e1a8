import TerminalUI

/// One part of a view made of parts stacked top to bottom (the SLO detail): how much it
/// matters, the fewest rows it is any use in, the rows it would like, and how it draws
/// itself in the rows it gets.
struct StackBlock {
    var priority: Int
    /// How much rows past `minHeight` matter, against other blocks' `priority` (as
    /// `TableColumn.widthPriority`): charts are shown small before a table grows.
    var growthPriority: Int? = nil
    var minHeight: Int
    var height: Int
    /// Takes the rows it wants all at once or stays at `minHeight` (a table with a compact
    /// form), rather than growing a row at a time.
    var stepped = false
    /// Takes rows nobody else wants, up to `maxHeight` (charts).
    var maxHeight: Int?
    var draw: (Rect, inout CellGrid) -> Void
}

/// Shares the rows of a view among its blocks by priority, the way `TableLayout` shares
/// columns: each block gets its `minHeight` most important first (a block that does not
/// fit is left out), then the rest of its wish by `growthPriority`; a blank row between
/// blocks only when every wish is met; then rows left over go to blocks with a `maxHeight`.
///
/// ```swift
/// let heights = DetailStack.heights(for: blocks, in: 20)   // 0: left out
/// ```
enum DetailStack {
    /// Rows per block, in the order given (0 for a block left out), and whether a blank
    /// row follows each.
    static func heights(for blocks: [StackBlock], in total: Int) -> (heights: [Int], gapAfter: [Bool]) {
        var heights = Array(repeating: 0, count: blocks.count)
        var used = 0
        let byPriority = blocks.indices.sorted {
            blocks[$0].priority > blocks[$1].priority || (blocks[$0].priority == blocks[$1].priority && $0 < $1)
        }
        for i in byPriority where blocks[i].minHeight > 0 && used + blocks[i].minHeight <= total {
            heights[i] = blocks[i].minHeight
            used += blocks[i].minHeight
        }
        let byGrowth = blocks.indices.sorted {
            let a = blocks[$0].growthPriority ?? blocks[$0].priority
            let b = blocks[$1].growthPriority ?? blocks[$1].priority
            return a > b || (a == b && $0 < $1)
        }
        for i in byGrowth where heights[i] > 0 {
            let wanted = max(0, blocks[i].height - heights[i])
            let extra = blocks[i].stepped ? (wanted <= total - used ? wanted : 0) : min(wanted, total - used)
            heights[i] += extra
            used += extra
        }
        let shown = blocks.indices.filter { heights[$0] > 0 }
        var gapAfter = Array(repeating: false, count: blocks.count)
        for i in shown.dropLast() where used < total {
            gapAfter[i] = true
            used += 1
        }
        for i in byPriority where heights[i] > 0 {
            guard let limit = blocks[i].maxHeight, limit > heights[i] else { continue }
            let extra = min(limit - heights[i], total - used)
            heights[i] += extra
            used += extra
        }
        return (heights, gapAfter)
    }

    /// Draws `blocks` from the top of `rect` down, each in the rows it was given.
    static func draw(_ blocks: [StackBlock], in rect: Rect, grid: inout CellGrid) {
        let (heights, gapAfter) = heights(for: blocks, in: rect.height)
        var y = rect.y
        for (i, block) in blocks.enumerated() where heights[i] > 0 {
            block.draw(Rect(x: rect.x, y: y, width: rect.width, height: heights[i]), &grid)
            y += heights[i] + (gapAfter[i] ? 1 : 0)
        }
    }

    /// Two blocks side by side as one: the left takes `leftShare` of the width (less one
    /// column between them), and both draw in the rows the pair gets.
    static func pair(_ left: StackBlock, _ right: StackBlock, leftShare: Double) -> StackBlock {
        StackBlock(priority: max(left.priority, right.priority),
                   growthPriority: max(left.growthPriority ?? left.priority, right.growthPriority ?? right.priority),
                   minHeight: max(left.minHeight, right.minHeight),
                   height: max(left.height, right.height), stepped: left.stepped || right.stepped,
                   maxHeight: [left.maxHeight, right.maxHeight].compactMap { $0 }.max()) { rect, grid in
            let (l, rest) = rect.splitColumns(at: leftWidth(of: rect.width, share: leftShare))
            left.draw(l, &grid)
            right.draw(Rect(x: rest.x + 2, y: rest.y, width: rest.width - 2, height: rest.height), &grid)
        }
    }

    /// The left block's width in a `pair` `width` wide (two columns go between them).
    static func leftWidth(of width: Int, share: Double) -> Int {
        Int(Double(width - 2) * share)
    }
}
