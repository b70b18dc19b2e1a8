import TerminalUI

/// Where the header, the four panes (or the one shown alone) and the footer go on a screen
/// of a given size.
///
/// Wide screens (at least `sideBySideWidth` columns) get a 2x2 grid, SLOs and Alerts on
/// top; narrower ones stack the panes. Rows are handed out in turn (see `distribute`), so
/// a short screen shrinks every pane a little rather than hiding one.
struct DashboardLayout {
    /// Below this the dashboard shows "terminal too small" instead of garbage.
    static let minimumSize = GridSize(width: 60, height: 16)
    /// From this width on, panes sit two by two.
    static let sideBySideWidth = 100

    var header: Rect
    var body: Rect
    var footer: Rect
    var panes: [DashboardPane: Rect]

    /// - Parameters:
    ///   - wanted: content rows each pane would like (inside its border).
    ///   - widths: columns each pane would like (border included); in the 2x2 grid the
    ///     left column gets its share of the two sides' wishes, between 2/5 and 3/5.
    ///   - only: the pane shown alone (`z`, `--pane`), which gets the whole body.
    init(size: GridSize, wanted: [DashboardPane: Int], widths: [DashboardPane: Int] = [:],
         only: DashboardPane? = nil) {
        let screen = Rect(size)
        let (header, rest) = screen.splitRows(at: 1)
        let (body, footer) = rest.splitRows(at: rest.height - 1)
        self.header = header
        self.body = body
        self.footer = footer
        func want(_ pane: DashboardPane) -> Int { wanted[pane] ?? 1 }
        var panes: [DashboardPane: Rect] = [:]
        if let only {
            panes[only] = body
        } else if size.width >= Self.sideBySideWidth {
            let heights = Self.distribute(body.height, wanted: [
                max(want(.slos), want(.alerts)) + 2,
                max(want(.funnel), want(.attribution)) + 2,
            ], minimum: 3)
            let (top, bottom) = body.splitRows(at: heights[0])
            let left = max(widths[.slos] ?? 1, widths[.funnel] ?? 1, 1)
            let right = max(widths[.alerts] ?? 1, widths[.attribution] ?? 1, 1)
            let share = body.width * left / (left + right)
            // The SLO table gets room for its four burn windows before Alerts grows.
            let leftWidth = min(max(share, left, body.width * 2 / 5), body.width * 3 / 5)
            (panes[.slos], panes[.alerts]) = top.splitColumns(at: leftWidth)
            (panes[.funnel], panes[.attribution]) = bottom.splitColumns(at: leftWidth)
        } else {
            let order = DashboardPane.allCases
            let heights = Self.distribute(body.height, wanted: order.map { want($0) + 2 }, minimum: 3)
            var rest = body
            for (pane, h) in zip(order, heights) {
                let (r, below) = rest.splitRows(at: h)
                panes[pane] = r
                rest = below
            }
        }
        self.panes = panes
    }

    /// Splits `total` rows: each part gets `minimum` (if there is enough), then one row
    /// at a time in turn to each part still short of what it wants, so that on a short
    /// screen a small pane (the alerts) is shown whole and a big one gives up rows first;
    /// what is left once every part has its wish is shared evenly.
    static func distribute(_ total: Int, wanted: [Int], minimum: Int) -> [Int] {
        guard !wanted.isEmpty else { return [] }
        let floor = min(minimum, total / wanted.count)
        var given = Array(repeating: floor, count: wanted.count)
        var left = total - floor * wanted.count
        var gaveAny = true
        while left > 0, gaveAny {
            gaveAny = false
            for i in given.indices where left > 0 && given[i] < wanted[i] {
                given[i] += 1
                left -= 1
                gaveAny = true
            }
        }
        for i in given.indices {
            let share = left / wanted.count + (i < left % wanted.count ? 1 : 0)
            given[i] += share
        }
        return given
    }
}

/// Which of a pane's rows fit in `height` lines, keeping the selected one in view; rows
/// that do not fit are counted on a last "+N more" line.
struct RowWindow: Equatable {
    var range: Range<Int>
    var hidden: Int

    init(count: Int, height: Int, selected: Int?) {
        guard count > height else {
            range = 0..<count
            hidden = 0
            return
        }
        let shown = max(0, height - 1)
        var start = 0
        if let selected, selected >= shown { start = min(selected - shown + 1, count - shown) }
        range = start..<(start + shown)
        hidden = count - shown
    }
}

/// How a pane with a column header, `count` data rows and `footer` summary lines spends
/// `height` lines: data first, then the summary, then the column header.
struct PanePlan: Equatable {
    var showsHeader: Bool
    var footerLines: Int
    var window: RowWindow

    init(height: Int, count: Int, header: Bool, footer: Int, selected: Int?) {
        let dataWanted = max(1, min(count, 2))
        footerLines = min(footer, max(0, height - dataWanted))
        showsHeader = header && height >= 3 && height - footerLines - 1 >= max(1, min(count, 3))
        let rows = height - footerLines - (showsHeader ? 1 : 0)
        window = RowWindow(count: count, height: rows, selected: selected)
    }
}
