import Testing
import TerminalUI

@Suite("Cell grid")
struct CellGridTests {
    @Test func putWritesTextAndReturnsColumnsUsed() {
        var grid = CellGrid(width: 10, height: 2)
        #expect(grid.put("hello", x: 2, y: 1, style: CellStyle(.ok)) == 5)
        #expect(grid.text == "\n  hello")
        #expect(grid[2, 1].style == CellStyle(.ok))
    }

    @Test func putClipsAtTheRightEdgeAndAtMaxWidth() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.put("abcdefgh", x: 3, y: 0) == 3)
        #expect(grid.row(0) == "   abc")
        #expect(grid.put("xyz", x: 0, y: 0, maxWidth: 2) == 2)
        #expect(grid.row(0) == "xy abc")
    }

    @Test func putOutsideTheGridDoesNothing() {
        var grid = CellGrid(width: 4, height: 2)
        #expect(grid.put("ab", x: 0, y: 2) == 0)
        #expect(grid.put("ab", x: 0, y: -1) == 0)
        #expect(grid.put("ab", x: 4, y: 0) == 0)
        #expect(grid.text == "\n")
    }

    @Test func putFromANegativeColumnKeepsTheVisiblePart() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("abcdef", x: -2, y: 0)
        #expect(grid.row(0) == "cdef")
    }

    @Test func wideCharacterTakesTwoCellsWithAContinuation() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.put("日本", x: 0, y: 0) == 4)
        #expect(!grid[0, 0].isContinuation)
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].character == "本")
        #expect(grid.row(0) == "日本  ")
    }

    @Test func wideCharacterThatDoesNotFitIsLeftOut() {
        var grid = CellGrid(width: 3, height: 1)
        #expect(grid.put("a日本", x: 0, y: 0) == 3)
        #expect(grid.row(0) == "a日")
        var narrow = CellGrid(width: 2, height: 1)
        #expect(narrow.put("x日", x: 0, y: 0) == 1)
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("日") == 2)
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("█") == 1)
        #expect(DisplayWidth.of("日本 ok") == 7)
    }

    @Test func fillClipsToTheGrid() {
        var grid = CellGrid(width: 3, height: 2)
        grid.fill(x: 1, y: -1, width: 5, height: 2, "#")
        #expect(grid.text == " ##\n")
    }

    @Test func emptyAndNegativeSizesMakeAnEmptyGrid() {
        let grid = CellGrid(width: -3, height: 2)
        #expect(grid.size == GridSize(width: 0, height: 2))
        #expect(grid.cells.isEmpty)
    }

    /// The width fast path for box drawing, blocks, shapes and braille answers what the
    /// Unicode properties would: every scalar there is narrow, no mark and no emoji.
    @Test func boxDrawingBlocksAndBrailleAreNarrowByTheirProperties() {
        let ranges: [ClosedRange<UInt32>] = [0x2500...0x25FC, 0x2800...0x28FF]
        for v in ranges.joined() {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let p = scalar.properties
            #expect(p.generalCategory != .nonspacingMark && p.generalCategory != .enclosingMark, "U+\(String(v, radix: 16))")
            #expect(!p.isEmojiPresentation, "U+\(String(v, radix: 16))")
            #expect(DisplayWidth.of(Character(scalar)) == 1)
        }
        #expect(DisplayWidth.of(Character("\u{25FD}")) == 2)            // the first emoji past the range
    }
}
