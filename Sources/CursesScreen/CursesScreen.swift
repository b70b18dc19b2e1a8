import CNcurses
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be taken over.
public enum CursesScreenError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or run from a service).
    case notATerminal
    /// curses could not start on this terminal, typically an unknown `TERM`.
    case cannotStart(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the dashboard needs a terminal, but stdin or stdout is not one (use `flowtop snapshot` for text output)"
        case .cannotStart(let term):
            "cannot start the terminal UI for TERM=\(term.isEmpty ? "(unset)" : term); try TERM=xterm-256color"
        }
    }
}

/// A `Screen` on the real terminal: ncurses sets it up, reads the keys and gives it back.
///
/// `present` writes only the cells that differ from the last grid shown (`GridDiff`), as
/// the terminal's escape sequences in one write (`EscapeOutput`), or where the terminal's
/// entry does not allow that (or `cursesOutput` asks) through ncurses' wide-character API
/// and one `doupdate`; optionally wrapped in synchronized output so the terminal never
/// shows half a frame. Colours come from a `Theme` resolved for the terminal's colour
/// depth (`TerminalStyleMap`).
///
///     TerminalGuard.install(terminationSignals: false)
///     let screen = try CursesScreen(theme: theme)
///     defer { screen.shutdown() }
///     screen.present(grid)
///     let key = screen.readKey(timeoutMillis: 250)
///
/// Only one task may use it: ncurses is not thread-safe. Only one may exist at a time.
public final class CursesScreen: Screen {
    private let window: UnsafeMutablePointer<WINDOW>
    private let synchronizedOutput: Bool
    private let keyCodes: FunctionKeyCodes
    private let depth: ColorDepth
    private var styleMap: TerminalStyleMap
    private var pairs: ColorPairTable
    private var curses: [CellStyle: (attributes: attr_t, pair: Int16)] = [:]
    private var lastStyle: (style: CellStyle, curses: (attributes: attr_t, pair: Int16))?
    /// The grid on screen, nil when the screen must be repainted in full.
    private var shown: CellGrid?
    private var shownSize = GridSize(width: -1, height: -1)
    private var isShutDown = false
    /// The mouse is reported (`flowtop_input_nonblocking` guards each read then).
    private let mouse: Bool
    /// Frames written as escape sequences; nil when ncurses draws them (`doupdate`).
    private var escapes: EscapeOutput?

