import FlowCore
import FlowWire

/// One client connection's side of the protocol, without any I/O: bytes in, batches of
/// events out to the engine, a `SyncAck` out whenever the client asks with `sync`.
///
/// The NIO handler feeds it what each read brings and calls `applyPending()` once per
/// read burst; a batch also goes as soon as it holds `batchCapacity` events, so a long
/// burst streams to the engine in pieces. A batch is handed to `BatchFeed` (the
/// engine-apply thread in a server, or the engine at once in tests) and comes back,
/// applied, through `applied(_:at:)`, in the order it went; the engine's lock is taken
/// once per batch, never per event. A `sync` line first hands over everything before it,
/// so the ack it produces describes the events of `submittedBatches` batches: the handler
/// sends it once `appliedBatches` reaches that. Counters, line numbers and the last
/// rejections are this connection's since it opened (EVENTS.md, "sync").
///
/// Owned by one event loop; not thread-safe.
///
/// ```swift
/// let ingest = ConnectionIngest(parser: parser) { events, rejected in host.apply(events, rejected: rejected) }
/// ingest.consume(bytes, receivedAt: now) { ack in write(ack.jsonLine) }
/// ingest.applyPending()
/// ```
final class ConnectionIngest {
    /// Applies a batch at once; returns where it ends in the engine's journal (nil
    /// without one).
    typealias ApplyBatch = (_ events: [Event], _ rejected: RejectionCounts) -> JournalPosition?

    /// Events in one batch at most: 56 KiB of parsed events (an `Event` takes 112 bytes),
    /// small enough that the few in flight per connection stay cheap, large enough that
    /// the hand-over and the engine's lock (a few microseconds a batch) cost nothing per
    /// event.
    static let batchCapacity = 512

    private var framer: LineFramer
    private let maxLineLength: Int
    private let parser: WireParser
    /// This connection's labels (tenants, models...), decoded once.
    private let labels = LabelCache()
    private let feed: any BatchFeed
    // The per-line state is not checked for exclusive access at run time (one event loop
    // owns the connection; the checks cost a few percent of a parse).
    @exclusivity(unchecked) private var pending = IngestBatch.empty
    /// Emptied buffers back from the engine, for the next batches: with the one filling and
    /// the ones in flight, about 3 x 56 KiB for a busy connection.
    private var spareBuffers: [[Event]] = []
    private var recentErrors: [SyncAck.LineError] = []
    /// Called after each batch comes back applied, with the receive time of its latest
    /// read and whether it held events (the handler sends acks, reads again, tells health).
    var onApplied: ((_ readAt: EpochMillis, _ hadEvents: Bool) -> Void)?

    /// Lines seen so far, blank, sync and over-long ones included: the last line's number.
    @exclusivity(unchecked) private(set) var lineNumber: Int64 = 0
    @exclusivity(unchecked) private(set) var accepted: Int64 = 0
    private(set) var rejected: Int64 = 0
    /// Batches handed to the engine, and those of them applied (they come back in order).
    private(set) var submittedBatches: UInt64 = 0
    private(set) var appliedBatches: UInt64 = 0
    /// Where this connection's latest applied batch ends in the journal: an ack for the
    /// batches applied so far is durable once the journal is durable up to here. Nil
    /// before the first batch (or without a journal).
    private(set) var lastPosition: JournalPosition?

    init(parser: WireParser, maxLineLength: Int = 64 * 1024, feed: any BatchFeed) {
        framer = LineFramer(maxLineLength: maxLineLength)
        self.maxLineLength = maxLineLength
        self.parser = parser
        self.feed = feed
    }

    /// A connection whose batches are applied at once, on this thread, by `applyBatch`
    /// (tests, and anything without an apply thread).
    convenience init(parser: WireParser, maxLineLength: Int = 64 * 1024, applyBatch: @escaping ApplyBatch) {
        self.init(parser: parser, maxLineLength: maxLineLength, feed: InlineFeed(apply: applyBatch))
    }

    /// Batches handed over and not yet back.
    var batchesInFlight: Int { Int(submittedBatches - appliedBatches) }

    /// Frames and parses one chunk. Complete lines are parsed now; an unfinished last line
    /// waits for the next chunk. `answer` is called once per `sync` line, in order.
    func consume(_ bytes: UnsafeRawBufferPointer, receivedAt: EpochMillis, answer: (SyncAck) -> Void) {
        _ = consume(bytes, receivedAt: receivedAt, answer: answer, pauseWhen: { false })
    }

