import CNcurses

/// Curses colour pairs, allocated on first use: one per distinct (foreground, background).
///
/// A theme has 15 roles plus a selected background, so a frame uses at most a few dozen
/// pairs; the classic `init_pair` API (pair numbers up to 32767 in a `short`, colours up to
/// 255 in xterm-256 mode) is enough and the extended-pair API is not needed. Past the
/// terminal's `COLOR_PAIRS` a style falls back to pair 0, the terminal's default colours.
struct ColorPairTable {
    private var numbers: [Key: Int16] = [:]
    private var nextNumber: Int32 = 1
    private let limit: Int32
    /// Whether -1 ("the terminal's own colour") may be used; without `use_default_colors`
    /// it stands for white on black.
    private let defaultColorsAllowed: Bool

    private struct Key: Hashable {
        var foreground: Int
        var background: Int
    }

    init(pairLimit: Int32, defaultColorsAllowed: Bool) {
        limit = min(pairLimit, Int32(Int16.max))
        self.defaultColorsAllowed = defaultColorsAllowed
    }

    /// The pair number for these palette indexes (-1 = default), 0 for both default.
    mutating func pair(foreground: Int, background: Int) -> Int16 {
        if foreground < 0 && background < 0 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let number = numbers[key] { return number }
        guard nextNumber < limit else { return 0 }
        let fg = foreground >= 0 || defaultColorsAllowed ? foreground : Int(COLOR_WHITE)
        let bg = background >= 0 || defaultColorsAllowed ? background : Int(COLOR_BLACK)
        guard init_pair(Int16(nextNumber), Int16(clamping: fg), Int16(clamping: bg)) != flowtop_err() else { return 0 }
        let number = Int16(nextNumber)
        numbers[key] = number
        nextNumber += 1
        return number
    }
}
