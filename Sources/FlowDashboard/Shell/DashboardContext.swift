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
    /// Whether `socketPath` is the one `flowtop emit` finds by itself; when it is not, the
    /// "no events yet" hint's command names it (`flowtop emit --socket PATH`).
    public var socketIsDefault: Bool
    /// ASCII borders, bars and sparklines for terminals or logs without Unicode blocks.
    public var asciiOnly: Bool
    /// How the SLO detail draws its charts: braille by default, `.blocks` for fonts
    /// without the braille patterns; always `.ascii` with `asciiOnly`.
    public var chartMode: ChartMode
    /// Where the data comes from, when worth saying (attached, unreachable, viewers
    /// attached to this dashboard's engine); the frame loop keeps it current.
    public var link: LinkBadge?

    public init(socketPath: String, socketIsDefault: Bool = true, asciiOnly: Bool = false, chartMode: ChartMode? = nil,
                link: LinkBadge? = nil) {
        self.socketPath = socketPath
        self.socketIsDefault = socketIsDefault
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
    /// After a line that is still coming ("waiting for the engine...").
    var ellipsis: String { asciiOnly ? "..." : "…" }
    /// `flowtop emit`, with `--socket PATH` when the socket is not the default one.
    var emitCommand: String {
        guard !socketIsDefault else { return "flowtop emit" }
        let plain = socketPath.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        let quoted = plain ? socketPath : "'" + socketPath.split(separator: "'", omittingEmptySubsequences: false)
            .joined(separator: #"'\''"#) + "'"
        return "flowtop emit --socket " + quoted
    }
    /// The arrow keys as the footer and help name them.
    var arrows: String { asciiOnly ? "j/k" : "↑↓" }
}
