import Synchronization

/// Logs a condition once when it begins and once when it ends, with how often it
/// happened in between, instead of once per occurrence.
///
/// Why: at the open-file limit `accept` fails thousands of times a second, and a full
/// connection table refuses every new client; a line each would flood the log, while no
/// line at all (as before) leaves ops guessing why clients hang.
///
/// ```swift
/// let refusals = EpisodeLog()
/// refusals.occurred { logger.warning("connection limit reached") }   // logs the first time only
/// refusals.ended { count in logger.notice("accepting again; \(count) refused") }
/// ```
final class EpisodeLog: Sendable {
    private struct State {
        var active = false
        var count = 0
    }

    private let state = Mutex(State())

    /// Counts one occurrence; calls `begin` if it starts an episode.
    func occurred(_ begin: () -> Void) {
        let first = state.withLock { state in
            state.count += 1
            defer { state.active = true }
            return !state.active
        }
        if first { begin() }
    }

    /// Ends the episode, if one is going on: `end` gets how many occurrences it had.
    func ended(_ end: (Int) -> Void) {
        let count: Int? = state.withLock { state in
            guard state.active else { return nil }
            defer { state = State() }
            return state.count
        }
        if let count { end(count) }
    }

    /// Whether an episode is going on (for tests and health).
    var isActive: Bool { state.withLock { $0.active } }
}
