import Dispatch
import FlowCore
import Foundation
import Synchronization
import Threading

/// Takes engine snapshots on a thread of its own, so the frame loop never waits for one.
///
/// Why: at 100,000 leads the lead pass (funnel, attribution under every model) takes a
/// quarter of a second when its cache is rebuilt, once a second. Taken on the frame loop,
/// that froze keys and drawing for 2-3 frames every second. Now the loop asks for a
/// snapshot (`request`, which never blocks and keeps only the newest query) and draws the
/// newest one ready (`take`) while the next is computed.
///
/// Its state sits in a `Mutex`, the finished snapshot in another (see `ready`); a semaphore
/// wakes the worker when there is a request or a stop. The worker runs in `run()`, which
/// `start()` puts on a thread of its own: nothing starts in `init`.
///
/// ```swift
/// let pump = SnapshotPump { query in host.snapshot(query) }
/// pump.start()
/// pump.request(state.query)
/// if let fresh = pump.take() { snapshot = fresh }
/// pump.stop()
/// ```
public final class SnapshotPump: SnapshotSource, Sendable {
    private struct State {
        /// The newest query asked for and not yet started.
        var pending: SnapshotQuery?
        /// A snapshot is being computed.
        var busy = false
        var stopped = false
    }

    private let state = Mutex(State())
    /// The newest snapshot finished and not yet taken. Apart from `state` because
    /// `isWorking`, read every turn of the frame loop (ten a second when idle), copied the
    /// whole state, snapshot included, under the lock. The worker sets it before it clears
    /// `busy`, so a loop that sees no work in flight finds the snapshot already here.
    private let ready = Mutex<EngineSnapshot?>(nil)
    /// Signalled on every request and on stop; the worker may find nothing to do (a
    /// request it already took), and then waits again.
    private let wake = DispatchSemaphore(value: 0)
    private let compute: @Sendable (SnapshotQuery) -> EngineSnapshot

    public init(_ compute: @escaping @Sendable (SnapshotQuery) -> EngineSnapshot) {
        self.compute = compute
    }

    /// Runs `run()` on a thread named "flowtop-snapshots" (8 MiB of stack, as the engine's
    /// deeper passes want), until `stop()`.
    public func start() {
        startThread(named: "flowtop-snapshots") { [self] in run() }
    }

    /// Asks for a snapshot of `query`; replaces a request not yet started.
    public func request(_ query: SnapshotQuery) {
        state.withLock { $0.pending = query }
        wake.signal()
    }

    /// The newest snapshot finished since the last `take`, if any.
    public func take() -> EngineSnapshot? {
        ready.withLock { $0.take() }
    }

    /// Whether a snapshot is asked for or being computed.
    public var isWorking: Bool { state.withLock { $0.busy || $0.pending != nil } }

    /// Ends `run()` after the snapshot in progress, if any.
    public func stop() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }

    /// Waits until no snapshot is asked for or in progress (for tests), at most `seconds`.
    func waitUntilIdle(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while isWorking {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return true
    }

    /// The worker: takes the newest request, computes it with the lock released, hands the
    /// snapshot over; returns once stopped.
    func run() {
        while true {
            wake.wait()
            let next: SnapshotQuery?? = state.withLock { state in
                if state.stopped { return nil }
                defer { state.pending = nil }
                state.busy = state.pending != nil
                return .some(state.pending)
            }
            guard let taken = next else { return }
            guard let query = taken else { continue }
            let snapshot = compute(query)
            ready.withLock { $0 = snapshot }
            state.withLock { $0.busy = false }
        }
    }
}
