import Glibc

/// A test's wait for something outside it (a receiver to start, a dashboard to draw) that
/// does not count the time the test itself could not run.
///
/// Swift Testing starts every test at once, and on a 2-core machine the CPU-heavy unit tests
/// hold both cooperative threads for the first minute or so of a run. A waiting test's
/// `Task.sleep(50 ms)` then returns a minute late, and a plain 60 s deadline expires
/// although its receiver was checked only once, which is how CI failed. The same queue
/// delays the continuation of any other `await` (an HTTP answer from the receiver), where
/// no sleep sees it. So this deadline moves on by whichever is larger: the pauses'
/// overshoots past a grace of 0.25 s, or the lag of the cooperative threads measured by
/// `PoolLagMonitor` since the wait began. `timeout` is then time in which the test really
/// looked; `limit` (default 4x `timeout`) still ends a wait on a hung host.
///
/// ```swift
/// var deadline = PatientDeadline(timeout: .seconds(60))
/// while !ready() {
///     guard !deadline.expired else { throw TimedOut() }
///     try await deadline.pause()
/// }
/// ```
public struct PatientDeadline: Sendable {
    public let timeout: Duration
    private let started: ContinuousClock.Instant
    private let end: ContinuousClock.Instant
    private let limit: ContinuousClock.Instant
    /// Time lost to late pauses so far.
    private var latePauses: Duration = .zero
    /// `PoolLagMonitor.shared.total` when the wait began.
    private let lagAtStart: Int64

    /// Time the test could not run so far: the larger of the late pauses and the
    /// cooperative threads' lag.
    public var starved: Duration {
        max(latePauses, .nanoseconds(PoolLagMonitor.shared.total - lagAtStart))
    }

    public init(timeout: Duration, limit: Duration? = nil) {
        self.timeout = timeout
        started = .now
        end = started + timeout
        self.limit = started + (limit ?? timeout * 4)
        lagAtStart = PoolLagMonitor.shared.total
    }

    /// Whether the wait is over: `timeout` of attention spent, or `limit` in all.
    public var expired: Bool {
        let now = ContinuousClock.now
        return now >= end + starved || now >= limit
    }

    /// Sleeps `interval`; a wake-up later than that plus 0.25 s moves the end by the excess.
    public mutating func pause(_ interval: Duration = .milliseconds(50)) async throws {
        let before = ContinuousClock.now
        try await Task.sleep(for: interval)
        let late = ContinuousClock.now - before - interval
        if late > .milliseconds(250) { latePauses += late }
    }

    /// Blocking form, for the few waits that run on a thread of their own.
    public mutating func pauseBlocking(_ interval: Duration = .milliseconds(10)) {
        let before = ContinuousClock.now
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) * 1e-18
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        nanosleep(&request, nil)
        let late = ContinuousClock.now - before - interval
        if late > .milliseconds(250) { latePauses += late }
    }

    /// Seconds since the wait began, for messages.
    public var elapsed: Duration { ContinuousClock.now - started }
}
