import TerminalUI

/// Screen-text assertions: what a test asks of a rendered `CellGrid` as a person would read
/// it, a row holding some text, the style text is drawn in, whether every row fills the
/// width. Panes are tested as text (STYLE.md); these are the words for it, shared by
/// every test target that renders.
///
/// ```swift
/// #expect(grid.isWellFormed)
/// #expect(grid.line(containing: "slo ai_request_success").contains("1"))
/// #expect(grid.style(of: "3x")?.role == .warn)
/// ```
extension CellGrid {
    /// Every row takes exactly the grid's width on a terminal, and every continuation
    /// cell sits right of a double-width character (and every such character has one).
    public var isWellFormed: Bool {
        for y in 0..<height {
            guard DisplayWidth.of(row(y)) == width else { return false }
            for x in 0..<width {
                let wide = !self[x, y].isContinuation && DisplayWidth.of(self[x, y].character) == 2
                let nextIsContinuation = x + 1 < width && self[x + 1, y].isContinuation
                if wide != nextIsContinuation, !self[x, y].isContinuation { return false }
                if self[x, y].isContinuation, x == 0 || DisplayWidth.of(self[x - 1, y].character) != 2 { return false }
            }
        }
        return true
    }

    /// Rows (trimmed) that contain `text`.
    public func lines(containing text: String) -> [String] {
        self.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.contains(text) }
    }

    /// The first row containing `text`, or "" (so a failing `#expect` shows what was looked for).
    public func line(containing text: String) -> String { lines(containing: text).first ?? "" }

    /// The style of the first cell where `text` starts, if it is on screen; with `line`,
    /// only in the first row containing that.
    public func style(of text: String, inLineContaining line: String? = nil) -> CellStyle? {
        let rows = line.map { line in (0..<height).filter { row($0).contains(line) }.prefix(1) }.map(Array.init)
        for y in rows ?? Array(0..<height) {
            let r = Array(row(y))
            let t = Array(text)
            guard t.count <= r.count else { continue }
            for x in 0...(r.count - t.count) where Array(r[x..<(x + t.count)]) == t {
                // `row` skips continuation cells; map back to the cell column.
                var col = 0
                var seen = 0
                while seen < x || (col < width && self[col, y].isContinuation) {
                    if !self[col, y].isContinuation { seen += 1 }
                    col += 1
                }
                return self[col, y].style
            }
        }
        return nil
    }
}
