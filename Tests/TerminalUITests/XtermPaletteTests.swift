import FlowTestKit
import Testing
import TerminalUI

@Suite("Nearest terminal colour")
struct XtermPaletteTests {
    @Test(arguments: [
        (RGB(255, 0, 0), 196), (RGB(0, 0, 0), 16), (RGB(255, 255, 255), 231), (RGB(0x5f, 0x87, 0xaf), 67),
        (RGB(128, 128, 128), 244), (RGB(18, 18, 18), 233), (RGB(0xee, 0xee, 0xee), 255),
    ])
    func exactAndGreyColoursMapToTheirIndex(color: RGB, index: Int) {
        #expect(XtermPalette.nearest256(color) == index)
    }

    @Test func everyPaletteColourMapsToItself() {
        for index in 16...255 {
            let color = XtermPalette.color(at: index)
            #expect(XtermPalette.color(at: XtermPalette.nearest256(color)) == color)
        }
    }

    @Test func nearestIsAsCloseAsAnExhaustiveSearch() {
        func byte(_ g: inout SeededGenerator) -> UInt8 { UInt8(truncatingIfNeeded: g.next()) }
        func distance(_ a: RGB, _ b: RGB) -> Int {
            let d = [Int(a.red) - Int(b.red), Int(a.green) - Int(b.green), Int(a.blue) - Int(b.blue)]
            return d.map { $0 * $0 }.reduce(0, +)
        }
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let color = RGB(byte(&generator), byte(&generator), byte(&generator))
            let best = (16...255).map { distance(color, XtermPalette.color(at: $0)) }.min() ?? 0
            #expect(distance(color, XtermPalette.color(at: XtermPalette.nearest256(color))) == best, "\(color)")
        }
    }

    @Test(arguments: [
        (RGB(255, 0, 0), 1), (RGB(0x5f, 0xd7, 0x5f), 2), (RGB(0xff, 0xd7, 0x5f), 3), (RGB(0x34, 0x65, 0xa4), 4),
        (RGB(200, 0, 200), 5), (RGB(0, 0xd7, 0xd7), 6), (RGB(0xff, 0x87, 0x00), 3),
    ])
    func basicColourIsTheNearestHue(color: RGB, ansi: Int) {
        #expect(XtermPalette.nearestBasic(color) == ansi)
    }

    @Test(arguments: [RGB(0, 0, 0), RGB(255, 255, 255), RGB(0x6b, 0x70, 0x78), RGB(0xcc, 0xcc, 0xcc)])
    func greysHaveNoBasicColour(color: RGB) {
        #expect(XtermPalette.nearestBasic(color) == nil)
    }
}
