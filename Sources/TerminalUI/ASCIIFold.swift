/// The last word on `--ascii`: every cell of a finished frame made ASCII, so no glyph a pane
/// forgot to choose by mode (a truncation's "…", a missing value's "–", a tenant named in
/// Cyrillic) reaches a terminal or log that cannot show it.
///
/// Panes still pick their ASCII forms themselves where a word reads better than a cell
/// ("waiting for the engine...", "->"); this pass keeps every column where it was, one
/// cell for one cell, so layouts drawn for Unicode stay aligned.
///
/// ```swift
/// ASCIIFold.character(for: "…")   // "~"
/// ASCIIFold.character(for: "–")   // "-"
/// ASCIIFold.character(for: "é")   // "?"
/// ```
public enum ASCIIFold {
    private static let table: [Character: Character] = [
        "…": "~", "–": "-", "—": "-", "·": "-", "•": "*", "→": ">", "←": "<", "›": ">", "‹": "<",
        "↑": "^", "↓": "v", "▲": "^", "▼": "v", "∞": "*", "✓": "+", "✗": "x", "×": "x", "≥": ">", "≤": "<",
        "─": "-", "━": "-", "╌": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "▁": ".", "▂": ".", "▃": ":", "▄": ":", "▅": ":", "▆": "|", "▇": "|", "█": "#",
        "▏": "|", "▎": "|", "▍": "|", "▌": "|", "▋": "|", "▊": "|", "▉": "#", "░": ".", "▒": ":", "▓": "#",
    ]

    /// The ASCII character to draw for `character`: itself when ASCII, a look-alike for the
    /// glyphs flowtop draws, `.` for braille dots, `?` for anything else.
    public static func character(for character: Character) -> Character {
        if character.isASCII { return character }
        if let folded = table[character] { return folded }
        if let scalar = character.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) {
            return scalar.value == 0x2800 ? " " : "."
        }
        return "?"
    }
}

extension CellGrid {
    /// Replaces every non-ASCII cell with `ASCIIFold.character(for:)`; the right half of a
    /// double-width character becomes a space of its own.
    public mutating func foldToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation {
                    self[x, y] = Cell(" ", style: cell.style)
                } else if !cell.isASCII {
                    self[x, y] = Cell(ASCIIFold.character(for: cell.character), style: cell.style)
                }
            }
        }
    }

    /// Whether every cell is ASCII: what `--ascii` promises.
    public var isASCII: Bool {
        cells.allSatisfy { $0.character.isASCII && !$0.isContinuation }
    }
}
