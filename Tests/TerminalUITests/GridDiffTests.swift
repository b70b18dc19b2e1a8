import Testing
import TerminalUI

@Suite("Writing only what changed")
struct GridDiffTests {
    private func grid(_ rows: [String], width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { grid.put(row, x: 0, y: y) }
        return grid
    }

    private func positions(_ writes: [CellWrite]) -> [String] { writes.map { "\($0.x),\($0.y)" } }

    @Test func firstFrameWritesEveryCell() {
        let next = grid(["ab", "cd"], width: 2)
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 2, height: 2))
        #expect(writes.map(\.character) == ["a", "b", "c", "d"])
    }

    /// A backend reads a write's one scalar without building a `Character`; a character of
    /// several scalars has none and is read whole.
    @Test func aWriteGivesItsScalarWhenItHasOne() {
        var next = CellGrid(width: 4, height: 1)
        next.put("a⠿👍🏽", x: 0, y: 0)
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 4, height: 1))
        #expect(writes.map(\.scalar) == ["a", "⠿", nil])
        #expect(writes.map(\.character) == ["a", "⠿", "👍🏽"])
        #expect(writes.map(\.width) == [1, 1, 2])
        #expect(CellWrite(x: 0, y: 0, character: "é", style: .normal).scalar == "é")
        var write = CellWrite(x: 0, y: 0, character: "a", style: .normal)
        write.character = "e\u{301}"
        #expect(write.scalar == nil)
        #expect(write.character.unicodeScalars.count == 2)
    }

    @Test func sameGridWritesNothing() {
        let next = grid(["ab", "cd"], width: 2)
        #expect(GridDiff.writes(from: next, to: next, visible: GridSize(width: 2, height: 2)).isEmpty)
    }

    @Test func onlyChangedCellsAreWritten() {
        let previous = grid(["abc", "def"], width: 3)
        var next = previous
        next.put("X", x: 1, y: 1)
        next.put("a", x: 0, y: 0, style: CellStyle(.crit))
        let writes = GridDiff.writes(from: previous, to: next, visible: GridSize(width: 3, height: 2))
        #expect(positions(writes) == ["0,0", "1,1"])
        #expect(writes[0].style == CellStyle(.crit))
    }

    @Test func aDifferentSizeRepaintsEverything() {
        let previous = grid(["ab"], width: 2)
        let next = grid(["ab", "cd"], width: 2)
        #expect(GridDiff.writes(from: previous, to: next, visible: GridSize(width: 2, height: 2)).count == 4)
    }

    @Test func writesAreClippedToTheTerminal() {
        let next = grid(["abcd", "efgh", "ijkl"], width: 4)
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 2, height: 2))
        #expect(positions(writes) == ["0,0", "1,0", "0,1", "1,1"])
        #expect(GridDiff.writes(from: nil, to: next, visible: GridSize(width: 0, height: 5)).isEmpty)
    }

    @Test func wideCharacterIsOneWriteOfWidthTwo() {
        let next = grid(["日a"], width: 3)
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 3, height: 1))
        #expect(writes == [CellWrite(x: 0, y: 0, character: "日", style: .normal, width: 2),
                           CellWrite(x: 2, y: 0, character: "a", style: .normal)])
    }

    @Test func wideCharacterCutByTheTerminalEdgeBecomesASpace() {
        let next = grid(["a日"], width: 3)
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 2, height: 1))
        #expect(writes.map(\.character) == ["a", " "])
        #expect(writes.map(\.width) == [1, 1])
    }

    @Test func replacingAWideCharacterWithNarrowOnesRewritesBothColumns() {
        let previous = grid(["日"], width: 2)
        let next = grid(["ab"], width: 2)
        let writes = GridDiff.writes(from: previous, to: next, visible: GridSize(width: 2, height: 1))
        #expect(writes.map(\.character) == ["a", "b"])
    }

    @Test func brokenWideCharacterIsWrittenAsSpaces() {
        var next = grid(["日"], width: 2)
        next[1, 0] = CellGrid.Cell("x")
        let writes = GridDiff.writes(from: nil, to: next, visible: GridSize(width: 2, height: 1))
        #expect(writes.map(\.character) == [" ", "x"])
        var orphan = CellGrid(width: 2, height: 1)
        orphan[1, 0] = CellGrid.Cell(" ", isContinuation: true)
        #expect(GridDiff.writes(from: nil, to: orphan, visible: GridSize(width: 2, height: 1)).count == 2)
    }
}
