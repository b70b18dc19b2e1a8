import CNcurses
import Synchronization

/// Whether curses owns the terminal right now: set by `CursesScreen`, read by
/// `TerminalGuard`'s signal handlers and exit hook. An atomic, so a handler may read it.
let cursesIsActive = Atomic<Bool>(false)

/// Gives the terminal back: ends synchronized output, shows the cursor, leaves curses
/// (cooked mode, the normal screen). Runs at most once per curses session whoever calls it
/// first (`shutdown()`, a signal, `exit`), and only calls what is safe enough in a signal
/// handler for a program about to die: no allocation, no Swift strings.
func restoreTerminal() {
    guard cursesIsActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
    flowtop_end_synchronized_output()
    flowtop_input_nonblocking(0)
    curs_set(1)
    endwin()
}
