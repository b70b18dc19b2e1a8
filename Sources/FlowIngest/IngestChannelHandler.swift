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
final class IngestChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
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

    init(ingest: ConnectionIngest, clock: any EngineClock, logger: Logger,
         activity: IngestActivityRecorder = IngestActivityRecorder()) {
        self.ingest = ingest
        self.clock = clock
        self.logger = logger
        self.activity = activity
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let now = clock.now()
        activity.read(at: now)
        burstReadAt = now
        buffer.withUnsafeReadableBytes { bytes in
            ingest.consume(bytes, receivedAt: now) { ack in write(ack, context: context) }
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
        // Lines already parsed still count, however the connection ended.
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
