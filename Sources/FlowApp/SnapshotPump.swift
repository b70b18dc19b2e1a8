import FlowCore
import Foundation

/// Takes engine snapshots on a thread of its own, so the frame loop never waits for one.
///
/// Why: at 100,000 leads the lead pass (funnel, attribution under every model) takes a
/// quarter of a second when its cache is rebuilt, once a second. Taken on the frame loop,
/// that froze keys and drawing for 2-3 frames every second. Now the loop asks for a
/// snapshot (`request`, which never blocks and keeps only the newest query) and draws the
/// newest one ready (`take`) while the next is computed.
///
/// ```swift
/// let pump = SnapshotPump { query in host.snapshot(query) }
/// pump.request(state.query)
/// if let fresh = pump.take() { snapshot = fresh }
/// pump.stop()
/// ```
final class SnapshotPump: @unchecked Sendable {
    // Every stored property below is read and written with `condition` locked.
    private let condition = NSCondition()
    private var pending: SnapshotQuery?
    private var ready: EngineSnapshot?
    private var busy = false
    private var stopped = false
    private let compute: @Sendable (SnapshotQuery) -> EngineSnapshot

    init(_ compute: @escaping @Sendable (SnapshotQuery) -> EngineSnapshot) {
        self.compute = compute
        let thread = Thread { [self] in work() }
        thread.name = "flowtop-snapshots"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks for a snapshot of `query`; replaces a request not yet started.
    func request(_ query: SnapshotQuery) {
        condition.lock()
        pending = query
        condition.broadcast()
        condition.unlock()
    }

    /// The newest snapshot finished since the last `take`, if any.
    func take() -> EngineSnapshot? {
        condition.lock()
        defer { ready = nil; condition.unlock() }
        return ready
    }

    /// Whether a snapshot is asked for or being computed.
    var isWorking: Bool {
        condition.lock()
        defer { condition.unlock() }
        return busy || pending != nil
    }

    /// Ends the thread after the snapshot in progress, if any.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until no snapshot is asked for or in progress (for tests), at most `seconds`.
    func waitUntilIdle(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while busy || pending != nil {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    private func work() {
        condition.lock()
        while true {
            while pending == nil && !stopped { condition.wait() }
            if stopped { break }
            let query = pending!
            pending = nil
            busy = true
            condition.unlock()
            let snapshot = compute(query)
            condition.lock()
            ready = snapshot
            busy = false
            condition.broadcast()
        }
        condition.unlock()
    }
}
