import Dispatch
import FlowCore
import Synchronization

/// What one connection parsed since its last hand-over: the accepted events, the
/// rejections by reason, and when its latest bytes arrived (for the health checks).
///
/// The events array is the connection's own buffer: it travels to the engine-apply thread
/// and back, and is emptied and refilled, so a busy connection allocates no new batch.
struct IngestBatch: Sendable {
    var events: [Event]
    var rejected: RejectionCounts
    /// The receive time of the latest read whose lines are in the batch.
    var readAt: EpochMillis

    static let empty = IngestBatch(events: [], rejected: RejectionCounts(), readAt: 0)
}

/// The engine-apply thread: the second stage of ingest. Connections parse on their event
/// loops and hand whole batches here (`submit`, one short lock per batch, never per
/// event); this thread applies them to the engine in the order they came, each under the
/// engine's lock once (`EngineHost.apply`), and gives each batch back with its journal
/// position through the batch's `done`.
///
/// Why a thread of its own: parsing a line and applying its event cost about the same, so
/// with both on the event loop one core did all the work while the other idled. Now the
/// event loop parses batch n+1 while this thread applies batch n, and both cores work.
///
/// Memory stays bounded without a bound here: each connection has at most
/// `IngestChannelHandler.maxBatchesInFlight` batches submitted and not yet given back, and
/// stops reading while it has (as for acks the client does not read).
///
/// ```swift
/// let applier = EngineApplier(host: host)
/// async let applying: Void = applier.run()      // until stop()
/// applier.submit(batch) { position, batch in loop.execute { connection.applied(batch, at: position) } }
/// applier.stop()
/// try await applying                             // every batch submitted before stop() is applied
/// ```
final class EngineApplier: Sendable {
    /// Called on the apply thread once the batch is in the engine: its journal position
    /// (nil without a journal) and the batch, for its buffer to be reused.
    typealias Done = @Sendable (_ position: JournalPosition?, _ batch: consuming IngestBatch) -> Void

    private struct Job {
        var batch: IngestBatch
        var done: Done
    }

    private struct Queue {
        var jobs: [Job] = []
        var stopping = false
        /// The thread waits (or is about to) on `wake`: the next submit signals it.
        var sleeping = false
    }

    private let host: EngineHost
    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)

    init(host: EngineHost) {
        self.host = host
    }

    /// Queues `batch` for the engine; `done` follows once it is applied. Never blocks on
    /// the engine: what bounds the queue is the connections' limit of batches in flight.
    func submit(_ batch: consuming IngestBatch, done: @escaping Done) {
        let job = Job(batch: batch, done: done)
        let wakeUp = queue.withLock { queue -> Bool in
            queue.jobs.append(job)
            guard queue.sleeping else { return false }
            queue.sleeping = false
            return true
        }
        if wakeUp { wake.signal() }
    }

    /// Batches submitted and not yet taken by the apply thread (for tests and health).
    var queuedBatches: Int { queue.withLock { $0.jobs.count } }

    /// Asks `run()` to return once every batch submitted so far is applied.
    func stop() {
        let wakeUp = queue.withLock { queue -> Bool in
            queue.stopping = true
            let wasSleeping = queue.sleeping
            queue.sleeping = false
            return wasSleeping
        }
        if wakeUp { wake.signal() }
    }

    /// The apply loop, on the calling thread, until `stop()`: takes every queued batch at
    /// once (one lock for all of them), applies them in order, answers each.
    func runLoop() {
        var taken: [Job] = []
        while true {
            let step = queue.withLock { queue -> Bool? in
                if queue.jobs.isEmpty {
                    if queue.stopping { return nil }
                    queue.sleeping = true
                    return false
                }
                swap(&queue.jobs, &taken)
                return true
            }
            guard let step else { return }
            guard step else {
                wake.wait()
                continue
            }
            for i in taken.indices {
                var batch = IngestBatch.empty
                swap(&batch, &taken[i].batch)
                let position = host.apply(batch.events, rejected: batch.rejected)
                taken[i].done(position, consume batch)
            }
            taken.removeAll(keepingCapacity: true)
        }
    }
}
