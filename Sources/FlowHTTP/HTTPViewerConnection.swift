import AsyncHTTPClient
import Dispatch
import FlowCore
import FlowViewer
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Dials the viewer stream of a remote engine's HTTP API (`flowtop --connect URL`, e.g.
/// through an SSH port-forward): `POST /api/viewer/v1` with the hello, server-sent events
/// back; the viewer's later messages are POSTs to its session. The client side of
/// `ViewerRoutes`, kept beside it so the two ends of the transport change together.
///
/// ```swift
/// let dialer = HTTPViewerDialer(base: try HTTPViewerDialer.base(of: "http://127.0.0.1:8000/"), token: nil)
/// let link = EngineLink(dialer: dialer, user: "alice", clock: WallClock())
/// ```
public struct HTTPViewerDialer: ViewerDialer {
    let base: String
    let token: Secret?
    public var target: String { base }

    /// `base`: as `base(of:)` returns it; `token`: the bearer token of the engine's
    /// `--http-token-file`, if it has one.
    public init(base: String, token: Secret?) {
        self.base = base
        self.token = token
    }

    /// `url` without its trailing slashes, if it is `http://HOST:PORT` or
    /// `https://HOST:PORT` without a path (the engine's `--http` address); an error
    /// naming `--connect` otherwise.
    public static func base(of given: String) throws(UserFacingError) -> String {
        var url = given
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
              parsed.path.isEmpty || parsed.path == "/" else {
            throw UserFacingError("--connect wants http://HOST:PORT or https://HOST:PORT (the engine's --http address), not '\(given)'")
        }
        return url
    }

    public func dial(hello: ViewerMessage) throws -> any ViewerConnection {
        let connection = HTTPViewerConnection(base: base, token: token)
        try connection.open(hello: hello)
        return connection
    }
}

/// One viewer stream over HTTP, with the blocking calls `EngineLink` makes; the HTTP work
/// runs on AsyncHTTPClient's event loop and the cooperative pool, and hands messages over
/// through a queue.
final class HTTPViewerConnection: ViewerConnection {
    private struct State {
        var queue: [[UInt8]] = []
        var ended: String?
        var session: String?
        var reader: Task<Void, Never>?
    }

    private let base: String
    private let token: Secret?
    /// AsyncHTTPClient's process-wide client: a link that retries every second makes no
    /// client a try, and none has to be shut down from whatever thread drops the last reference.
    private let client = HTTPClient.shared
    private let state = Mutex(State())
    private let arrived = DispatchSemaphore(value: 0)
    /// Without a message for this long (the engine sends one a second), the engine is lost.
    static let receiveTimeoutSeconds: Int64 = 5

    init(base: String, token: Secret?) {
        self.base = base
        self.token = token
    }

    private func request(_ path: String, body: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer " + token.revealed) }
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }

    /// Posts the hello and starts reading the event stream; throws if the engine refuses
    /// (401 without a token, say) or cannot be reached.
    func open(hello: ViewerMessage) throws {
        let request = request("/api/viewer/v1", body: try hello.line())
        let opened = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        let (client, base) = (self.client, self.base)
        let task = Task { [self] in
            do {
                let response = try await client.execute(request, timeout: .seconds(5))
                guard response.status == .ok else {
                    let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
                    failure.withLock { $0 = Self.refusal(response.status, body: text, base: base, hadToken: token != nil) }
                    opened.signal()
                    return
                }
                opened.signal()
                var pending: [UInt8] = []
                for try await chunk in response.body {
                    pending.append(contentsOf: chunk.readableBytesView)
                    takeEvents(&pending)
                }
                end("the engine closed the stream")
            } catch {
                failure.withLock { $0 = $0 ?? "\(error)" }
                opened.signal()
                end("\(error)")
            }
        }
        state.withLock { $0.reader = task }
        guard opened.wait(timeout: .now() + .seconds(6)) == .success else {
            close()
            throw ViewerProtocolError.refused(code: "timeout", message: "no answer from \(base) within 6 s")
        }
        if let reason = failure.withLock({ $0 }) {
            close()
            throw ViewerProtocolError.refused(code: "http", message: reason)
        }
    }

    static func refusal(_ status: HTTPResponseStatus, body: String, base: String, hadToken: Bool) -> String {
        switch status.code {
        case 401:
            return hadToken ? "\(base) refused the token of --token-file (401)"
                : "\(base) wants a bearer token (401): give --token-file with the engine's --http-token-file token"
        case 404:
            return "\(base) has no viewer stream (404): is it a flowtop serve of this version?"
        default:
            let detail = body.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
            return "\(base) answered \(status.code)\(detail.isEmpty ? "" : ": \(detail)")"
        }
    }

    /// Splits server-sent events off `pending`: each event's `data:` line is one message.
    private func takeEvents(_ pending: inout [UInt8]) {
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = pending[..<newline]
            defer { pending.removeSubrange(...newline) }
            let prefix = Array("data: ".utf8)
            guard line.starts(with: prefix) else { continue }
            let message = Array(line.dropFirst(prefix.count))
            state.withLock { state in
                if state.session == nil, let parsed = try? ViewerMessage.parse(message), let session = parsed.session {
                    state.session = session
                }
                state.queue.append(message)
            }
            arrived.signal()
        }
    }

    private func end(_ reason: String) {
        state.withLock { $0.ended = $0.ended ?? reason }
        arrived.signal()
    }

    func receive() throws -> [UInt8] {
        let deadline = DispatchTime.now() + .seconds(Int(Self.receiveTimeoutSeconds))
        while true {
            let (next, ended): ([UInt8]?, String?) = state.withLock { state in
                if !state.queue.isEmpty { return (state.queue.removeFirst(), nil) }
                return (nil, state.ended)
            }
            if let next { return next }
            if let ended { throw ViewerProtocolError.refused(code: "closed", message: ended) }
            if arrived.wait(timeout: deadline) == .timedOut {
                throw ViewerProtocolError.refused(code: "timeout", message: "no message from \(base) for \(Self.receiveTimeoutSeconds) s")
            }
        }
    }

    func send(_ line: String) throws {
        guard let session = state.withLock({ $0.session }) else {
            throw ViewerProtocolError.refused(code: "no_session", message: "the engine has not welcomed this viewer yet")
        }
        let request = request("/api/viewer/v1/sessions/" + session, body: line)
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<String?>(nil)
        let (client, base, hadToken) = (self.client, self.base, token != nil)
        Task {
            do {
                let response = try await client.execute(request, timeout: .seconds(3))
                if response.status != .accepted {
                    let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
                    outcome.withLock { $0 = Self.refusal(response.status, body: text, base: base, hadToken: hadToken) }
                }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(4)) == .success else {
            throw ViewerProtocolError.refused(code: "timeout", message: "\(base) did not take a message within 4 s")
        }
        if let failure = outcome.withLock({ $0 }) { throw ViewerProtocolError.refused(code: "http", message: failure) }
    }

    func close() {
        let reader = state.withLock { state in
            state.ended = state.ended ?? "closed"
            return state.reader
        }
        reader?.cancel()
        arrived.signal()
    }
}
