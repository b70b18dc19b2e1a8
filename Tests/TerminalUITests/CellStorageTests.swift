import Testing
@testable import TerminalUI

/// A cell keeps a number for its character (`CellGrid.Cell`), rows are compared as words
/// (`GridDiff`), and widths take shortcuts that must give what the longer way gave.
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
}
