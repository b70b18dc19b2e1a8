/// Rows of cells under a header, written as a Markdown table or as aligned plain columns.
///
/// Numeric columns are right-aligned in both forms so figures line up.
///
/// ```swift
/// var table = ReportTable(columns: [.init("channel"), .init("revenue", alignment: .right)])
/// table.rows.append(["ads", "300.00"])
/// table.text()   // "channel  revenue\n-------  -------\nads       300.00\n"
/// ```
public struct ReportTable {
    public enum Alignment { case left, right }

    public struct Column {
        var title: String
        var alignment: Alignment

        init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public var isEmpty: Bool { rows.isEmpty }

    public static func markdownEscape(_ s: String) -> String {
        s.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }

    public func markdown() -> String {
        var out = "| " + columns.map { Self.markdownEscape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignment == .right ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            out += "| " + columns.indices.map { Self.markdownEscape(cell(row, $0)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    public func text() -> String {
        let widths = columns.indices.map { i in
            rows.reduce(columns[i].title.count) { max($0, cell($1, i).count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = columns.indices.map { i -> String in
                let c = cells[i]
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return columns[i].alignment == .right ? pad + c : c + pad
            }
            var s = padded.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        var out = line(columns.map(\.title))
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(columns.indices.map { cell(row, $0) }) }
        return out
    }

    private func cell(_ row: [String], _ i: Int) -> String { i < row.count ? row[i] : "" }
}

fileprivate extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
