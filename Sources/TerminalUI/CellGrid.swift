/// A rectangle of character cells: what every pane draws into and what a `Screen` shows.
///
/// A double-width character (CJK, most emoji) takes its cell plus the next one, which is
/// marked as a continuation. Writes past the edges are clipped, never wrapped.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public var size: GridSize { GridSize(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from (x, y), clipped at `x + maxWidth` and the grid's right edge.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = maxWidth.map { min(width, x + $0) } ?? width
        var col = x
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, most of what panes write: a byte is a character of width 1 (0 for a
            // control), with no grapheme breaking. "\r\n" is skipped either way.
            for byte in text.utf8 {
                if byte < 0x20 || byte == 0x7F { continue }
                if col + 1 > limit { break }
                if col >= 0 { self[col, y] = Cell(code: UInt32(byte), style: style) }
                col += 1
            }
            return max(0, col - x)
        }
        if text.unicodeScalars.allSatisfy({ DisplayWidth.isPlain($0.value) }) {
            // Latin, punctuation, arrows, box drawing, blocks, braille: each scalar is a
            // character of width 1 (0 for a control), so no grapheme breaking either.
            for scalar in text.unicodeScalars {
                if DisplayWidth.of(leading: scalar, isCluster: false) == 0 { continue }
                if col + 1 > limit { break }
                if col >= 0 { self[col, y] = Cell(code: scalar.value, style: style) }
                col += 1
            }
            return max(0, col - x)
        }
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                self[col, y] = Cell(ch, style: style)
                if w == 2 { self[col + 1, y] = Cell(code: 0x20, style: style, isContinuation: true) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Writes `character` `count` times from (x, y), as `put` would write the repeated
    /// string, without building it: box edges and bars are drawn this way.
    @discardableResult
    public mutating func put(_ character: Character, count: Int, x: Int, y: Int, style: CellStyle = .normal) -> Int {
        guard y >= 0, y < height, x < width, count > 0 else { return 0 }
        let w = DisplayWidth.of(character)
        guard w > 0 else { return 0 }
        let cell = Cell(character, style: style)
        var col = x
        for _ in 0..<count {
            if col + w > width { break }
            if col >= 0 {
                self[col, y] = cell
                if w == 2 { self[col + 1, y] = Cell(code: 0x20, style: style, isContinuation: true) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ character: Character = " ",
                              style: CellStyle = .normal) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(character, style: style)
        for yy in y0..<y1 {
            for xx in x0..<x1 { self[xx, yy] = cell }
        }
    }

    /// The cells of `rect` (clipped to the grid), row by row: what a pane drew there, kept
    /// so a later frame that would draw the same puts them back with `restore(_:in:)`.
    public func cells(in rect: Rect) -> [Cell] {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return [] }
        var kept: [Cell] = []
        kept.reserveCapacity((x1 - x0) * (y1 - y0))
        for y in y0..<y1 { kept.append(contentsOf: cells[(y * width + x0)..<(y * width + x1)]) }
        return kept
    }

    /// Puts back cells `cells(in: rect)` gave on a grid of this size: row copies, no
    /// drawing. Cells of another count (another rect or size) are ignored.
    public mutating func restore(_ kept: [Cell], in rect: Rect) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1, kept.count == (x1 - x0) * (y1 - y0) else { return }
        let rowWidth = x1 - x0
        for (i, y) in (y0..<y1).enumerated() {
            cells.replaceSubrange((y * width + x0)..<(y * width + x1), with: kept[(i * rowWidth)..<((i + 1) * rowWidth)])
        }
    }

    /// The grid as plain text, one line per row, trailing spaces trimmed: what tests and
    /// `flowtop snapshot` read.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = self[x, y]
                if !c.isContinuation { line.append(c.character) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Row `y` as text (untrimmed), for tests.
    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
        return line
    }
}

/// Columns a character takes in a terminal (0, 1 or 2), after wcwidth's rules for the
/// common cases: combining marks 0, East Asian wide and emoji 2, the rest 1.
public enum DisplayWidth {
    public static func of(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        return of(leading: first, isCluster: ch.unicodeScalars.count > 1)
    }

    /// The width of a character whose first scalar is `first`; `isCluster` says it has more
    /// than one (read only for a character that may be an emoji), so a cell that keeps one
    /// scalar is measured without building a `Character`.
    static func of(leading first: Unicode.Scalar, isCluster: @autoclosure () -> Bool) -> Int {
        let v = first.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        // What frames draw most (`isPlain`): 1 without the property lookups below.
        if isPlain(v) { return 1 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if isWide(v) || (isCluster() && first.properties.isEmojiPresentation) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        return 1
    }

    public static func of(_ s: String) -> Int {
        // ASCII, most of what panes measure: a byte is a column (none for a control), with
        // no grapheme breaking ("\r\n" is 0 either way).
        var columns = 0
        for byte in s.utf8 {
            guard byte < 0x80 else { return ofUnicode(s) }
            if byte >= 0x20, byte != 0x7F { columns += 1 }
        }
        return columns
    }

    /// A string with non-ASCII characters: by scalar when every one is `isPlain` (each is
    /// then a character of its own), else by character.
    private static func ofUnicode(_ s: String) -> Int {
        var columns = 0
        for scalar in s.unicodeScalars {
            guard isPlain(scalar.value) else { return s.reduce(0) { $0 + of($1) } }
            columns += of(leading: scalar, isCluster: false)
        }
        return columns
    }

    /// Below U+0300 (before the combining marks), or box drawing, block elements,
    /// geometric shapes up to U+25FC and braille, what every frame draws most, or the
    /// dashes, bullets, "…", arrows and maths signs the panes put in text ("–" for no
    /// value, "→", "≥"). None of these is wide, a mark, an emoji by default or a scalar
    /// that joins the next into one character (a mark, a joiner, a variation selector
    /// never is one), so a string of them is measured and drawn a scalar at a time, and
    /// those above U+0300 are 1 column without property lookups (`CellStorageTests`
    /// checks these ranges against the properties).
    static func isPlain(_ v: UInt32) -> Bool {
        v < 0x300 || (v >= 0x2500 && v <= 0x25FC) || (v >= 0x2800 && v <= 0x28FF)
            || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || (v >= 0x2190 && v <= 0x22FF)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0x303E) || (v >= 0x3041 && v <= 0x33FF)
            || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xA000 && v <= 0xA4CF)
            || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
            || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1F64F)
            || (v >= 0x1F900 && v <= 0x1F9FF) || (v >= 0x20000 && v <= 0x3FFFD)
    }
}
