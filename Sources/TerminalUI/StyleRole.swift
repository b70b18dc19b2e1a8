/// What a cell means, not what colour it is: a theme maps roles to colours, so panes never
/// name colours and `mono` can render every role with attributes alone.
public enum StyleRole: UInt8, Sendable, CaseIterable, Hashable {
    case normal
    case dim
    case title
    case border
    case borderFocused
    case header
    case footer
    case selected
    case ok
    case warn
    case crit
    case barFill
    case barEmpty
    case accent
    case graph

    /// The key used for this role in theme files (`theme[<key>]="#RRGGBB"`).
    public var themeKey: String {
        switch self {
        case .normal: "main_fg"
        case .dim: "inactive_fg"
        case .title: "title"
        case .border: "div_line"
        case .borderFocused: "hi_fg"
        case .header: "header_fg"
        case .footer: "footer_fg"
        case .selected: "selected_fg"
        case .ok: "ok"
        case .warn: "warn"
        case .crit: "crit"
        case .barFill: "bar_fill"
        case .barEmpty: "bar_empty"
        case .accent: "accent"
        case .graph: "graph"
        }
    }
}

/// A cell's look: its role plus attributes a pane may add.
public struct CellStyle: Sendable, Hashable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool
    /// On the selected row: the theme's selection background (`selected_bg`) behind the
    /// role's own colour, so a red `crit` stays red when selected. Without a selection
    /// background (mono, 8 colours, a theme without one) the cell is reversed instead.
    public var selected: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false, selected: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.selected = selected
    }

    /// This cell's style on a selected row (`row`, the row's own style): its role kept,
    /// plain text in the selection's colour, on the selection background.
    public func onSelection(_ row: CellStyle) -> CellStyle {
        var style = self
        if style.role == .normal { style.role = row.role }
        style.bold = style.bold || row.bold
        style.selected = true
        return style
    }

    public static let normal = CellStyle()
}
