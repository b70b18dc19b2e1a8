import TerminalUI

/// A table under a title line, as the stage and attribution views stack them: the column
/// header when there is room, the rows that fit (the highlighted one kept in view and
/// drawn in the selection style), "+N more" for the rest, and a plain sentence when there
/// are no rows at all.
///
/// ```swift
/// let table = TitledTable(title: "top converting paths with email", columns: columns,
///                         rows: rows, empty: "no converted journey through email")
/// table.block(priority: 70, ascii: context.asciiOnly)   // a part of a DetailStack
/// ```
struct TitledTable {
    var title: String
    /// After the title, dim: what the numbers are about.
    var note: String = ""
    var columns: [TableColumn]
    /// One cell per column, per row.
    var rows: [[TableCell]]
    /// The row the table is about (the chosen model), marked and kept in view.
    var highlighted: Int? = nil
    var empty: String

    /// Title, column header and every row.
    var height: Int { rows.isEmpty ? 2 : rows.count + 2 }

    /// A part of a `DetailStack`: from the title and two rows up to every row.
    func block(priority: Int, growthPriority: Int? = nil, ascii: Bool) -> StackBlock {
        StackBlock(priority: priority, growthPriority: growthPriority, minHeight: min(3, height),
                   height: height) { rect, grid in
            draw(in: rect, ascii: ascii, grid: &grid)
        }
    }

    func draw(in rect: Rect, ascii: Bool, grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let used = grid.put(title, x: rect.x, y: rect.y, style: CellStyle(.title, bold: true), maxWidth: rect.width)
        if !note.isEmpty, used < rect.width {
            grid.put(TextFit.truncate("  " + note, to: rect.width - used), x: rect.x + used, y: rect.y,
                     style: CellStyle(.dim))
        }
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard !body.isEmpty else { return }
        guard !rows.isEmpty else {
            grid.put(TextFit.truncate(empty, to: body.width), x: body.x, y: body.y, style: CellStyle(.dim))
            return
        }
        let layout = TableLayout.fit(columns, width: body.width)
        let plan = PanePlan(height: body.height, count: rows.count, header: true, footer: 0, selected: highlighted)
        var y = body.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: body.x, y: y)
            y += 1
        }
        for i in plan.window.range {
            grid.drawTableRow(rows[i], layout: layout, x: body.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: highlighted, focused: true),
                              ascii: ascii, columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: body, y: y)
    }
}
