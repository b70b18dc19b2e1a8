import FlowCore
import Logging
import NIOCore

/// The thin NIO layer over `ConnectionIngest`: each read's bytes go in, parsed on the event
/// loop into batches that go to the engine (a full batch at once, the rest at
/// `channelReadComplete`), and `sync_ack` lines go back out once their events are applied.
/// Nothing else is ever written to the client.
///
/// The channel needs `allowRemoteHalfClosure`: when the client shuts down its sending side,
/// the unfinished last line is processed, any ack it asked for is written, and only then
/// is the connection closed.
///
/// Backpressure, three ways, all by not reading (the handler stops taking lines, keeps the
/// unread rest of that read, and swallows `read()` so NIO reads nothing more from the
/// socket), each resumed where it stopped:
/// - the engine is behind: `maxBatchesInFlight` batches handed over and not yet applied;
/// - a client sends `sync` lines and never reads the acks: once the channel is not
///   writable (unsent output above `IngestServer.writeBufferWaterMark`), at the next ack
///   (a 16-byte line can bring a 2 KiB ack);
/// - `maxPendingAcks` acks wait for their events (or, with a journal, for durability).
/// So one connection holds at most the water mark of output, its batches in flight, the
/// reads already under way (`maxMessagesPerRead` x a read buffer) and one unfinished line.
///
/// Acks go out in the order of their `sync` lines. Each waits until every batch before its
/// line is applied (`ConnectionIngest.appliedBatches`); with a journal, then until the
/// journal holds them on stable storage, and says `durable: true` (or false, with the
/// reason); without one it goes at once, `durable: false`.
final class IngestChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let ingest: ConnectionIngest
    private let clock: any EngineClock
    private let logger: Logger
    private let activity: IngestActivityRecorder
    private var context: ChannelHandlerContext?
    /// The latest ack write, so that closing waits for it.
    private var lastWrite: EventLoopFuture<Void>?
    /// Bytes read but not yet taken, because the connection paused: non-empty means
    /// paused (no `read()` reaches the channel).
    private var held: ByteBuffer?
    /// A `read()` swallowed while paused, to pass on once resumed.
    private var readWanted = false
    /// The client half-closed while paused: finish once the held bytes are taken.
    private var inputClosedWhilePaused = false
    /// Inside `take`: a batch coming back there must not start another take.
    private var taking = false
    private var inactive = false
    /// Input one paused connection may hold: the reads under way when it paused
    /// (`maxMessagesPerRead` of at most 64 KiB each) fit with room to spare.
    static let maxHeldBytes = 1 << 20
    /// Batches one connection may have handed over and not yet applied (512 events each).
    /// With two, each thread often sat waiting for the other to hand a batch over or back
    /// (a wake-up per batch), and 3M mixed events took 1.06 s; with eight, 0.87 s on the
    /// same CPU time (four: 0.87 to 0.99 s, sixteen no better). Memory: 4,096 events.
    static let maxBatchesInFlight = 8

    /// The engine's journal: with one, an ack waits until its events are on stable storage
    /// and says `durable: true` (or false, with the reason); without, it goes once applied.
    private let journal: (any EngineJournal)?
    /// Acks not yet written, oldest first; they go out in this order.
    private var pendingAcks: [PendingAck] = []
    private var nextAckID: UInt64 = 0
    /// The client closed its side while acks were pending: close once they are out.
    private var closeWhenAcked = false
    /// Acks one connection may have waiting before it is read no more (as for unread
    /// output): a sync flood waits one group commit per this many.
    static let maxPendingAcks = 64

    struct PendingAck {
        var id: UInt64
        var ack: SyncAck
        /// The `sync` line's number, for the `not_durable` error.
        var line: Int64
        /// The connection's batches handed over before the line: applied, the ack may go.
        var afterBatch: UInt64
        var state: State
    }

    enum State: Equatable {
        case applying
        case durability
        /// Ready to write: durable, or not (nil: no store to be durable in; else why not,
        /// "" for durable).
        case settled(String?)
    }

    init(ingest: ConnectionIngest, clock: any EngineClock, logger: Logger,
         activity: IngestActivityRecorder = IngestActivityRecorder(), journal: (any EngineJournal)? = nil) {
        self.ingest = ingest
        self.clock = clock
        self.logger = logger
        self.activity = activity
        self.journal = journal
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        ingest.onApplied = { [weak self] readAt, hadEvents in self?.batchApplied(readAt: readAt, hadEvents: hadEvents) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        ingest.onApplied = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let now = clock.now()
        activity.read(at: now)
        if held != nil {
            // Reads already under way when we paused: keep them in order behind the rest.
            held?.writeBuffer(&buffer)
            if (held?.readableBytes ?? 0) > Self.maxHeldBytes {
                // NIO stops after a few reads once `read()` is swallowed; past this the
                // channel is not behaving as it should, and the connection goes.
                logger.warning("closing an event connection that holds too much unread input",
                               metadata: ["held_bytes": "\(held?.readableBytes ?? 0)"])
                context.close(promise: nil)
            }
            return
        }
        take(&buffer, context: context, now: now)
    }

    /// Takes lines from `buffer` until the connection must pause; keeps what is left.
    private func take(_ buffer: inout ByteBuffer, context: ChannelHandlerContext, now: EpochMillis) {
        let channel = context.channel
        taking = true
        let used = buffer.withUnsafeReadableBytes { bytes in
            ingest.consume(bytes, receivedAt: now, answer: { ack in answer(ack, context: context) },
                           pauseWhen: { mustPause(channel) })
        }
        taking = false
        buffer.moveReaderIndex(forwardBy: used)
        if buffer.readableBytes > 0 {
            held = buffer
        }
    }

    private func mustPause(_ channel: any Channel) -> Bool {
        !channel.isWritable || pendingAcks.count >= Self.maxPendingAcks
            || ingest.batchesInFlight >= Self.maxBatchesInFlight
    }

    private var paused: Bool { held != nil || ingest.batchesInFlight >= Self.maxBatchesInFlight }

    func read(context: ChannelHandlerContext) {
        if paused {
            readWanted = true
            return
        }
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        context.fireChannelWritabilityChanged()
        resume(context: context)
    }

    /// Takes the held input again once output is writable, few acks wait and the engine
    /// has caught up; then passes on a swallowed `read()`.
    private func resume(context: ChannelHandlerContext) {
        guard !taking, !inactive, context.channel.isWritable, pendingAcks.count < Self.maxPendingAcks,
              ingest.batchesInFlight < Self.maxBatchesInFlight else { return }
        if var rest = held {
            held = nil
            take(&rest, context: context, now: clock.now())
            ingest.applyPending()
            guard held == nil else { return }
            if inputClosedWhilePaused {
                inputClosedWhilePaused = false
                finish(context: context)
                return
            }
        }
        if readWanted && !paused {
            readWanted = false
            context.read()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        ingest.applyPending()
        // Nothing on its way to the engine: this burst is done with (a batch in flight
        // says so itself once applied).
        if ingest.batchesInFlight == 0 { activity.caughtUp(eventsAt: nil) }
        context.fireChannelReadComplete()
    }

    /// A batch is in the engine: tell the health checks, send the acks it settles, read again.
    private func batchApplied(readAt: EpochMillis, hadEvents: Bool) {
        activity.caughtUp(eventsAt: hadEvents ? readAt : nil)
        guard let context else { return }
        advanceAcks(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let channelEvent = event as? ChannelEvent, channelEvent == .inputClosed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if held != nil {
            inputClosedWhilePaused = true
            return
        }
        finish(context: context)
    }

    /// The client sent its last byte and every line is taken: the last line, its acks, close.
    private func finish(context: ChannelHandlerContext) {
        ingest.finishInput(receivedAt: clock.now()) { ack in answer(ack, context: context) }
        guard pendingAcks.isEmpty else {
            closeWhenAcked = true
            return
        }
        closeAfterLastWrite(context: context)
    }

    private func closeAfterLastWrite(context: ChannelHandlerContext) {
        let channel = context.channel
        if let lastWrite {
            lastWrite.whenComplete { _ in channel.close(promise: nil) }
        } else {
            channel.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        inactive = true
        // Lines already read still count, however the connection ended: held ones too,
        // though their acks have nowhere to go.
        if let rest = held {
            held = nil
            rest.withUnsafeReadableBytes { bytes in
                _ = ingest.consume(bytes, receivedAt: clock.now(), answer: { _ in }, pauseWhen: { false })
            }
        }
        ingest.applyPending()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("ingest connection closed on error", metadata: ["error": "\(error)"])
        ingest.applyPending()
        context.close(promise: nil)
    }

    // MARK: Acks

    /// A `sync`'s ack waits for the batches before its line to be applied.
    private func answer(_ ack: SyncAck, context: ChannelHandlerContext) {
        pendingAcks.append(PendingAck(id: nextAckID, ack: ack, line: ingest.lineNumber,
                                      afterBatch: ingest.submittedBatches, state: .applying))
        nextAckID += 1
        advanceAcks(context: context)
    }

    /// Moves on every ack whose batches are applied: without a journal it is ready; with
    /// one it waits until the journal holds this connection's events up to there
    /// (`ConnectionIngest.lastPosition`, which at that moment is the position of exactly
    /// the ack's last batch, since batches come back one at a time and in order).
    private func advanceAcks(context: ChannelHandlerContext) {
        for i in pendingAcks.indices where pendingAcks[i].state == .applying {
            guard pendingAcks[i].afterBatch <= ingest.appliedBatches else { break }
            guard let journal else {
                pendingAcks[i].state = .settled(nil)
                continue
            }
            guard let position = ingest.lastPosition else {
                // Nothing of this connection's is in the engine: nothing to wait for.
                pendingAcks[i].state = .settled("")
                continue
            }
            pendingAcks[i].state = .durability
            let id = pendingAcks[i].id
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            journal.whenDurable(position) { reason in
                bound.eventLoop.execute {
                    let (handler, context) = bound.value
                    handler.settle(id: id, outcome: reason ?? "", context: context)
                }
            }
        }
        writeSettled(context: context)
    }

    /// Records one ack's journal outcome and writes every settled ack at the head of the queue.
    private func settle(id: UInt64, outcome: String, context: ChannelHandlerContext) {
        guard let index = pendingAcks.firstIndex(where: { $0.id == id }) else { return }
        pendingAcks[index].state = .settled(outcome)
        writeSettled(context: context)
    }

    /// Writes the settled acks at the head of the queue, in order; then closes (the client
    /// is done and every ack is out) or reads on.
    private func writeSettled(context: ChannelHandlerContext) {
        while let head = pendingAcks.first, case .settled(let outcome) = head.state {
            pendingAcks.removeFirst()
            var ack = head.ack
            ack.durable = outcome == ""
            if let outcome, !outcome.isEmpty {
                if ack.errors.count == SyncAck.maxErrors { ack.errors.removeFirst() }
                ack.errors.append(SyncAck.LineError(line: head.line, reason: SyncAck.notDurable, detail: outcome))
            }
            write(ack, context: context)
        }
        if pendingAcks.isEmpty && closeWhenAcked {
            closeWhenAcked = false
            closeAfterLastWrite(context: context)
        } else {
            resume(context: context)
        }
    }

    private func write(_ ack: SyncAck, context: ChannelHandlerContext) {
        let line = ack.jsonLine
        var buffer = context.channel.allocator.buffer(capacity: line.utf8.count)
        buffer.writeString(line)
        lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
    }
}
