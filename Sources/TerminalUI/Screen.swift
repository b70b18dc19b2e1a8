/// The small backend protocol between the dashboard loop and a terminal library.
///
/// Panes never touch a terminal: they draw into a `CellGrid`; a `Screen` shows a grid
/// (writing only the cells that changed) and reads keys. `CursesScreen` implements it on
/// ncurses; tests use an in-memory one.
public protocol Screen: AnyObject {
    /// Current size in cells.
    var size: GridSize { get }
    /// Shows `grid`, writing only what differs from the last grid shown.
    func present(_ grid: CellGrid)
    /// Waits at most `timeoutMillis` for a key; nil on timeout.
    func readKey(timeoutMillis: Int) -> Key?
    /// Restores the terminal (cursor visible, cooked mode). Safe to call twice.
    func shutdown()
    /// Ctrl-Z: gives the terminal back and returns once the process is resumed (`fg`),
    /// the terminal taken again; the next `present` draws everything.
    func suspend()
}

extension Screen {
    /// A screen that is no terminal (tests, a log) has nothing to give back.
    public func suspend() {}
}

public struct GridSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
