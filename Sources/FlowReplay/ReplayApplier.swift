import Dispatch
import FlowCore
import Synchronization
import Threading

/// The second core of a replay: a thread that owns the engine while a file is read and
/// applies the batches the reading thread parsed, in order, so reading and parsing batch
/// n+1 overlaps applying batch n (parsing is about a third of a replay's work).
///
/// Batches travel with one short lock each way, never per event, and their buffers come
/// back for reuse, so a replay allocates no batch after the first few. At most `depth`
/// batches wait at once: a reader faster than the engine waits for room (memory stays
/// bounded whatever the file's size).
///
/// Why not `EngineApplier` (FlowIngest's apply thread): that one serves many connections
/// behind `EngineHost`'s lock and hands journal positions back; a replay has one reader and
/// an engine nobody else sees, so the hand-over is all it needs.
///
/// ```swift
/// let applier = ReplayApplier(engine: engine)
/// batch = applier.submit(batch, receivedAt: t)   // an emptied buffer back
/// engine = applier.finish()                       // every batch applied
/// ```
final class ReplayApplier: Sendable {
    private struct Job {
        var events: [Event]
        var receivedAt: EpochMillis
    }

    private struct Queue {
        var jobs: [Job] = []
        var spare: [[Event]] = []
    }

    /// The engine, until `finish()` takes it (leaving no second reference to its storage).
    private let engine: Mutex<Engine?>
    private let queue = Mutex(Queue())
    /// Counts queued jobs, plus one for `finish()`: the thread stops at a signal with no job.
    private let ready = DispatchSemaphore(value: 0)
    /// Counts free places in the queue.
    private let room: DispatchSemaphore
    private let stopped = DispatchSemaphore(value: 0)

    init(engine: consuming Engine, depth: Int = 3) {
        self.engine = Mutex(engine)
        room = DispatchSemaphore(value: depth)
        startThread(named: "flowtop-replay-apply") { [self] in run() }
    }

    private func run() {
        while true {
            ready.wait()
            guard var job = queue.withLock({ $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }) else { break }
            engine.withLock { $0?.apply(job.events, receivedAt: job.receivedAt) }
            job.events.removeAll(keepingCapacity: true)
            queue.withLock { $0.spare.append(job.events) }
            room.signal()
        }
        stopped.signal()
    }

    /// Queues `events` for the engine, waiting while `depth` batches already wait, and
    /// returns an empty buffer (one given back by the engine thread when there is one).
    func submit(_ events: consuming [Event], receivedAt: EpochMillis) -> [Event] {
        let capacity = events.capacity
        let job = Job(events: events, receivedAt: receivedAt)
        room.wait()
        let spare = queue.withLock { queue -> [Event]? in
            queue.jobs.append(job)
            return queue.spare.popLast()
        }
        ready.signal()
        if let spare { return spare }
        var fresh: [Event] = []
        fresh.reserveCapacity(capacity)
        return fresh
    }

    /// Waits until every submitted batch is applied, stops the thread and returns the
    /// engine. Call once.
    func finish() -> Engine {
        ready.signal()
        stopped.wait()
        return engine.withLock { $0.take() }!
    }
}
