import CNcurses
import TerminalUI

/// A frame's changed cells written as the terminal's own escape sequences, taken from its
/// terminfo entry through ncurses (`cup`, `sgr0`, `bold`, `dim`, `rev`, `setaf`, `setab`,
/// `clear`), in one `write(2)`.
///
/// Why not `doupdate`: `GridDiff` already knows which cells changed, and ncurses diffed
/// them a second time against its own copy of the screen, formatted every colour change
/// with `tparm` and converted each character with `wcrtomb`. That was 60-80% of a frame
/// that repaints most of the 200x60 screen (docs/benchmarks.md, "The dashboard at
/// 200x60"). Here a style's sequence is built once and kept, a character is its UTF-8
/// bytes, and the cursor is addressed only where a run of changed cells starts. ncurses
/// still owns the terminal: it starts and ends it (modes, the alternate screen, the keypad),
/// resumes it after Ctrl-Z and reads the keys; its window stays blank and untouched, so it
/// never draws over these cells.
///
/// A frame ends with the attributes reset and the cursor home, where ncurses left them
/// (its resume clears the screen), so its own output when it ends (`endwin`) starts from
/// where it thinks it does.
///
///     var output = EscapeOutput(styleMap: map, defaultColorsAllowed: true)!
///     output.begin(visible: size, clearing: true, synchronized: true)
///     output.put(write)
///     output.finish(synchronized: true)
///     output.send()
struct EscapeOutput {
    private let cursorAddress: [CChar]
    /// `cup` is ECMA-48's CUP (`\E[%i%p1%d;%p2%dH`, nearly every terminal today): written
    /// here, not through `tiparm`, which reads the template again on each call (a frame of
    /// changing numbers addresses the cursor a few hundred times).
    private let cursorIsCUP: Bool
    private let reset: [UInt8]
    private let bold: [UInt8]
    private let dim: [UInt8]
    private let reverse: [UInt8]
    private let setForeground: [CChar]?
    private let setBackground: [CChar]?
    private let clearScreen: [UInt8]
    /// With automatic margins but no newline glitch, writing the bottom-right cell scrolls
    /// the screen: that cell is left alone then.
    private let spareLastCell: Bool
    private let defaultColorsAllowed: Bool
    /// The theme's colours at the terminal's depth, read for a style met the first time.
    private var styleMap: TerminalStyleMap

    /// Each style's sequence, and whether it leaves the terminal's normal attributes.
    private var sequences: [CellStyle: (bytes: [UInt8], plain: Bool)] = [:]
    /// The style the terminal is in, nil after `sgr0`.
    private var current: CellStyle?
    /// The terminal's attributes are its normal ones.
    private var plain = true
    private var cursorX = -1, cursorY = -1
    private var visible = GridSize(width: 0, height: 0)
    private(set) var bytes: [UInt8] = []

    /// Nil when the terminal's entry lacks cursor addressing, or has attributes but no way
    /// to reset them: then ncurses draws, as it can on any terminal.
    init?(styleMap: TerminalStyleMap, defaultColorsAllowed: Bool) {
        guard let cup = Self.capability("cup") else { return nil }
        bold = Self.capability("bold")?.map { UInt8(bitPattern: $0) } ?? []
        dim = Self.capability("dim")?.map { UInt8(bitPattern: $0) } ?? []
        reverse = Self.capability("rev")?.map { UInt8(bitPattern: $0) } ?? []
        setForeground = Self.capability("setaf").map { $0 + [0] }
        setBackground = Self.capability("setab").map { $0 + [0] }
        if let sgr0 = Self.capability("sgr0") {
            reset = sgr0.map { UInt8(bitPattern: $0) }
        } else {
            guard bold.isEmpty, dim.isEmpty, reverse.isEmpty, setForeground == nil, setBackground == nil else { return nil }
            reset = []
        }
        cursorAddress = cup + [0]
        cursorIsCUP = cup == Array("\u{1B}[%i%p1%d;%p2%dH".utf8CString.dropLast())
        clearScreen = Self.capability("clear")?.map { UInt8(bitPattern: $0) } ?? []
        spareLastCell = tigetflag("am") == 1 && tigetflag("xenl") != 1
        self.defaultColorsAllowed = defaultColorsAllowed
        self.styleMap = styleMap
        bytes.reserveCapacity(64 * 1024)
    }

    /// The string capability `name` of the terminal's entry, nil when it has none, without
    /// its padding.
    private static func capability(_ name: String) -> [CChar]? {
        guard let value = flowtop_tigetstr(name) else { return nil }
        return withoutPadding(Array(UnsafeBufferPointer(start: value, count: strlen(value))))
    }

