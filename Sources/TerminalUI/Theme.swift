/// The colours a dashboard is drawn in: a foreground per `StyleRole`, backgrounds, or no
/// colour at all (`isMono`).
///
/// Panes only name roles; a theme says what each role looks like. Themes come from btop-style
/// files (see `ThemeParser`, `docs/themes.md`); every key a file leaves out keeps its value
/// from `Theme.builtInDefault`, so a theme of three lines is complete.
///
///     var theme = Theme.builtInDefault
///     theme.setForeground(RGB(255, 0, 0), for: .crit)
///     theme.foreground(for: .crit)  // RGB(255, 0, 0)
///
/// A nil colour means "the terminal's own": its default foreground or background.
public struct Theme: Sendable, Equatable {
    /// What the user calls it (`default`, `light`, or the file's base name).
    public var name: String
    /// Draw with attributes only (bold, dim, reverse), ignoring every colour.
    public var isMono: Bool
    /// The background behind every role that has none of its own; nil leaves the
    /// terminal's background showing.
    public var mainBackground: RGB?
    private var foregrounds: [StyleRole: RGB]
    private var backgrounds: [StyleRole: RGB]

    public init(name: String, isMono: Bool = false, mainBackground: RGB? = nil,
                foregrounds: [StyleRole: RGB] = [:], backgrounds: [StyleRole: RGB] = [:]) {
        self.name = name
        self.isMono = isMono
        self.mainBackground = mainBackground
        self.foregrounds = foregrounds
        self.backgrounds = backgrounds
    }

    /// The text colour for `role`; nil is the terminal's default foreground.
    public func foreground(for role: StyleRole) -> RGB? { foregrounds[role] }

    /// The background for `role`: its own if set (only `selected` has one in theme files),
    /// else `mainBackground`.
    public func background(for role: StyleRole) -> RGB? { backgrounds[role] ?? mainBackground }

    public mutating func setForeground(_ color: RGB?, for role: StyleRole) { foregrounds[role] = color }

    public mutating func setBackground(_ color: RGB?, for role: StyleRole) { backgrounds[role] = color }

    /// The theme used when no file is found and the base every file falls back to. The same
    /// values as `themes/default.theme` (a test keeps them equal): dark terminals, btop-like,
    /// green ok, yellow warn, red crit, cyan accents.
    public static let builtInDefault = Theme(
        name: "default",
        foregrounds: [
            .normal: RGB(0xcc, 0xcc, 0xcc),
            .dim: RGB(0x6b, 0x70, 0x78),
            .title: RGB(0xee, 0xee, 0xee),
            .border: RGB(0x4a, 0x50, 0x5a),
            .borderFocused: RGB(0x5f, 0xd7, 0xd7),
            .header: RGB(0x87, 0xaf, 0xd7),
            .footer: RGB(0x8a, 0x8f, 0x98),
            .selected: RGB(0xff, 0xff, 0xff),
            .ok: RGB(0x5f, 0xd7, 0x5f),
            .warn: RGB(0xff, 0xd7, 0x5f),
            .crit: RGB(0xff, 0x5f, 0x5f),
            .barFill: RGB(0x5f, 0xd7, 0xaf),
            .barEmpty: RGB(0x3a, 0x3f, 0x47),
            .accent: RGB(0x00, 0xd7, 0xd7),
            .graph: RGB(0x5f, 0xaf, 0xff),
        ],
        backgrounds: [.selected: RGB(0x2f, 0x4a, 0x5a)])

    /// No colour at all: roles are told apart by bold, dim and reverse.
    public static let mono = Theme(name: "mono", isMono: true)

    /// Themes that exist without any file.
    public static let builtIns: [Theme] = [builtInDefault, mono]

    /// Whether the user asked for no colour: `NO_COLOR` set to anything but the empty
    /// string (https://no-color.org).
    public static func isColorDisabled(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }
}
