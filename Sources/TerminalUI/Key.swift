/// A key press, independent of the terminal library that read it.
public enum Key: Sendable, Hashable {
    case char(Character)
    case enter
    case escape
    case tab
    case backTab
    case up, down, left, right
    case pageUp, pageDown, home, end
    case backspace
    case function(Int)
    /// Ctrl-C read as a key (raw mode).
    case interrupt
    /// Ctrl-Z read as a key (raw mode): give the terminal back and stop until `fg`.
    case suspend
    /// The terminal changed size.
    case resize
    /// A click or a turn of the wheel (when the terminal reports the mouse).
    case mouse(MouseEvent)
}

/// What the mouse did, and where: a cell of the screen, 0-based from the top left.
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The left button went down.
        case press
        case wheelUp
        case wheelDown
    }

    public var x: Int
    public var y: Int
    public var action: Action

    public init(x: Int, y: Int, action: Action) {
        self.x = x
        self.y = y
        self.action = action
    }
}