    /// `text` without terminfo's delays (`$<5>`, `$<2*/>`): ncurses' `tputs` reads them
    /// and sends nothing of them to a terminal this fast (vt100's `cup` and `sgr0` have
    /// them), where written out they would show as text.
    static func withoutPadding(_ text: [CChar]) -> [CChar] {
        var result: [CChar] = []
        result.reserveCapacity(text.count)
        var index = 0
        scan: while index < text.count {
            if text[index] == 0x24, index + 1 < text.count, text[index + 1] == 0x3C {   // "$<"
                var end = index + 2
                while end < text.count, let byte = Optional(UInt8(bitPattern: text[end])),
                      (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2A || byte == 0x2F {
                    end += 1
                }
                if end < text.count, end > index + 2, text[end] == 0x3E {   // ">"
                    index = end + 1
                    continue scan
                }
            }
            result.append(text[index])
            index += 1
        }
        return result
    }

    /// Another theme: the styles' sequences are made again.
    mutating func use(_ styleMap: TerminalStyleMap) {
        self.styleMap = styleMap
        sequences.removeAll()
        current = nil
    }

    /// Starts a frame for a terminal of `visible` cells, on a cleared screen when
    /// `clearing` (the first frame, after a resize or Ctrl-Z).
    mutating func begin(visible: GridSize, clearing: Bool, synchronized: Bool) {
        bytes.removeAll(keepingCapacity: true)
        self.visible = visible
        if synchronized { bytes.append(contentsOf: Self.beginSynchronized) }
        if clearing {
            bytes.append(contentsOf: reset)
            current = nil
            plain = true
            if clearScreen.isEmpty {
                cursorX = -1
            } else {
                bytes.append(contentsOf: clearScreen)
                cursorX = 0
                cursorY = 0
            }
        }
    }

    /// Adds one write of the frame.
    mutating func put(_ write: CellWrite) {
        if spareLastCell, write.y == visible.height - 1, write.x + write.width >= visible.width { return }
        if current != write.style { select(write.style) }
        if write.x != cursorX || write.y != cursorY { move(x: write.x, y: write.y) }
        if let scalar = write.scalar {
            // Printable ASCII is one column in every C library: no call for most cells.
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
                cursorX += 1
                return
            }
            if Int(flowtop_wcwidth(wchar_t(bitPattern: scalar.value))) == write.width {
                append(scalar)
                cursorX += write.width
                return
            }
        } else {
            let scalars = write.character.unicodeScalars
            if let first = scalars.first, Int(flowtop_wcwidth(wchar_t(bitPattern: first.value))) == write.width {
                // A spacing character and at most four combining marks, as ncurses keeps.
                for scalar in scalars.prefix(5) { append(scalar) }
                cursorX += write.width
                return
            }
        }
        // The C library measures this character differently from `DisplayWidth` (and so
        // would the terminal): keep the columns aligned rather than the glyph.
        for _ in 0..<write.width { bytes.append(0x20) }
        cursorX += write.width
    }

    /// Ends the frame: normal attributes, the cursor home.
    mutating func finish(synchronized: Bool) {
        if !plain {
            bytes.append(contentsOf: reset)
            plain = true
        }
        current = nil
        if cursorX != 0 || cursorY != 0 { move(x: 0, y: 0) }
        if synchronized { bytes.append(contentsOf: Self.endSynchronized) }
    }

    /// Writes the frame to the terminal, all of it.
    func send() {
        bytes.withUnsafeBytes { flowtop_write_all($0.baseAddress, $0.count) }
    }

    /// DEC private mode 2026 (see `flowtop_begin_synchronized_output`).
    private static let beginSynchronized: [UInt8] = Array("\u{1B}[?2026h".utf8)
    private static let endSynchronized: [UInt8] = Array("\u{1B}[?2026l".utf8)

    private mutating func move(x: Int, y: Int) {
        defer {
            cursorX = x
            cursorY = y
        }
        if cursorIsCUP {
            bytes.append(0x1B)
            bytes.append(0x5B)   // [
            appendDecimal(y + 1)
            bytes.append(0x3B)   // ;
            appendDecimal(x + 1)
            bytes.append(0x48)   // H
            return
        }
        cursorAddress.withUnsafeBufferPointer { template in
            if let sequence = flowtop_tiparm2(template.baseAddress, Int32(y), Int32(x)) {
                bytes.append(contentsOf: UnsafeRawBufferPointer(start: sequence, count: strlen(sequence)))
            }
        }
    }

    private mutating func appendDecimal(_ value: Int) {
        if value >= 10 { appendDecimal(value / 10) }
        bytes.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }

    private mutating func select(_ cellStyle: CellStyle) {
        let known: (bytes: [UInt8], plain: Bool)
        if let cached = sequences[cellStyle] {
            known = cached
        } else {
            let sequence = sequence(for: styleMap.style(for: cellStyle))
            known = (sequence, sequence == reset)
            sequences[cellStyle] = known
        }
        bytes.append(contentsOf: known.bytes)
        current = cellStyle
        plain = known.plain
    }

    /// Normal attributes, then the style's: no state carried over from the cell before.
    private func sequence(for style: TerminalStyle) -> [UInt8] {
        var sequence = reset
        if style.attributes.contains(.bold) { sequence += bold }
        if style.attributes.contains(.dim) { sequence += dim }
        if style.attributes.contains(.reverse) { sequence += reverse }
        // As `ColorPairTable`: without the terminal's default colours, -1 is white on black.
        let foreground = style.foreground >= 0 || defaultColorsAllowed || style.background < 0 ? style.foreground : 7
        let background = style.background >= 0 || defaultColorsAllowed || style.foreground < 0 ? style.background : 0
        for (index, template) in [(foreground, setForeground), (background, setBackground)] where index >= 0 {
            guard let template else { continue }
            template.withUnsafeBufferPointer { template in
                if let text = flowtop_tiparm1(template.baseAddress, Int32(index)) {
                    sequence += UnsafeRawBufferPointer(start: text, count: strlen(text))
                }
            }
        }
        return sequence
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { bytes.append($0) }
    }
}
