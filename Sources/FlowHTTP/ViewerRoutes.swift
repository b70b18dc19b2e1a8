import FlowViewer
import Hummingbird
import NIOCore
import Synchronization

/// The viewer protocol over HTTP (docs/viewers.md), for `flowtop --connect URL`: behind
/// the bearer token like every other non-probe path.
///
/// - `POST /api/viewer/v1` with a `viewer_hello` as its body answers with a stream of
///   server-sent events (`text/event-stream`), one message per event's `data:` line: the
///   `welcome` (with the session's name), the whole snapshot, then patches. A status hello
///   gets one `status` event and the stream ends; another protocol version gets an
///   `error` event.
/// - `POST /api/viewer/v1/sessions/{session}` with one message (`view`, `command`,
///   `resync`) as its body: 202; the answer to a command comes on the stream as `outcome`.
///   404 for a session that ended.
enum ViewerRoutes {
    static let path = "/api/viewer/v1"
    /// A viewer's messages are small; a hello carries a query.
    static let maxBodyBytes = 256 * 1024

    /// What a viewer's commands get over an API without a token: on loopback anyone on the
    /// machine can reach it, and acknowledging or silencing is not for anyone.
    static let commandsNeedAToken = "acknowledging and silencing over HTTP needs the engine to require a bearer token "
        + "(serve --http-token-file): without one, anyone on its machine could; the event socket (owner only) takes them"

    static func register(on router: Router<BasicRequestContext>, hub: ViewerHub, hasToken: Bool) {
        router.post(RouterPath(path)) { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: maxBodyBytes)
            let hello: ViewerMessage
            do {
                hello = try ViewerMessage.parse(body.readableBytesView)
            } catch {
                throw APIError(status: 400, message: "\(error)")
            }
            let outbox = StreamOutbox()
            let session = hub.open(hello: hello, outbox: outbox, commandsRefusal: hasToken ? nil : commandsNeedAToken)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                defer { session?.closed() }
                for await line in outbox.lines {
                    try await writer.write(ByteBuffer(string: "data: " + line + "\n\n"))
                    outbox.sent()
                }
                try await writer.finish(nil)
            })
        }
        router.post(RouterPath(path + "/sessions/:session")) { request, context -> Response in
            guard let name = context.parameters.get("session"), let session = hub.session(id: name) else {
                throw APIError(status: 404, message: "no such viewer session: it ended, or the engine restarted")
            }
            var request = request
            let body = try await request.collectBody(upTo: maxBodyBytes)
            session.receive(body.readableBytesView)
            return Response(status: .accepted)
        }
    }
}

/// A viewer's messages onto its HTTP event stream: a queue the response body drains.
/// Backed up while more than `maxQueued` messages wait for the viewer to read them.
final class StreamOutbox: ViewerOutbox {
    static let maxQueued = 4
    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let queued = Atomic<Int>(0)

    init() {
        (lines, continuation) = AsyncStream.makeStream(of: String.self)
    }

    func send(_ line: String) {
        queued.add(1, ordering: .relaxed)
        continuation.yield(line)
    }

    /// One message went out.
    func sent() {
        queued.subtract(1, ordering: .relaxed)
    }

    var isBackedUp: Bool { queued.load(ordering: .relaxed) > Self.maxQueued }

    func close() {
        continuation.finish()
    }
}
