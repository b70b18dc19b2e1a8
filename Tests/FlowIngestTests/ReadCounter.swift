import NIOCore

/// Counts `read()` calls that reach an embedded channel, to see a handler swallow them
/// (back-pressure: a connection that must not read more) and let them through again.
final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    var reads = 0

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}
