import Testing
@testable import TerminalUI

/// A cell keeps a number for its character (`CellGrid.Cell`), rows are compared as words
/// (`GridDiff`), and table cells, bars and widths take shortcuts that must write exactly
/// what the longer way did.
@Suite("Cell storage and the drawing shortcuts")
struct CellStorageTests {
    @Test func aCellIsOneWordSoRowsCompareAsWords() {
        #expect(MemoryLayout<CellGrid.Cell>.size == 8)
        #expect(CellGrid.Cell.isOneWord)
    }

    @Test func charactersOfSeveralScalarsComeBackExactly() {
        // Decomposed "é" is canonically equal to the precomposed one, but a cell gives back
        // the scalars it was given.
        for text in ["e\u{301}", "👍🏽", "🇫🇷", "\r\n", "é", "日"] {
            let character = Character(text)
            let cell = CellGrid.Cell(character)
            #expect(Array(cell.character.unicodeScalars) == Array(text.unicodeScalars))
        }
        #expect(CellGrid.Cell(Character("e\u{301}")) != CellGrid.Cell("\u{E9}"))
        #expect(CellGrid.Cell(Character("👍🏽")) == CellGrid.Cell(Character("👍🏽")))
    }

    @Test func theContinuationFlagAndTheCharacterAreIndependent() {
        var cell = CellGrid.Cell(Character("👍🏽"), style: CellStyle(.crit), isContinuation: true)
        #expect(cell.isContinuation)
        cell.character = "x"
        #expect(cell.isContinuation && cell.character == "x")
        cell.isContinuation = false
        #expect(!cell.isContinuation && cell.character == "x" && cell.style == CellStyle(.crit))
    }

    @Test func theDiffSeesAChangeInAnyPartOfACell() {
        var previous = CellGrid(width: 3, height: 1)
        previous.put("a👍🏽", x: 0, y: 0)
        let visible = GridSize(width: 3, height: 1)
        var character = previous, style = previous, flag = previous
        character.put("👍🏿", x: 1, y: 0)
        style.put("a", x: 0, y: 0, style: CellStyle(.normal, selected: true))
        flag[0, 0].isContinuation = true
        #expect(GridDiff.writes(from: previous, to: character, visible: visible).map(\.x) == [1])
        #expect(GridDiff.writes(from: previous, to: style, visible: visible).map(\.x) == [0])
        #expect(GridDiff.writes(from: previous, to: flag, visible: visible).map(\.x) == [0])
        #expect(GridDiff.writes(from: previous, to: previous, visible: visible).isEmpty)
    }

