import FlowViewer
import NIOCore

/// First on every event connection: looks at the connection's first line. A viewer's
/// `viewer_hello` (docs/viewers.md) turns the connection into a viewer's: the ingest
/// handler goes, `ViewerLineHandler` takes over, and the hub answers. Anything else is
/// handed to the ingest handler untouched, and this handler leaves the pipeline, so events
/// pay for it once per connection, never per line.
final class ViewerSniffHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let hub: ViewerHub
    private let ingest: any RemovableChannelHandler
    private var buffered: ByteBuffer?
    /// The first line is looked at only up to this many bytes: a hello is far shorter.
    static let maxHelloBytes = 64 * 1024

    init(hub: ViewerHub, ingest: any RemovableChannelHandler) {
        self.hub = hub
        self.ingest = ingest
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        if buffered == nil {
            buffered = chunk
        } else {
            buffered?.writeBuffer(&chunk)
        }
        guard var bytes = buffered else { return }
        guard let newline = bytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if bytes.readableBytes > Self.maxHelloBytes { handOverToIngest(context: context) }
            return
        }
        let lineLength = newline - bytes.readerIndex
        let line = bytes.getBytes(at: bytes.readerIndex, length: lineLength) ?? []
        guard Self.looksLikeHello(line), let message = try? ViewerMessage.parse(line),
              message.type == .viewerHello else {
            handOverToIngest(context: context)
            return
        }
        bytes.moveReaderIndex(forwardBy: lineLength + 1)
        buffered = nil
        let outbox = SocketViewerOutbox(channel: context.channel)
        let session = hub.open(hello: message, outbox: outbox)
        do {
            let pipeline = context.pipeline.syncOperations
            pipeline.removeHandler(ingest, promise: nil)
            if let session {
                let handler = ViewerLineHandler(session: session)
                try pipeline.addHandler(handler, position: .after(self))
                pipeline.removeHandler(context: context, promise: nil)
                if bytes.readableBytes > 0 { handler.take(bytes) }
            } else {
                pipeline.removeHandler(context: context, promise: nil)
            }
        } catch {
            context.close(promise: nil)
        }
    }

    /// Cheap first look, before any JSON is parsed: the line names the hello's type.
    static func looksLikeHello(_ line: [UInt8]) -> Bool {
        let needle = Array(#""viewer_hello""#.utf8)
        guard line.count >= needle.count, line.count <= 4096 else { return false }
        return line.indices.dropLast(needle.count - 1).contains { start in
            line[start..<start + needle.count].elementsEqual(needle)
        }
    }

    /// Not a viewer: everything read so far goes to the ingest handler, and this one goes.
    private func handOverToIngest(context: ChannelHandlerContext) {
        if let bytes = buffered {
            buffered = nil
            context.fireChannelRead(wrapInboundOut(bytes))
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if buffered == nil { context.fireChannelReadComplete() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client closed its side before a whole first line: events, as they were.
        if buffered != nil { handOverToIngest(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let bytes = buffered {
            buffered = nil
            context.fireChannelRead(wrapInboundOut(bytes))
            context.fireChannelReadComplete()
        }
    }
}

/// A viewer's connection after its hello: lines in go to its session; the session's
/// messages go out through `SocketViewerOutbox`.
final class ViewerLineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let session: ViewerSession
    private var pending: [UInt8] = []
    /// A viewer's messages are small (a view, a command); a longer line ends the connection.
    static let maxLineBytes = 1 << 20

    init(session: ViewerSession) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        take(unwrapInboundIn(data))
        if pending.count > Self.maxLineBytes { context.close(promise: nil) }
    }

    func take(_ buffer: ByteBuffer) {
        pending.append(contentsOf: buffer.readableBytesView)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = pending[..<newline]
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0d || $0 == 0x09 }) { session.receive(line) }
            pending.removeSubrange(...newline)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.closed()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)   // the viewer is done
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// A viewer's messages onto its event-socket connection, one line each; backed up while
/// the channel is over its write water mark (`IngestServer.writeBufferWaterMark`).
struct SocketViewerOutbox: ViewerOutbox {
    let channel: any Channel

    func send(_ line: String) {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 1)
        buffer.writeString(line)
        buffer.writeInteger(UInt8(ascii: "\n"))
        channel.writeAndFlush(buffer, promise: nil)
    }

    var isBackedUp: Bool { !channel.isWritable }

    func close() {
        // Writes go out in order: once an empty one is done, every earlier one is.
        let channel = self.channel
        channel.writeAndFlush(channel.allocator.buffer(capacity: 0)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
