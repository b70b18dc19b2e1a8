import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 child channel with `MalformedRequestAnswer` placed right after
/// the HTTP decoder, so a request the parser refuses is answered in JSON. Hummingbird
/// offers no place there (its extra handlers come after its own codec, and see no parser
/// error before its responder does), hence this thin wrapper around `HTTP1Channel`.
///
/// ```swift
/// Application(router: router, server: AnalyticsHTTPChannel.builder(configuration: .init(idleTimeout: .seconds(60))))
/// ```
struct AnalyticsHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel

    static func builder(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            AnalyticsHTTPChannel(inner: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(MalformedRequestAnswer(), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