    /// Takes over the terminal: locale from the environment (C.UTF-8 for characters when
    /// that is not UTF-8), raw mode, no echo,
    /// keypad keys decoded, cursor hidden, 25 ms to tell Escape from an escape sequence, and
    /// colours when the terminal has them.
    ///
    /// - Parameters:
    ///   - theme: the colours; `Theme.mono` (or a terminal without colour) uses attributes.
    ///   - synchronizedOutput: wrap each frame in DEC mode 2026 (ignored by terminals that
    ///     do not support it).
    ///   - mouse: report wheel turns and left clicks as `Key.mouse` (off: the terminal's
    ///     own selection and tmux's copy mode keep the mouse).
    ///   - cursesOutput: let ncurses draw each frame (`doupdate`) instead of writing the
    ///     changed cells' escape sequences (`EscapeOutput`), which is the default where the
    ///     terminal's entry allows it (cursor addressing, a reset for its attributes).
    public init(theme: Theme, synchronizedOutput: Bool = true, mouse: Bool = false,
                cursesOutput: Bool = false) throws(CursesScreenError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(flowtop_lc_all(), "")
        _ = flowtop_ensure_utf8_ctype()
        guard let window = flowtop_start() else {
            throw .cannotStart(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        cursesIsActive.store(true, ordering: .sequentiallyConsistent)
        self.window = window
        self.synchronizedOutput = synchronizedOutput
        raw()
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)
        // No typeahead check: ncurses polls the input every few changed lines of a frame
        // (10-15 poll(2) calls for a full repaint) and leaves the rest of the frame for
        // later when a key is waiting; a frame goes out whole, and the key is read next.
        typeahead(-1)
        curs_set(0)
        set_escdelay(25)
        self.mouse = mouse
        if mouse { _ = flowtop_enable_mouse() }
        var defaultColorsAllowed = false
        if has_colors() {
            start_color()
            defaultColorsAllowed = use_default_colors() != flowtop_err()
        }
        depth = ColorDepth(hasColors: has_colors(), colorCount: Int(flowtop_colors()))
        pairs = ColorPairTable(pairLimit: has_colors() ? flowtop_color_pairs() : 0,
                               defaultColorsAllowed: defaultColorsAllowed)
        styleMap = TerminalStyleMap(theme: theme, depth: depth)
        escapes = cursesOutput ? nil : EscapeOutput(styleMap: styleMap, defaultColorsAllowed: defaultColorsAllowed)
        keyCodes = FunctionKeyCodes(
            up: flowtop_key_up(), down: flowtop_key_down(), left: flowtop_key_left(), right: flowtop_key_right(),
            pageUp: flowtop_key_ppage(), pageDown: flowtop_key_npage(), home: flowtop_key_home(),
            end: flowtop_key_end(), backspace: flowtop_key_backspace(), enter: flowtop_key_enter(),
            backTab: flowtop_key_btab(), resize: flowtop_key_resize(), f0: flowtop_key_f(0))
    }

    deinit { shutdown() }

    /// The terminal's size now (ncurses updates it when the terminal is resized).
    public var size: GridSize {
        GridSize(width: Int(flowtop_getmaxx(window)), height: Int(flowtop_getmaxy(window)))
    }

    /// The colours in use: what the terminal can show of the theme.
    public var colorDepth: ColorDepth { styleMap.depth }

    /// Switches theme; the next `present` repaints everything.
    public func setTheme(_ theme: Theme) {
        styleMap = TerminalStyleMap(theme: theme, depth: depth)
        curses.removeAll()
        lastStyle = nil
        escapes?.use(styleMap)
        shown = nil
    }

    public func present(_ grid: CellGrid) {
        guard !isShutDown else { return }
        if escapes != nil {
            presentEscapes(grid)
            return
        }
        let visible = size
        if visible != shownSize || shown?.size != grid.size {
            werase(window)
            shown = nil
            shownSize = visible
        }
        // The run is a local, not a property: each access to a class's stored property is
        // checked for exclusivity at run time, four times a cell.
        var run = CellRun()
        run.cells.reserveCapacity(grid.width)
        GridDiff.forEachWrite(from: shown, to: grid, visible: visible) { draw($0, into: &run) }
        flush(&run)
        shown = grid
        if synchronizedOutput {
            flowtop_flush_stdout()
            flowtop_begin_synchronized_output()
        }
        wnoutrefresh(window)
        doupdate()
        if synchronizedOutput { flowtop_end_synchronized_output() }
    }

    /// `present` through `EscapeOutput`. ncurses' window stays blank. Its `doupdate` runs
    /// only for a repaint, where it resumes curses if it was left (the first frame, after
    /// Ctrl-Z), clearing the screen: on other frames it would only find nothing changed,
    /// after comparing its blank window cell by cell with its blank screen to see whether
    /// it could clear the bottom lines (130 us a frame at 200x60).
    private func presentEscapes(_ grid: CellGrid) {
        let visible = size
        let repaint = visible != shownSize || shown?.size != grid.size
        if repaint || isendwin() {
            shown = nil
            shownSize = visible
            wnoutrefresh(window)
            doupdate()
        }
        flowtop_flush_stdout()
        // Local, as the run above: a class's stored property is checked for exclusivity
        // at each access.
        var output = escapes.take()!
        output.begin(visible: visible, clearing: shown == nil, synchronized: synchronizedOutput)
        GridDiff.forEachWrite(from: shown, to: grid, visible: visible) { output.put($0) }
        output.finish(synchronized: synchronizedOutput)
        output.send()
        escapes = output
        shown = grid
    }

    /// Waits at most `timeoutMillis` (negative: forever). Returns nil on timeout and for keys
    /// flowtop does not use (Insert, mouse releases); `.resize` after a resize, after which the
    /// next `present` repaints in full; `.mouse` for a click or the wheel when the mouse is on.
    public func readKey(timeoutMillis: Int) -> Key? {
        guard !isShutDown else { return nil }
        wtimeout(window, Int32(clamping: max(-1, timeoutMillis)))
        var character: wint_t = 0
        if mouse { flowtop_input_nonblocking(1) }
        let result = wget_wch(window, &character)
        if mouse { flowtop_input_nonblocking(0) }
        if result == flowtop_err() { return nil }
        if result == flowtop_key_code_yes(), Int32(bitPattern: UInt32(character)) == flowtop_key_mouse() {
            var x: Int32 = 0, y: Int32 = 0
            let action = flowtop_read_mouse(&x, &y)
            return KeyDecoder.decodeMouse(x: x, y: y, action: action)
        }
        let key = KeyDecoder.decode(code: Int32(bitPattern: UInt32(character)),
                                    isFunctionKey: result == flowtop_key_code_yes(), codes: keyCodes)
        if key == .resize { shown = nil }
        return key
    }

    /// Ctrl-Z: gives the terminal back (cooked mode, the shell's screen), stops the process
    /// group as the terminal driver would, and once `fg` resumes it takes the terminal again;
    /// the next `present` repaints everything, in case the screen changed meanwhile.
    public func suspend() {
        guard !isShutDown else { return }
        flowtop_end_synchronized_output()
        flowtop_suspend()
        // Resumed: the next refresh puts curses' modes back; these are ours on top.
        raw()
        noecho()
        keypad(window, true)
        curs_set(0)
        shown = nil
        shownSize = GridSize(width: -1, height: -1)
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        restoreTerminal()
    }

    private func draw(_ write: CellWrite, into run: inout CellRun) {
        // A spacing character plus up to four combining marks, NUL-terminated, as setcchar
        // wants: on the stack, since a full frame at 200x60 writes 12,000 cells.
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { buffer in
            var count = 0
            if let scalar = write.scalar {
                // Nearly every cell: its one scalar, with no `Character` built for it.
                buffer[0] = wchar_t(bitPattern: scalar.value)
                count = 1
            } else {
                for scalar in write.character.unicodeScalars {
                    guard count < 5 else { break }
                    buffer[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
            }
            buffer[count] = 0
            // Printable ASCII is one column in every C library: no call for most cells.
            let first = buffer[0]
            let terminalWidth = count == 0 ? 1 : first >= 0x20 && first < 0x7F ? 1 : Int(flowtop_wcwidth(first))
            if terminalWidth != write.width {
                // The C library measures this character differently from `DisplayWidth`:
                // keep the columns aligned rather than the glyph.
                buffer[0] = 0x20
                buffer[1] = 0
                draw(buffer.baseAddress!, style: write.style, x: write.x, y: write.y, into: &run)
                if write.width == 2 {
                    draw(buffer.baseAddress!, style: write.style, x: write.x + 1, y: write.y, into: &run)
                }
                return
            }
            draw(buffer.baseAddress!, style: write.style, x: write.x, y: write.y, columns: write.width, into: &run)
        }
    }

    /// Adds one character of `columns` columns at (x, y) to the run of cells being
    /// collected, after writing out the run when it does not continue there.
    private func draw(_ characters: UnsafePointer<wchar_t>, style: CellStyle, x: Int, y: Int, columns: Int = 1,
                      into run: inout CellRun) {
        if y != run.y || x != run.end { flush(&run) }
        if run.cells.isEmpty {
            run.y = y
            run.x = x
        }
        let (attributes, pair) = cursesStyle(for: style)
        var cell = cchar_t()
        _ = setcchar(&cell, characters, attributes, pair, nil)
        run.cells.append(cell)
        run.end = x + columns
    }

    /// Writes the run of cells collected, adjacent on one row, in one `mvwadd_wchnstr`.
    ///
    /// Why runs: `mvwadd_wch` per cell moves the cursor, checks for controls and wrapping
    /// and advances, where a run is copied into the line as it is (it never wraps or moves
    /// the cursor, so the bottom-right cell needs no care either): a third less time for a
    /// full repaint. Every character in a run is printable and as wide as the C library
    /// says (`draw(_ write:)` makes sure), so the columns it takes are the ones counted.
    private func flush(_ run: inout CellRun) {
        guard !run.cells.isEmpty else { return }
        run.cells.withUnsafeBufferPointer { cells in
            _ = mvwadd_wchnstr(window, Int32(run.y), Int32(run.x), cells.baseAddress!, Int32(cells.count))
        }
        run.cells.removeAll(keepingCapacity: true)
        run.end = -1
    }

    private func cursesStyle(for style: CellStyle) -> (attributes: attr_t, pair: Int16) {
        // Neighbouring cells mostly share a style: one comparison instead of a hash.
        if let last = lastStyle, last.style == style { return last.curses }
        if let known = curses[style] {
            lastStyle = (style, known)
            return known
        }
        let resolved = styleMap.style(for: style)
        var attributes = flowtop_a_normal()
        if resolved.attributes.contains(.bold) { attributes |= flowtop_a_bold() }
        if resolved.attributes.contains(.dim) { attributes |= flowtop_a_dim() }
        if resolved.attributes.contains(.reverse) { attributes |= flowtop_a_reverse() }
        let pair = pairs.pair(foreground: resolved.foreground, background: resolved.background)
        curses[style] = (attributes, pair)
        lastStyle = (style, (attributes, pair))
        return (attributes, pair)
    }
}

/// Cells of one row collected for one `mvwadd_wchnstr`: from column `x` of row `y` up to
/// `end`.
private struct CellRun {
    var cells: [cchar_t] = []
    var y = -1, x = -1, end = -1
}
