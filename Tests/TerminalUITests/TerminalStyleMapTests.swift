import Testing
import TerminalUI

@Suite("Theme to terminal styles")
struct TerminalStyleMapTests {
    @Test func colourDepthFollowsTheColourCount() {
        #expect(ColorDepth(hasColors: false, colorCount: 256) == .monochrome)
        #expect(ColorDepth(hasColors: true, colorCount: 0) == .monochrome)
        #expect(ColorDepth(hasColors: true, colorCount: 8) == .basic8)
        #expect(ColorDepth(hasColors: true, colorCount: 16) == .basic8)
        #expect(ColorDepth(hasColors: true, colorCount: 256) == .xterm256)
        #expect(ColorDepth(hasColors: true, colorCount: 16_777_216) == .xterm256)
    }

    @Test func monoUsesAttributesOnly() {
        let map = TerminalStyleMap(theme: .mono, depth: .xterm256)
        #expect(map.depth == .monochrome)
        for role in StyleRole.allCases {
            let style = map.style(for: CellStyle(role))
            #expect(style.foreground == -1 && style.background == -1)
        }
        #expect(map.style(for: CellStyle(.title)).attributes == .bold)
        #expect(map.style(for: CellStyle(.crit)).attributes == .bold)
        #expect(map.style(for: CellStyle(.selected)).attributes == [.bold, .reverse])
        #expect(map.style(for: CellStyle(.dim)).attributes == .dim)
        #expect(map.style(for: CellStyle(.barEmpty)).attributes == .dim)
        #expect(map.style(for: CellStyle(.normal)).attributes == [])
    }

    @Test func colourlessTerminalIsTreatedAsMono() {
        let map = TerminalStyleMap(theme: .builtInDefault, depth: .monochrome)
        #expect(map.style(for: CellStyle(.ok)) == TerminalStyle())
        #expect(map.style(for: CellStyle(.selected)).attributes == [.bold, .reverse])
    }

    @Test func xterm256UsesTheNearestPaletteColours() {
        var theme = Theme.builtInDefault
        theme.setForeground(RGB(255, 0, 0), for: .crit)
        theme.setForeground(nil, for: .normal)
        theme.mainBackground = RGB(0, 0, 0)
        let map = TerminalStyleMap(theme: theme, depth: .xterm256)
        #expect(map.style(for: CellStyle(.crit)) == TerminalStyle(foreground: 196, background: 16, attributes: .bold))
        #expect(map.style(for: CellStyle(.normal)) == TerminalStyle(foreground: -1, background: 16))
    }

    @Test func selectedWithoutItsOwnBackgroundIsReversed() {
        var theme = Theme.builtInDefault
        #expect(!TerminalStyleMap(theme: theme, depth: .xterm256).style(for: CellStyle(.selected))
            .attributes.contains(.reverse))
        theme.setBackground(nil, for: .selected)
        #expect(TerminalStyleMap(theme: theme, depth: .xterm256).style(for: CellStyle(.selected))
            .attributes.contains(.reverse))
    }

    /// Issue 16: a red `crit` on the selected row stays red, on the selection background,
    /// without reverse video (which turned it into a red block with dark text).
    @Test func aSelectedCellKeepsItsColourOnTheSelectionBackground() {
        let map = TerminalStyleMap(theme: .builtInDefault, depth: .xterm256)
        let selectedRow = map.style(for: CellStyle(.selected))
        let crit = map.style(for: CellStyle(.crit, bold: true, selected: true))
        #expect(crit.foreground == map.style(for: CellStyle(.crit)).foreground)
        #expect(crit.background == selectedRow.background && crit.background >= 0)
        #expect(!crit.attributes.contains(.reverse))
        // Plain text on the row takes the selection's own colours, as the gaps between cells do.
        #expect(map.style(for: CellStyle(.normal).onSelection(CellStyle(.selected, bold: true, selected: true)))
            == TerminalStyle(foreground: selectedRow.foreground, background: selectedRow.background,
                             attributes: .bold))
    }

    @Test func withoutASelectionBackgroundASelectedCellIsReversed() {
        var theme = Theme.builtInDefault
        theme.setBackground(nil, for: .selected)
        #expect(TerminalStyleMap(theme: theme, depth: .xterm256).style(for: CellStyle(.crit, selected: true))
            .attributes.contains(.reverse))
        #expect(TerminalStyleMap(theme: .mono, depth: .xterm256).style(for: CellStyle(.crit, selected: true))
            .attributes.contains(.reverse))
    }

    @Test func basic8UsesHuesDropsBackgroundsAndDimsGreys() {
        var theme = Theme.builtInDefault
        theme.mainBackground = RGB(0, 0, 0x40)
        let map = TerminalStyleMap(theme: theme, depth: .basic8)
        #expect(map.style(for: CellStyle(.ok)) == TerminalStyle(foreground: 2))
        #expect(map.style(for: CellStyle(.crit)) == TerminalStyle(foreground: 1, attributes: .bold))
        #expect(map.style(for: CellStyle(.normal)) == TerminalStyle())
        #expect(map.style(for: CellStyle(.dim)) == TerminalStyle(attributes: .dim))
        #expect(map.style(for: CellStyle(.selected)).attributes.contains(.reverse))
    }

    @Test func cellBoldAndReverseAddToTheRole() {
        let map = TerminalStyleMap(theme: .builtInDefault, depth: .xterm256)
        let style = map.style(for: CellStyle(.ok, bold: true, reverse: true))
        #expect(style.foreground == XtermPalette.nearest256(RGB(0x5f, 0xd7, 0x5f)))
        #expect(style.attributes == [.bold, .reverse])
    }
}
