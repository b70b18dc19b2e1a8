/// One column of a `TableLayout`: how wide it wants to be, how narrow it may get, and how
/// important it is when the table does not fit.
public struct TableColumn: Sendable, Hashable {
    public var title: String
    /// Preferred width in columns.
    public var width: Int
    /// Narrowest useful width; the column is dropped rather than squeezed below it.
    public var minWidth: Int
    public var alignment: TextFit.Alignment
    /// Higher is kept longer: when space runs out the lowest-priority column goes first.
    public var priority: Int
    /// How much the width above `minWidth` matters, against other columns' `priority`:
    /// a name column with `priority` 100 and `widthPriority` 60 is always shown, shown in
    /// full before any column below 60 is, and cut before a column above 60 is dropped.
    public var widthPriority: Int
    /// Flexible columns take the width left over once every kept column has its width.
    public var flexible: Bool

    public init(_ title: String, width: Int, minWidth: Int? = nil, alignment: TextFit.Alignment = .left,
                priority: Int = 50, widthPriority: Int? = nil, flexible: Bool = false) {
        self.title = title
        self.width = max(0, width)
        self.minWidth = min(max(0, minWidth ?? width), max(0, width))
        self.alignment = alignment
        self.priority = priority
        self.widthPriority = min(widthPriority ?? priority, priority)
        self.flexible = flexible
    }
}

/// Which columns of a table fit in a width, and how wide each is.
///
/// A table that is too wide degrades instead of garbling: columns lose the width they
/// can spare and then whole columns are dropped, least important first, until the rest
/// fit; cells are cut with "…", never wrapped.
///
/// ```swift
/// let layout = TableLayout.fit([
///     TableColumn("SLO", width: 26, minWidth: 10, priority: 100, flexible: true),
///     TableColumn("5m", width: 6, alignment: .right, priority: 20),
/// ], width: 30)
/// layout.shows(1)   // false: "5m" was dropped
/// ```
public struct TableLayout: Sendable, Hashable {
    /// Indices into the column list given to `fit`, left to right.
    public var columns: [Int]
    /// Width of each shown column, parallel to `columns`.
    public var widths: [Int]
    /// Blank columns between two shown columns.
    public var spacing: Int

    public init(columns: [Int], widths: [Int], spacing: Int) {
        self.columns = columns
        self.widths = widths
        self.spacing = spacing
    }

    /// The columns' total width including the gaps.
    public var totalWidth: Int {
        widths.reduce(0, +) + spacing * max(0, widths.count - 1)
    }

    /// The width `columns` take when every one has its preferred width.
    public static func preferredWidth(of columns: [TableColumn], spacing: Int = 1) -> Int {
        columns.reduce(0) { $0 + $1.width } + spacing * max(0, columns.count - 1)
    }

    /// Whether column `index` (of the list given to `fit`) is shown.
    public func shows(_ index: Int) -> Bool { columns.contains(index) }

    /// Column offset of column `index` from the table's left edge, nil if dropped.
    public func offset(of index: Int) -> Int? {
        guard let pos = columns.firstIndex(of: index) else { return nil }
        return widths[..<pos].reduce(0, +) + spacing * pos
    }

    /// Width given to column `index`, 0 if dropped.
    public func width(of index: Int) -> Int {
        guard let pos = columns.firstIndex(of: index) else { return 0 }
        return widths[pos]
    }

    /// Lays `all` out in `width` columns. Space is handed out by priority: each column's
    /// `minWidth` at its `priority`, the rest of its preferred width at its `widthPriority`;
    /// a column whose minimum no longer fits is dropped (a narrower, less important one
    /// may still fit after it). Flexible columns share what is left at the end.
    public static func fit(_ all: [TableColumn], width: Int, spacing: Int = 1) -> TableLayout {
        // (priority, column, is the growth claim); stable: earlier columns win ties.
        var claims: [(priority: Int, index: Int, grow: Bool)] = []
        for (i, column) in all.enumerated() {
            claims.append((column.priority, i, false))
            if column.width > column.minWidth { claims.append((column.widthPriority, i, true)) }
        }
        claims.sort { a, b in
            a.priority != b.priority ? a.priority > b.priority
                : a.index != b.index ? a.index < b.index : !a.grow && b.grow
        }
        // The width given to each column so far, nil while it has none: an array rather
        // than a dictionary, since every table of every frame is laid out here.
        var given = [Int?](repeating: nil, count: all.count)
        var givenCount = 0
        var used = 0
        for claim in claims {
            let column = all[claim.index]
            if claim.grow {
                guard let current = given[claim.index] else { continue }
                let extra = min(column.width - current, width - used)
                given[claim.index] = current + max(0, extra)
                used += max(0, extra)
            } else {
                let cost = column.minWidth + (givenCount == 0 ? 0 : spacing)
                if used + cost <= width {
                    given[claim.index] = column.minWidth
                    givenCount += 1
                    used += cost
                } else if givenCount == 0 {
                    // Not even the most important column fits: show it cut, and only it.
                    given[claim.index] = max(0, width)
                    givenCount += 1
                    break
                }
            }
        }
        let kept = given.indices.filter { given[$0] != nil }
        var widths = kept.map { given[$0] ?? 0 }
        let spare = width - (widths.reduce(0, +) + spacing * max(0, kept.count - 1))
        let flexible = kept.indices.filter { all[kept[$0]].flexible }
        if spare > 0, !flexible.isEmpty {
            for (n, pos) in flexible.enumerated() {
                widths[pos] += spare / flexible.count + (n < spare % flexible.count ? 1 : 0)
            }
        }
        return TableLayout(columns: kept, widths: widths, spacing: spacing)
    }
}

