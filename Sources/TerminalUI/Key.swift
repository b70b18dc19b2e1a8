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
    /// The terminal changed size.
    case resize
}
