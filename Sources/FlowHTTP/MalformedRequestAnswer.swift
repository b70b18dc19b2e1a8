import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser cannot read with a JSON error, as every other error
/// of the API is answered, then closes the connection (the parser cannot find where the
/// next request would start).
///
/// Hummingbird answers such a request with an empty 400 that is not JSON. The commonest
/// case is a method the parser does not know (`curl -X FOO`, `BREW`): that is a 501 with
/// `Allow: GET, HEAD`, since which path was asked for is not known. A header section too
/// large is a 431, anything else a 400.
///
/// It sits just after NIOHTTP1's decoder, where the parser's errors pass, and answers only
/// when no earlier request's response is still being written; otherwise the error goes on
/// to Hummingbird, whose answer then follows that response in order.
///
/// ```
/// $ curl -s -X BREW http://127.0.0.1:8000/api/analytics/slo/status
/// {"error":"the method is not one this server knows; the API answers GET and HEAD"}
/// ```
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Requests read whose response has not ended yet.
    private var responsesOwed = 0
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        if case .head = unwrapInboundIn(data) { responsesOwed += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { responsesOwed = max(0, responsesOwed - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, responsesOwed == 0, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let answer = Self.answer(to: parseError)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: APIResponse.jsonContentType)
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Connection", value: "close")
        for header in answer.headers {
            if case .allow(let methods) = header { headers.add(name: "Allow", value: methods) }
        }
        let body = ByteBuffer(string: answer.body + "\n")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(promise: nil)
        }
    }

    /// The JSON error for what the parser could not read.
    static func answer(to error: HTTPParserError) -> APIError {
        switch error {
        case .invalidMethod:
            APIError(status: 501, message: "the method is not one this server knows; the API answers GET and HEAD",
                     headers: [.allow("GET, HEAD")])
        case .headerOverflow:
            APIError(status: 431, message: "the request's header section is too large")
        default:
            APIError(status: 400, message: "the request is not valid HTTP/1.1")
        }
    }
}