/// What one table cell shows: text (cut with "…" to the column), or a bar or a sparkline
/// as wide as the column.
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    public enum Content: Sendable, Hashable {
        case text(String)
        /// A `HorizontalBar` of this fraction, as wide as the column.
        case bar(Double)
        /// A `Sparkline` of these values over `range` (nil: their own min...max), as wide as
        /// the column; gaps drawn as "·".
        case sparkline([Double?], range: ClosedRange<Double>?)
    }

    public var content: Content
    public var style: CellStyle

    public init(_ text: String, style: CellStyle = .normal) {
        content = .text(text)
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }

    public static func bar(_ fraction: Double, style: CellStyle = CellStyle(.barFill)) -> TableCell {
        var cell = TableCell("", style: style)
        cell.content = .bar(fraction)
        return cell
    }

    public static func sparkline(_ values: [Double?], range: ClosedRange<Double>? = nil,
                                 style: CellStyle = CellStyle(.graph)) -> TableCell {
        var cell = TableCell("", style: style)
        cell.content = .sparkline(values, range: range)
        return cell
    }
}

extension CellGrid {
    /// Draws one table row at (x, y): `cells` holds one cell per column given to
    /// `TableLayout.fit` (dropped columns are skipped). `rowStyle`, when set, fills the
    /// whole row width and replaces every cell's role; a `selected` row style instead keeps
    /// each cell's role on the selection background (`CellStyle.onSelection`).
    public mutating func drawTableRow(_ cells: [TableCell], layout: TableLayout, x: Int, y: Int,
                                      rowStyle: CellStyle? = nil, ascii: Bool = false,
                                      columns: [TableColumn]) {
        if let rowStyle { fill(x: x, y: y, width: layout.totalWidth, height: 1, style: rowStyle) }
        var col = x
        for (pos, index) in layout.columns.enumerated() {
            let w = layout.widths[pos]
            defer { col += w + layout.spacing }
            guard index < cells.count, w > 0 else { continue }
            let cell = cells[index]
            let style = rowStyle.map { $0.selected ? cell.style.onSelection($0) : $0 } ?? cell.style
            switch cell.content {
            case .text(let text):
                let alignment = index < columns.count ? columns[index].alignment : .left
                putPadded(text, width: w, alignment: alignment, x: col, y: y, style: style)
            case .bar(let fraction):
                drawBar(fraction: fraction, x: col, y: y, width: w, ascii: ascii, style: style)
            case .sparkline(let values, let range):
                let text = Sparkline.text(values, width: w, range: range, missing: ascii ? " " : "·", ascii: ascii)
                put(text, x: col, y: y, style: style)
            }
        }
    }

    /// Writes what `put(TextFit.pad(text, to: width, alignment: alignment), ...)` writes, the
    /// cut text and the spaces around it, without building the padded string: every table
    /// cell of every frame goes through here.
    mutating func putPadded(_ text: String, width: Int, alignment: TextFit.Alignment, x: Int, y: Int,
                            style: CellStyle) {
        let cut = TextFit.truncate(text, to: width)
        let textWidth = DisplayWidth.of(cut)
        let gap = max(0, width - textWidth)
        let left = switch alignment {
        case .left: 0
        case .right: gap
        case .center: gap / 2
        }
        put(" ", count: left, x: x, y: y, style: style)
        put(cut, x: x + left, y: y, style: style)
        put(" ", count: gap - left, x: x + left + textWidth, y: y, style: style)
    }

    /// Draws the column titles of `columns` as laid out by `layout`.
    public mutating func drawTableHeader(_ columns: [TableColumn], layout: TableLayout, x: Int, y: Int,
                                         style: CellStyle = CellStyle(.dim, bold: true)) {
        drawTableRow(columns.map { TableCell($0.title, style: style) }, layout: layout, x: x, y: y,
                     columns: columns)
    }
}