    /// The same, but after each `sync` answered and each full batch handed over asks
    /// `pause`; when it says yes, takes no more lines and returns how many bytes it used
    /// (else all of them). The caller hands the rest over later: a client that sends
    /// `sync` after `sync` and never reads its acks, or that sends faster than the engine
    /// applies, is not read from until it has caught up (`IngestChannelHandler`).
    func consume(_ bytes: UnsafeRawBufferPointer, receivedAt: EpochMillis, answer: (SyncAck) -> Void,
                 pauseWhen pause: () -> Bool) -> Int {
        pending.readAt = receivedAt
        return framer.feedUntilStopped(bytes, { piece in
            take(piece, receivedAt: receivedAt, answer: answer) ? !pause() : true
        })
    }

    /// The client closed its sending side: the unfinished last line counts as a line.
    /// Everything is handed over afterwards.
    func finishInput(receivedAt: EpochMillis, answer: (SyncAck) -> Void) {
        pending.readAt = receivedAt
        framer.finish { piece in take(piece, receivedAt: receivedAt, answer: answer) }
        applyPending()
    }

    /// Hands the events and rejections gathered since the last call to the engine, in one
    /// batch; nothing when there are none.
    func applyPending() {
        guard !pending.events.isEmpty || pending.rejected.total > 0 else { return }
        // A buffer that came back, or a new one that grows with its first batch: an idle
        // connection holds none.
        var batch = IngestBatch(events: spareBuffers.popLast() ?? [], rejected: RejectionCounts(), readAt: pending.readAt)
        swap(&batch, &pending)
        submittedBatches += 1
        feed.submit(batch, from: self)
    }

    /// The feed's answer for the oldest batch in flight: it is in the engine, and ends at
    /// `position` in the journal. Its buffer is kept for reuse.
    func applied(_ batch: consuming IngestBatch, at position: JournalPosition?) {
        appliedBatches += 1
        if let position { lastPosition = position }
        var owned = consume batch
        let (readAt, hadEvents) = (owned.readAt, !owned.events.isEmpty)
        var events: [Event] = []
        swap(&events, &owned.events)
        if spareBuffers.count < IngestChannelHandler.maxBatchesInFlight, events.capacity >= Self.batchCapacity {
            events.removeAll(keepingCapacity: true)
            spareBuffers.append(events)
        }
        onApplied?(readAt, hadEvents)
    }

    /// The connection's standing now.
    var ack: SyncAck {
        SyncAck(accepted: accepted, rejected: rejected, durable: false, errors: recentErrors)
    }

    // Called from inside `framer.feed`/`finish`: must not touch `framer`. True when the
    // piece was a `sync` it answered or filled a batch it handed over.
    @discardableResult
    private func take(_ piece: LineFramer.Piece, receivedAt: EpochMillis, answer: (SyncAck) -> Void) -> Bool {
        lineNumber += 1
        switch piece {
        case .tooLong:
            reject(Rejection(.lineTooLong, "longer than \(maxLineLength) bytes"))
        case .line(let line):
            switch parser.parse(line, receivedAt: receivedAt, labels: labels) {
            case .blank:
                break
            case .rejected(let rejection):
                reject(rejection)
            case .event(let event):
                if case .sync = event.body {
                    applyPending()
                    answer(ack)
                    return true
                }
                accepted += 1
                pending.events.append(event)
                if pending.events.count >= Self.batchCapacity {
                    applyPending()
                    return true
                }
            }
        }
        return false
    }

    private func reject(_ rejection: Rejection) {
        rejected += 1
        pending.rejected.add(rejection.reason)
        if recentErrors.count == SyncAck.maxErrors { recentErrors.removeFirst() }
        recentErrors.append(SyncAck.LineError(line: lineNumber, rejection: rejection))
    }
}

/// Where a connection's batches go to be applied; each comes back through
/// `ConnectionIngest.applied(_:at:)` on the connection's own thread, in the order it went.
protocol BatchFeed {
    func submit(_ batch: consuming IngestBatch, from connection: ConnectionIngest)
}

/// Applies each batch at once, on the caller's thread: for tests and tools.
struct InlineFeed: BatchFeed {
    let apply: ConnectionIngest.ApplyBatch

    func submit(_ batch: consuming IngestBatch, from connection: ConnectionIngest) {
        let position = apply(batch.events, batch.rejected)
        connection.applied(batch, at: position)
    }
}
