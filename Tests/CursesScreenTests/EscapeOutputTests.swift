import CNcurses
import Testing
import TerminalUI
@testable import CursesScreen

#if canImport(Glibc)
import Glibc
#endif

/// The escape sequences a frame becomes, read from the terminfo entries installed here
/// (ncurses' `setupterm`, no terminal needed: nothing is sent).
@Suite(.serialized) struct EscapeOutputTests {
    private static let escape = "\u{1B}"

    /// Loads `term`'s entry as the current terminal for `tigetstr`, with the C library
    /// measuring characters as in the dashboard (UTF-8).
    private func setUp(_ term: String) throws {
        try #require(flowtop_ensure_utf8_ctype() == 1)
        let fd = open("/dev/null", O_WRONLY)
        defer { close(fd) }
        try #require(flowtop_setupterm(term, fd) == flowtop_ok(), "no terminfo entry for \(term)")
    }

    private func text(_ output: EscapeOutput) -> String { String(decoding: output.bytes, as: UTF8.self) }

    /// The built-in theme at 256 colours, and `mono`, whose plain text has the terminal's
    /// normal attributes.
    private let colours = TerminalStyleMap(theme: .builtInDefault, depth: .xterm256)
    private let mono = TerminalStyleMap(theme: .mono, depth: .monochrome)
    /// xterm-256color's `bold` and `setaf` for the theme's style of `role`, after `sgr0`.
    private func foreground(_ role: StyleRole) -> String {
        let style = colours.style(for: CellStyle(role))
        return (style.attributes.contains(.bold) ? "\(Self.escape)[1m" : "") + "\(Self.escape)[38;5;\(style.foreground)m"
    }

    @Test func aRunIsAddressedOnceAndItsStyleSetOnce() throws {
        try setUp("xterm-256color")
        var output = try #require(EscapeOutput(styleMap: colours, defaultColorsAllowed: true))
        output.begin(visible: GridSize(width: 200, height: 60), clearing: false, synchronized: true)
        let crit = CellStyle(.crit)
        try #require(colours.style(for: crit).background < 0 && colours.style(for: .normal).background < 0)
        output.put(CellWrite(x: 3, y: 2, character: "o", style: crit))
        output.put(CellWrite(x: 4, y: 2, character: "k", style: crit))
        output.put(CellWrite(x: 10, y: 5, character: "!", style: .normal))
        output.finish(synchronized: true)
        let e = Self.escape
        // sgr0 of xterm-256color is "\E(B\E[m"; cup counts from 1.
        #expect(text(output) == "\(e)[?2026h\(e)(B\(e)[m\(foreground(.crit))\(e)[3;4Hok"
                + "\(e)(B\(e)[m\(foreground(.normal))\(e)[6;11H!\(e)(B\(e)[m\(e)[1;1H\(e)[?2026l")
    }

    @Test func aFirstFrameClearsAndWideAndCombinedCharactersKeepTheirColumns() throws {
        try setUp("xterm-256color")
        var output = try #require(EscapeOutput(styleMap: mono, defaultColorsAllowed: true))
        output.begin(visible: GridSize(width: 20, height: 5), clearing: true, synchronized: false)
        output.put(CellWrite(x: 0, y: 0, character: "日", style: .normal, width: 2))
        output.put(CellWrite(x: 2, y: 0, character: "é\u{301}", style: .normal))   // e, two accents
        output.put(CellWrite(x: 3, y: 0, character: "\u{7}", style: .normal))     // BEL: not printable
        output.put(CellWrite(x: 4, y: 0, character: "│", style: .normal))
        output.finish(synchronized: false)
        let e = Self.escape
        // Cleared (sgr0, clear: the cursor home), then no addressing: each character
        // moves the cursor by its columns; BEL is written as a space.
        #expect(text(output) == "\(e)(B\(e)[m\(e)[H\(e)[2J\(e)(B\(e)[m日é\u{301} │\(e)[1;1H")
    }

    @Test func theTerminalsDelaysAreNotWrittenOut() throws {
        try setUp("vt100")
        var output = try #require(EscapeOutput(styleMap: mono, defaultColorsAllowed: false))
        output.begin(visible: GridSize(width: 80, height: 24), clearing: true, synchronized: false)
        output.put(CellWrite(x: 5, y: 5, character: "x", style: CellStyle(.title, bold: true)))
        output.finish(synchronized: false)
        #expect(!text(output).contains("$<"))
        #expect(text(output).contains("\(Self.escape)[6;6Hx"))
        #expect(EscapeOutput.withoutPadding(Array("a$<5>b$<2*/>c$<x>d$5".utf8CString.dropLast()))
            == Array("abc$<x>d$5".utf8CString.dropLast()))
    }

    /// A cursor address other than ECMA-48's goes through `tiparm`; a terminal without
    /// attributes (vt52) needs no reset.
    @Test func anotherTerminalsAddressingIsItsOwn() throws {
        try setUp("vt52")
        var output = try #require(EscapeOutput(styleMap: mono, defaultColorsAllowed: false))
        output.begin(visible: GridSize(width: 80, height: 24), clearing: false, synchronized: false)
        output.put(CellWrite(x: 6, y: 5, character: "v", style: CellStyle(.crit, bold: true)))
        output.finish(synchronized: false)
        // Row and column plus 32, as characters: 5 is "%", 6 is "&"; then home.
        #expect(text(output) == "\(Self.escape)Y%&v\(Self.escape)Y  ")
    }

    /// Automatic margins without the newline glitch (TERM=ansi): the bottom-right cell
    /// would scroll the screen, so it is left alone; the cell before it is written.
    @Test func theBottomRightCellIsSparedWhereItWouldScroll() throws {
        try setUp("ansi")
        var output = try #require(EscapeOutput(styleMap: mono, defaultColorsAllowed: true))
        output.begin(visible: GridSize(width: 80, height: 24), clearing: false, synchronized: false)
        output.put(CellWrite(x: 78, y: 23, character: "y", style: .normal))
        output.put(CellWrite(x: 79, y: 23, character: "z", style: .normal))
        output.finish(synchronized: false)
        #expect(text(output).contains("y"))
        #expect(!text(output).contains("z"))
        try setUp("xterm-256color")
        var xterm = try #require(EscapeOutput(styleMap: mono, defaultColorsAllowed: true))
        xterm.begin(visible: GridSize(width: 80, height: 24), clearing: false, synchronized: false)
        xterm.put(CellWrite(x: 79, y: 23, character: "z", style: .normal))
        #expect(text(xterm).contains("z"))
    }

    /// Without the terminal's default colours, a colour beside the default one is on
    /// white or black, as ncurses' colour pairs have it (`ColorPairTable`).
    @Test func withoutDefaultColoursTheDefaultIsWhiteOnBlack() throws {
        try setUp("xterm-256color")
        var output = try #require(EscapeOutput(styleMap: colours, defaultColorsAllowed: false))
        output.begin(visible: GridSize(width: 80, height: 24), clearing: false, synchronized: false)
        output.put(CellWrite(x: 0, y: 0, character: "a", style: CellStyle(.crit)))
        let e = Self.escape
        #expect(text(output) == "\(e)(B\(e)[m\(foreground(.crit))\(e)[40m\(e)[1;1Ha")
    }
}
