import FlowCore
import FlowWire

/// One client connection's side of the protocol, without any I/O: bytes in, batches of
/// events out to the engine, a `SyncAck` out whenever the client asks with `sync`.
///
/// The NIO handler feeds it what each read brings and calls `applyPending()` once per
/// read burst, so the engine's lock is taken once per batch, never per event. A `sync`
/// line first applies everything before it, so the ack it produces describes events that
/// are already in the engine. Counters, line numbers and the last rejections are this
/// connection's since it opened (EVENTS.md, "sync").
///
/// Owned by one event loop; not thread-safe.
///
/// ```swift
/// let ingest = ConnectionIngest(parser: parser) { events, rejected in host.apply(events, rejected: rejected) }
/// ingest.consume(bytes, receivedAt: now) { ack in write(ack.jsonLine) }
/// ingest.applyPending()
/// ```
final class ConnectionIngest {
    /// Hands a batch to the engine; returns where it ends in the engine's journal (nil
    /// without one).
    typealias ApplyBatch = (_ events: [Event], _ rejected: RejectionCounts) -> JournalPosition?

    private var framer: LineFramer
    private let maxLineLength: Int
    private let parser: WireParser
    private let applyBatch: ApplyBatch
    private var pendingEvents: [Event] = []
    private var pendingRejections = RejectionCounts()
    private var recentErrors: [SyncAck.LineError] = []

    /// Lines seen so far, blank, sync and over-long ones included: the last line's number.
    private(set) var lineNumber: Int64 = 0
    private(set) var accepted: Int64 = 0
    private(set) var rejected: Int64 = 0
    /// Where this connection's latest batch ends in the journal: a `sync` answered now is
    /// durable once the journal is durable up to here. Nil before the first batch (or
    /// without a journal).
    private(set) var lastPosition: JournalPosition?

    init(parser: WireParser, maxLineLength: Int = 64 * 1024, applyBatch: @escaping ApplyBatch) {
        framer = LineFramer(maxLineLength: maxLineLength)
        self.maxLineLength = maxLineLength
        self.parser = parser
        self.applyBatch = applyBatch
        pendingEvents.reserveCapacity(256)
    }

    /// Frames and parses one chunk. Complete lines are parsed now; an unfinished last line
    /// waits for the next chunk. `answer` is called once per `sync` line, in order.
    func consume(_ bytes: UnsafeRawBufferPointer, receivedAt: EpochMillis, answer: (SyncAck) -> Void) {
        framer.feed(bytes) { piece in take(piece, receivedAt: receivedAt, answer: answer) }
    }

    /// The same, but after each `sync` answered asks `stop`; when it says yes, takes no
    /// more lines and returns how many bytes it used (else all of them). The caller hands
    /// the rest over later: a client that sends `sync` after `sync` and never reads its
    /// acks is not read from until it has (`IngestChannelHandler`).
    func consume(_ bytes: UnsafeRawBufferPointer, receivedAt: EpochMillis, answer: (SyncAck) -> Void,
                 stopAfterAnswer stop: () -> Bool) -> Int {
        framer.feedUntilStopped(bytes, { piece in
            take(piece, receivedAt: receivedAt, answer: answer) ? !stop() : true
        })
    }

    /// The client closed its sending side: the unfinished last line counts as a line.
    /// Everything is applied afterwards.
    func finishInput(receivedAt: EpochMillis, answer: (SyncAck) -> Void) {
        framer.finish { piece in take(piece, receivedAt: receivedAt, answer: answer) }
        applyPending()
    }

    /// Hands the events and rejections gathered since the last call to the engine, in one batch.
    func applyPending() {
        guard !pendingEvents.isEmpty || pendingRejections.total > 0 else { return }
        if let position = applyBatch(pendingEvents, pendingRejections) { lastPosition = position }
        pendingEvents.removeAll(keepingCapacity: true)
        pendingRejections = RejectionCounts()
    }

    /// The connection's standing now.
    var ack: SyncAck {
        SyncAck(accepted: accepted, rejected: rejected, durable: false, errors: recentErrors)
    }

    // Called from inside `framer.feed`/`finish`: must not touch `framer`. True when the
    // piece was a `sync` it answered.
    @discardableResult
    private func take(_ piece: LineFramer.Piece, receivedAt: EpochMillis, answer: (SyncAck) -> Void) -> Bool {
        lineNumber += 1
        switch piece {
        case .tooLong:
            reject(Rejection(.lineTooLong, "longer than \(maxLineLength) bytes"))
        case .line(let line):
            switch parser.parse(line, receivedAt: receivedAt) {
            case .blank:
                break
            case .rejected(let rejection):
                reject(rejection)
            case .event(let event):
                if case .sync = event.body {
                    applyPending()
                    answer(ack)
                    return true
                } else {
                    accepted += 1
                    pendingEvents.append(event)
                }
            }
        }
        return false
    }

    private func reject(_ rejection: Rejection) {
        rejected += 1
        pendingRejections.add(rejection.reason)
        if recentErrors.count == SyncAck.maxErrors { recentErrors.removeFirst() }
        recentErrors.append(SyncAck.LineError(line: lineNumber, rejection: rejection))
    }
}