    /// The shortcut ranges of `DisplayWidth` give what the Unicode properties give.
    @Test func widthShortcutsAgreeWithTheUnicodeProperties() {
        for range in [0x2010...0x2027, 0x2030...0x205E, 0x2190...0x22FF, 0x2500...0x25FC, 0x2800...0x28FF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let category = scalar.properties.generalCategory
                let expected = category == .nonspacingMark || category == .enclosingMark ? 0
                    : scalar.properties.isEmojiPresentation ? 2 : 1
                #expect(DisplayWidth.of(Character(scalar)) == expected, "U+\(String(value, radix: 16))")
            }
        }
        #expect(DisplayWidth.of("a\u{7}b\r\n") == 2)
    }

    @Test func aPaddedTableCellWritesWhatThePaddedStringWrote() {
        let texts = ["", "42", "ai_response_latency", "日本語", "a日b", "tab\there", "–", "e\u{301}x"]
        for text in texts {
            for alignment in [TextFit.Alignment.left, .right, .center] {
                for (x, width) in [(0, 8), (3, 5), (6, 4), (-2, 6), (9, 3), (0, 0)] {
                    var expected = CellGrid(width: 10, height: 1)
                    expected.put(TextFit.pad(text, to: width, alignment: alignment), x: x, y: 0, style: CellStyle(.ok))
                    var drawn = CellGrid(width: 10, height: 1)
                    drawn.putPadded(text, width: width, alignment: alignment, x: x, y: 0, style: CellStyle(.ok))
                    #expect(drawn == expected, "\(text) \(alignment) at \(x) in \(width)")
                }
            }
        }
    }

    @Test func aBarWritesWhatItsTwoStringsWrote() {
        for fraction in [0, 0.01, 0.33, 0.5, 0.999, 1, 1.5, -1, .nan] {
            for ascii in [false, true] {
                for (x, width) in [(0, 10), (4, 10), (-3, 7), (0, 1), (0, 0)] {
                    let parts = HorizontalBar.segments(fraction: fraction, width: width, ascii: ascii)
                    var expected = CellGrid(width: 12, height: 1)
                    let used = expected.put(parts.filled, x: x, y: 0, style: CellStyle(.ok))
                    expected.put(parts.track, x: x + used, y: 0, style: CellStyle(.barEmpty))
                    var drawn = CellGrid(width: 12, height: 1)
                    drawn.drawBar(fraction: fraction, x: x, y: 0, width: width, ascii: ascii, style: CellStyle(.ok))
                    #expect(drawn == expected, "\(fraction) ascii \(ascii) at \(x) in \(width)")
                }
            }
        }
    }

    @Test func groupedWidthIsTheWidthOfTheGroupedText() {
        let powers = (0..<63).flatMap { [Int64(1) << $0, (Int64(1) << $0) - 1, -(Int64(1) << $0)] }
        let values: [Int64] = [0, 9, 10, -999, 1000, 123_456, -1_234_567, .max, .min] + powers
        for n in values {
            #expect(NumberFormat.groupedWidth(n) == NumberFormat.grouped(n).count, "\(n)")
        }
    }

    /// A cell's width takes a shortcut for plain scalars; it must be the character's
    /// width for every scalar up to the braille block and beyond, controls included.
    @Test func aCellsWidthIsItsCharactersWidth() {
        var scalars = Array(0..<0x3000) + [0xFE0F, 0x1F44D, 0x1F600, 0x20000, 0x10FFFF]
        scalars.removeAll { (0xD800...0xDFFF).contains($0) }
        for value in scalars {
            let character = Character(Unicode.Scalar(UInt32(value))!)
            #expect(CellGrid.Cell(character).displayWidth == DisplayWidth.of(character), "U+\(String(value, radix: 16))")
        }
        for text in ["👍🏽", "e\u{301}", "日本"] {
            let character = Character(text == "日本" ? "日" : text)
            #expect(CellGrid.Cell(character).displayWidth == DisplayWidth.of(character), "\(text)")
        }
    }

    /// `put` and `DisplayWidth.of` take text of plain scalars (`DisplayWidth.isPlain`) a
    /// scalar at a time; they must give what going character by character gives.
    @Test func plainUnicodeTextIsDrawnAndMeasuredAsCharacterByCharacter() {
        let texts = ["Funnel · 30d · by source  [p b]", "–", "a→b ≥ 3…", "▁▂▃█ ⣿⠀", "╭─╮│", "x\u{301}·", "👍🏽·",
                     "·\r\n·", "©®±\u{AD}", "‼\u{FE0F}·", "日·本", "\u{85}·\u{7}"]
        for text in texts {
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
            for (x, maxWidth) in [(0, nil), (2, 4), (-1, nil), (7, nil), (0, 0)] as [(Int, Int?)] {
                var drawn = CellGrid(width: 10, height: 1)
                let used = drawn.put(text, x: x, y: 0, style: CellStyle(.accent), maxWidth: maxWidth)
                var expected = CellGrid(width: 10, height: 1)
                let expectedUsed = putByCharacter(text, x: x, into: &expected, style: CellStyle(.accent),
                                                  maxWidth: maxWidth)
                #expect(drawn == expected && used == expectedUsed, "\(text) at \(x), max \(String(describing: maxWidth))")
            }
        }
    }

    /// `put` as it was before the shortcuts: a character at a time.
    private func putByCharacter(_ text: String, x: Int, into grid: inout CellGrid, style: CellStyle,
                                maxWidth: Int?) -> Int {
        guard x < grid.width else { return 0 }
        let limit = maxWidth.map { min(grid.width, x + $0) } ?? grid.width
        var col = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                grid[col, 0] = CellGrid.Cell(ch, style: style)
                if w == 2 { grid[col + 1, 0] = CellGrid.Cell(" ", style: style, isContinuation: true) }
            }
            col += w
        }
        return max(0, col - x)
    }

    @Test func aBoxPartlyOrWhollyOutsideTheGridDrawsWhatIsInside() {
        var grid = CellGrid(width: 6, height: 4)
        grid.drawBox(Rect(x: -1, y: -1, width: 5, height: 4))
        #expect(grid.text == "   │\n   │\n───╯\n")
        grid.drawBox(Rect(x: 4, y: 1, width: 4, height: 5))
        #expect(grid.text == "   │\n   │╭─\n───╯│\n    │")
        grid.drawBox(Rect(x: 0, y: 10, width: 3, height: 3))
        grid.drawBox(Rect(x: -9, y: 0, width: 3, height: 3))
        #expect(grid.text == "   │\n   │╭─\n───╯│\n    │")
    }
}
