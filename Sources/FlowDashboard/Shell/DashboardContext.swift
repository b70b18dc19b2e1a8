import TerminalUI

/// What the dashboard shows that is neither engine data nor view state: where events come
/// in, and how plain the terminal is.
///
/// ```swift
/// let context = DashboardContext(socketPath: "/run/user/1000/flowtop/events.sock")
/// render(snapshot, state: state, context: context, into: &grid)
/// ```
public struct DashboardContext: Sendable, Hashable {
    /// The event socket, shown in the header and in the "no events yet" hint.
    public var socketPath: String
    /// ASCII borders, bars and sparklines for terminals or logs without Unicode blocks.
    public var asciiOnly: Bool
    /// How the SLO detail draws its charts: braille by default, `.blocks` for fonts
    /// without the braille patterns; always `.ascii` with `asciiOnly`.
    public var chartMode: ChartMode
    /// Where the data comes from, when worth saying (attached, unreachable, viewers
    /// attached to this dashboard's engine); the frame loop keeps it current.
    public var link: LinkBadge?

    public init(socketPath: String, asciiOnly: Bool = false, chartMode: ChartMode? = nil, link: LinkBadge? = nil) {
        self.socketPath = socketPath
        self.link = link
        self.asciiOnly = asciiOnly
        self.chartMode = asciiOnly ? .ascii : chartMode ?? .braille
    }

    var boxGlyphs: BoxGlyphs { asciiOnly ? .ascii : .rounded }
    /// Between header items and in the attribution title.
    var dot: String { asciiOnly ? "-" : "·" }
    var arrow: String { asciiOnly ? "->" : "→" }
    /// Before the row a table is about (the stage shown, the model chosen).
    var marker: String { asciiOnly ? ">" : "›" }
    /// Between breadcrumb levels.
    var crumbSeparator: String { asciiOnly ? " > " : " › " }
    /// The arrow keys as the footer and help name them.
    var arrows: String { asciiOnly ? "j/k" : "↑↓" }
}
