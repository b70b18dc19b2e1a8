/// How many colours a terminal shows, as far as flowtop uses them.
public enum ColorDepth: Sendable, Hashable {
    /// No colour (or the user asked for none): attributes only.
    case monochrome
    /// 8 or 16 colours: the six basic hues; greys use the terminal's default colour.
    case basic8
    /// 256 or more: the nearest xterm-256 colour. flowtop never redefines palette entries
    /// (`init_color`), even where the terminal allows it, because the change outlives the
    /// program in the user's terminal.
    case xterm256

    /// From curses' `has_colors()` and `COLORS`.
    public init(hasColors: Bool, colorCount: Int) {
        if !hasColors || colorCount < 8 {
            self = .monochrome
        } else if colorCount < 256 {
            self = .basic8
        } else {
            self = .xterm256
        }
    }
}

/// Terminal attributes a style can carry.
public struct TerminalAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TerminalAttributes(rawValue: 1)
    public static let dim = TerminalAttributes(rawValue: 2)
    public static let reverse = TerminalAttributes(rawValue: 4)
}

/// A cell style as the terminal will draw it: palette indexes (-1 = the terminal's default)
/// plus attributes. Backends allocate one colour pair per distinct (foreground, background).
public struct TerminalStyle: Sendable, Hashable {
    public var foreground: Int
    public var background: Int
    public var attributes: TerminalAttributes

    public init(foreground: Int = -1, background: Int = -1, attributes: TerminalAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Decides what each `CellStyle` looks like on a terminal of a given `ColorDepth` under a
/// theme: the pure half of a backend's colour handling, so it is tested without a terminal.
///
///     let map = TerminalStyleMap(theme: .builtInDefault, depth: .xterm256)
///     map.style(for: CellStyle(.crit))  // foreground 203, bold
///
/// Without colour (a mono theme or a monochrome terminal) roles keep apart by attributes:
/// bold for title, focused border, crit and selected; dim for dim and empty bar; reverse for
/// selected. With colour, title and crit stay bold, and selected is reversed only when the
/// theme gives it no background. On 8-colour terminals backgrounds are not used (the basic
/// hues are too loud behind text), dim roles get the dim attribute, and selected is reversed.
public struct TerminalStyleMap: Sendable {
    public let depth: ColorDepth
    private var roleStyles: [StyleRole: TerminalStyle] = [:]
    /// The selected row's background, when the theme gives one the terminal can show;
    /// nil: selected cells are reversed instead.
    private var selectionBackground: Int?

    public init(theme: Theme, depth: ColorDepth) {
        let effectiveDepth = theme.isMono ? .monochrome : depth
        self.depth = effectiveDepth
        for role in StyleRole.allCases {
            roleStyles[role] = Self.resolve(role, theme: theme, depth: effectiveDepth)
        }
        if let selected = roleStyles[.selected], !selected.attributes.contains(.reverse), selected.background >= 0 {
            selectionBackground = selected.background
        }
    }

    /// The role's colours and attributes plus the cell's own bold and reverse; a cell on
    /// the selected row keeps its role's colour on the selection background (reversed
    /// where there is none), so a selected `crit` still reads red.
    public func style(for cellStyle: CellStyle) -> TerminalStyle {
        var style = roleStyles[cellStyle.role] ?? TerminalStyle()
        if cellStyle.bold { style.attributes.insert(.bold) }
        if cellStyle.reverse { style.attributes.insert(.reverse) }
        if cellStyle.selected && cellStyle.role != .selected {
            if let selectionBackground {
                style.background = selectionBackground
            } else {
                style.attributes.insert(.reverse)
            }
        }
        return style
    }

    private static func resolve(_ role: StyleRole, theme: Theme, depth: ColorDepth) -> TerminalStyle {
        let emphasised: Set<StyleRole> = [.title, .crit]
        let muted: Set<StyleRole> = [.dim, .barEmpty]
        var style = TerminalStyle()
        switch depth {
        case .monochrome:
            if emphasised.contains(role) || role == .borderFocused || role == .selected { style.attributes.insert(.bold) }
            if muted.contains(role) { style.attributes.insert(.dim) }
            if role == .selected { style.attributes.insert(.reverse) }
        case .basic8:
            style.foreground = theme.foreground(for: role).flatMap(XtermPalette.nearestBasic) ?? -1
            if emphasised.contains(role) || role == .selected { style.attributes.insert(.bold) }
            if muted.contains(role) { style.attributes.insert(.dim) }
            if role == .selected { style.attributes.insert(.reverse) }
        case .xterm256:
            style.foreground = theme.foreground(for: role).map(XtermPalette.nearest256) ?? -1
            let background = theme.background(for: role)
            style.background = background.map(XtermPalette.nearest256) ?? -1
            if emphasised.contains(role) { style.attributes.insert(.bold) }
            if role == .selected && (background == nil || background == theme.mainBackground) {
                style.attributes.insert(.reverse)
            }
        }
        return style
    }
}
