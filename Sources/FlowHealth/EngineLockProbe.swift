import FlowCore
import FlowReports
import Foundation
import Synchronization

/// Tries the engine's lock on a thread of its own and remembers how it went: the
/// liveness probe's evidence that the process is stuck.
///
/// Why a thread, and why it never waits for one: if the lock cannot be taken, whatever
/// tries it blocks for good. A health request must still answer (that is the point), so
/// `observe()` only starts an attempt and reports what is known; a blocked attempt shows
/// as `waitingSince` ageing. At most one attempt is ever outstanding, so a wedged engine
/// costs one parked thread, not one per probe; and attempts start at most every
/// `interval`, however often the probes come.
///
/// ```swift
/// let probe = EngineLockProbe(clock: host.clock) { _ = host.alerting() }
/// probe.observe().waitingSince   // nil, or when the attempt still waiting began
/// ```
public final class EngineLockProbe: Sendable {
    private struct State {
        var waitingSince: EpochMillis?
        var lastStartedAt: EpochMillis?
        var lastTakenAt: EpochMillis?
        var lastWaitMillis: EpochMillis?
    }

    private let state = Mutex(State())
    private let clock: any EngineClock
    private let interval: EpochMillis
    private let take: @Sendable () -> Void

    /// `take` takes the lock and lets it go at once (the live one: `host.alerting()`, the
    /// cheapest call that takes it).
    public init(clock: any EngineClock, interval: EpochMillis = 1_000, take: @escaping @Sendable () -> Void) {
        self.clock = clock
        self.interval = interval
        self.take = take
    }

    /// What is known now; starts an attempt when none is waiting and the last one began
    /// `interval` ago or more. The attempt started here shows as waiting since now.
    public func observe() -> EngineLockObservation {
        let now = clock.now()
        let (seen, start) = state.withLock { state -> (EngineLockObservation, Bool) in
            let due = state.lastStartedAt.map { now - $0 >= interval } ?? true
            let start = state.waitingSince == nil && due
            if start {
                state.waitingSince = now
                state.lastStartedAt = now
            }
            return (EngineLockObservation(waitingSince: state.waitingSince, lastTakenAt: state.lastTakenAt,
                                          lastWaitMillis: state.lastWaitMillis), start)
        }
        if start { attempt(startedAt: now) }
        return seen
    }

    private func attempt(startedAt: EpochMillis) {
        let thread = Thread { [self] in
            take()
            let done = clock.now()
            state.withLock { state in
                state.waitingSince = nil
                state.lastTakenAt = done
                state.lastWaitMillis = max(0, done - startedAt)
            }
        }
        thread.name = "flowtop-health-lock"
        thread.start()
    }
}
