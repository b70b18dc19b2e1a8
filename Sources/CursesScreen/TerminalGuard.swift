#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Puts the terminal back (cursor shown, cooked mode, normal screen) however the process
/// ends: `exit`, a termination signal, or a crash. Without it a crash leaves the user's
/// shell in raw mode with no cursor.
///
/// Call once, early in `main`, before any other code installs signal handlers you want
/// kept (the Swift runtime's crash backtracer is kept: it runs after the terminal is
/// restored):
///
///     TerminalGuard.install(terminationSignals: false)  // ServiceGroup owns SIGTERM/SIGINT
///     let screen = try CursesScreen(theme: theme)
///     defer { screen.shutdown() }
///
/// Each handler restores the terminal if curses is active, puts back the handler that was
/// there before (normally the default action) and re-raises the signal, so the process
/// still dies with the signal's usual status and core dump.
public enum TerminalGuard {
    /// Crashes: always handled.
    public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP]
    /// Requests to end. Handle them here only when nothing else (such as a service-lifecycle
    /// `ServiceGroup`, which shuts services down gracefully) does; in raw mode Ctrl-C arrives
    /// as `Key.interrupt`, not as SIGINT.
    public static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]

    private static let installed = Atomic<Bool>(false)

    /// Installs the exit hook and the signal handlers; later calls do nothing.
    public static func install(terminationSignals handleTermination: Bool = true) {
        guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        // Globals are initialised lazily; do it here rather than first inside a handler.
        _ = cursesIsActive.load(ordering: .relaxed)
        _ = PreviousSignalActions.storage
        atexit { restoreTerminal() }
        let signals = fatalSignals + (handleTermination ? terminationSignals : [])
        for signal in signals { installHandler(for: signal) }
    }

    private static func installHandler(for signal: Int32) {
        guard signal > 0, Int(signal) < PreviousSignalActions.capacity else { return }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = restoreAndReraise
        #else
        action.__sigaction_u.__sa_handler = restoreAndReraise
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        _ = sigaction(signal, &action, PreviousSignalActions.storage.advanced(by: Int(signal)))
    }
}

/// The handlers `TerminalGuard` replaced, by signal number, for the re-raise. Allocated
/// once and never freed: a signal handler must not allocate or take locks.
private enum PreviousSignalActions {
    static let capacity = 65
    nonisolated(unsafe) static let storage: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: capacity)
        pointer.initialize(repeating: sigaction(), count: capacity)
        return pointer
    }()
}

/// Restores the terminal, then lets the previous handler (or the default action) have the
/// signal: pending while this handler runs, delivered as it returns.
private func restoreAndReraise(_ signal: Int32) {
    restoreTerminal()
    _ = sigaction(signal, PreviousSignalActions.storage.advanced(by: Int(signal)), nil)
    raise(signal)
}
