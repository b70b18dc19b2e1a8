/// One setting a theme file can make: `theme[<key>]="<value>"`.
///
/// Role foregrounds use `StyleRole.themeKey` (`main_fg`, `ok`, `crit`, ...); on top of those
/// come the two backgrounds btop themes also have and the `mono` switch. Any other key is
/// ignored, so btop theme files load too (their box and graph keys are simply unused).
public enum ThemeKey: Sendable, Hashable {
    case foreground(StyleRole)
    /// `main_bg`: behind everything; `""` leaves the terminal's background.
    case mainBackground
    /// `selected_bg`: behind the selected row.
    case selectedBackground
    /// `mono`: `"true"` draws with attributes only.
    case mono

    /// Every key, in the order `docs/themes.md` lists them.
    public static let all: [ThemeKey] =
        [.mainBackground] + StyleRole.allCases.map(ThemeKey.foreground) + [.selectedBackground, .mono]

    /// The key as written between the brackets.
    public var name: String {
        switch self {
        case .foreground(let role): role.themeKey
        case .mainBackground: "main_bg"
        case .selectedBackground: "selected_bg"
        case .mono: "mono"
        }
    }

    /// The key a file names, or nil for a key flowtop does not use.
    public init?(name: String) {
        guard let key = ThemeKey.all.first(where: { $0.name == name }) else { return nil }
        self = key
    }
}
