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
final class IngestChannelHandler: ChannelDuplexHandler {
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

    init(ingest: ConnectionIngest, clock: any EngineClock, logger: Logger,
         activity: IngestActivityRecorder = IngestActivityRecorder()) {
        self.ingest = ingest
        self.clock = clock
        self.logger = logger
        self.activity = activity
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
            ingest.consume(bytes, receivedAt: now, answer: { ack in write(ack, context: context) },
                           stopAfterAnswer: { !channel.isWritable })
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
        guard context.channel.isWritable, var rest = held else { return }
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
        ingest.finishInput(receivedAt: clock.now()) { ack in write(ack, context: context) }
        burstApplied()
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

    private func write(_ ack: SyncAck, context: ChannelHandlerContext) {
        let line = ack.jsonLine
        var buffer = context.channel.allocator.buffer(capacity: line.utf8.count)
        buffer.writeString(line)
        lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
    }
}
