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

    public init(socketPath: String, asciiOnly: Bool = false) {
        self.socketPath = socketPath
        self.asciiOnly = asciiOnly
    }

    var boxGlyphs: BoxGlyphs { asciiOnly ? .ascii : .rounded }
    /// Between header items and in the attribution title.
    var dot: String { asciiOnly ? "-" : "·" }
    var arrow: String { asciiOnly ? "->" : "→" }
    /// Between breadcrumb levels.
    var crumbSeparator: String { asciiOnly ? " > " : " › " }
}
