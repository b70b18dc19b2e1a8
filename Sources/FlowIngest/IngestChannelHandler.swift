import FlowCore
import Logging
import NIOCore

/// The thin NIO layer over `ConnectionIngest`: each read's bytes go in, the events parsed
/// during one read burst reach the engine in one batch at `channelReadComplete`, and
/// `sync_ack` lines go back out. Nothing else is ever written to the client.
///
/// The channel needs `allowRemoteHalfClosure`: when the client shuts down its sending side,
/// the unfinished last line is processed, any ack it asked for is written, and only then
/// is the connection closed.
///
/// Backpressure: a client that sends `sync` lines and never reads the acks must not make
/// flowtop hold its output (a 16-byte line can bring a 2 KiB ack). Once the channel is not
/// writable (unsent output above its high water mark, `IngestServer.writeBufferWaterMark`),
/// the handler stops taking lines at the next ack, keeps the unread rest of that read, and
/// swallows `read()` so NIO reads nothing more from the socket; when the client has read
/// enough to make the channel writable again, it goes on where it stopped. So one
/// connection holds at most the water mark of output, the reads already under way
/// (`maxMessagesPerRead` x a read buffer) and one unfinished line.
final class IngestChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let ingest: ConnectionIngest
    private let clock: any EngineClock
    private let logger: Logger
    private let activity: IngestActivityRecorder
    /// The latest ack write, so that closing waits for it.
    private var lastWrite: EventLoopFuture<Void>?
    /// The receive time of this burst's latest read, and the accepted count before it,
    /// for `activity` once the burst is applied.
    private var burstReadAt: EpochMillis?
    private var acceptedBeforeBurst: Int64 = 0
    /// Bytes read but not yet taken, because output was over the mark: non-empty means
    /// paused (no `read()` reaches the channel).
    private var held: ByteBuffer?
    /// A `read()` swallowed while paused, to pass on once resumed.
    private var readWanted = false
    /// The client half-closed while paused: finish once the held bytes are taken.
    private var inputClosedWhilePaused = false
    /// Input one paused connection may hold: the reads under way when it paused
    /// (`maxMessagesPerRead` of at most 64 KiB each) fit with room to spare.
    static let maxHeldBytes = 1 << 20

    /// The engine's journal: with one, an ack waits until its events are on stable storage
    /// and says `durable: true` (or false, with the reason); without, it goes at once.
    private let journal: (any EngineJournal)?
    /// Acks waiting for the journal, oldest first; they go out in this order.
    private var pendingAcks: [PendingAck] = []
    private var nextAckID: UInt64 = 0
    /// The client closed its side while acks were pending: close once they are out.
    private var closeWhenAcked = false
    /// Acks one connection may have waiting for the journal before it is read no more
    /// (as for unread output): a sync flood waits one group commit per this many.
    static let maxPendingAcks = 64

    struct PendingAck {
        var id: UInt64
        var ack: SyncAck
        /// The `sync` line's number, for the `not_durable` error.
        var line: Int64
        /// Nil while waiting; then "" for durable, or why not.
        var outcome: String?
    }

    init(ingest: ConnectionIngest, clock: any EngineClock, logger: Logger,
         activity: IngestActivityRecorder = IngestActivityRecorder(), journal: (any EngineJournal)? = nil) {
        self.ingest = ingest
        self.clock = clock
        self.logger = logger
        self.activity = activity
        self.journal = journal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let now = clock.now()
        activity.read(at: now)
        burstReadAt = now
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

    /// Takes lines from `buffer` until output goes over the mark; keeps what is left.
    private func take(_ buffer: inout ByteBuffer, context: ChannelHandlerContext, now: EpochMillis) {
        let channel = context.channel
        let used = buffer.withUnsafeReadableBytes { bytes in
            ingest.consume(bytes, receivedAt: now, answer: { ack in answer(ack, context: context) },
                           stopAfterAnswer: { !channel.isWritable || pendingAcks.count >= Self.maxPendingAcks })
        }
        buffer.moveReaderIndex(forwardBy: used)
        if buffer.readableBytes > 0 {
            held = buffer
        }
    }

    func read(context: ChannelHandlerContext) {
        if held != nil {
            readWanted = true
            return
        }
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        context.fireChannelWritabilityChanged()
        resume(context: context)
    }

    /// Takes the held input again once output is writable and few acks wait.
    private func resume(context: ChannelHandlerContext) {
        guard context.channel.isWritable, pendingAcks.count < Self.maxPendingAcks, var rest = held else { return }
        held = nil
        let now = clock.now()
        take(&rest, context: context, now: now)
        ingest.applyPending()
        burstApplied()
        guard held == nil else { return }
        if inputClosedWhilePaused {
            inputClosedWhilePaused = false
            finish(context: context)
        } else if readWanted {
            readWanted = false
            context.read()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        ingest.applyPending()
        burstApplied()
        context.fireChannelReadComplete()
    }

    /// Tells `activity` the burst's events are in the engine (the health checks' progress).
    private func burstApplied() {
        let brought = ingest.accepted > acceptedBeforeBurst
        activity.caughtUp(eventsAt: brought ? burstReadAt : nil)
        acceptedBeforeBurst = ingest.accepted
        burstReadAt = nil
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
        burstApplied()
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
        // Lines already read still count, however the connection ended: held ones too,
        // though their acks have nowhere to go.
        if let rest = held {
            held = nil
            rest.withUnsafeReadableBytes { bytes in
                _ = ingest.consume(bytes, receivedAt: clock.now(), answer: { _ in }, stopAfterAnswer: { false })
            }
        }
        ingest.applyPending()
        burstApplied()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("ingest connection closed on error", metadata: ["error": "\(error)"])
        ingest.applyPending()
        context.close(promise: nil)
    }

    /// A `sync`'s ack: at once without a journal; with one, once the journal holds every
    /// batch this connection sent before it (`ConnectionIngest.lastPosition`), in order.
    private func answer(_ ack: SyncAck, context: ChannelHandlerContext) {
        guard let journal else {
            write(ack, context: context)
            return
        }
        let id = nextAckID
        nextAckID += 1
        pendingAcks.append(PendingAck(id: id, ack: ack, line: ingest.lineNumber, outcome: nil))
        guard let position = ingest.lastPosition else {
            // Nothing of this connection's is in the engine: nothing to wait for.
            settle(id: id, outcome: "", context: context)
            return
        }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        journal.whenDurable(position) { reason in
            bound.eventLoop.execute {
                let (handler, context) = bound.value
                handler.settle(id: id, outcome: reason ?? "", context: context)
            }
        }
    }

    /// Records one ack's outcome and writes every settled ack at the head of the queue.
    private func settle(id: UInt64, outcome: String, context: ChannelHandlerContext) {
        guard let index = pendingAcks.firstIndex(where: { $0.id == id }) else { return }
        pendingAcks[index].outcome = outcome
        var wrote = false
        while let head = pendingAcks.first, let outcome = head.outcome {
            pendingAcks.removeFirst()
            var ack = head.ack
            ack.durable = outcome.isEmpty
            if !outcome.isEmpty {
                if ack.errors.count == SyncAck.maxErrors { ack.errors.removeFirst() }
                ack.errors.append(SyncAck.LineError(line: head.line, reason: SyncAck.notDurable, detail: outcome))
            }
            write(ack, context: context)
            wrote = true
        }
        guard pendingAcks.isEmpty || wrote else { return }
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
