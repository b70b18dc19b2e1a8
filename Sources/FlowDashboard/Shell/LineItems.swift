import TerminalUI

/// A few words of one line kept whole or left out, never cut: "SLI 99.712%", "series
/// tenant:acme". Each part takes its own style.
struct LineItem {
    var parts: [(text: String, style: CellStyle)]
    /// Higher is kept longer when the line is short.
    var priority: Int

    init(_ parts: [(String, CellStyle)], priority: Int) {
        self.parts = parts.map { (text: $0.0, style: $0.1) }
        self.priority = priority
    }

    var width: Int { parts.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}

extension CellGrid {
    /// Draws `items` left to right, `spacing` apart, leaving out the least important ones
    /// that do not fit (the header's rule, for any line).
    mutating func drawItems(_ items: [LineItem], x: Int, y: Int, width: Int, spacing: Int = 3) {
        let columns = items.map { TableColumn("", width: $0.width, priority: $0.priority) }
        let layout = TableLayout.fit(columns, width: width, spacing: spacing)
        for index in layout.columns {
            guard let offset = layout.offset(of: index) else { continue }
            var col = x + offset
            let limit = x + offset + layout.width(of: index)
            for part in items[index].parts where col < limit {
                col += put(part.text, x: col, y: y, style: part.style, maxWidth: limit - col)
            }
        }
    }
}
