import Dispatch
import FlowCore
import Synchronization
import Threading

/// One connection from a viewer to an engine, with blocking calls: the event socket, or
/// the HTTP API's event stream. `receive()` is called by one thread only; `send` and
/// `close` from any.
public protocol ViewerConnection: AnyObject, Sendable {
    /// Sends one message (a JSON object without its newline).
    func send(_ line: String) throws
    /// The next message from the engine; throws once the connection is gone, or when
    /// nothing came for the connection's timeout (an engine sends at least one a second).
    func receive() throws -> [UInt8]
    /// Ends the connection; a `receive()` blocked in another thread returns with an error.
    func close()
}

/// Opens connections to one engine.
public protocol ViewerDialer: Sendable {
    /// The engine's address in words: the socket path or the URL.
    var target: String { get }
    /// Connects, sends `hello` and returns the connection (the engine's answer is read
    /// with `receive()`).
    func dial(hello: ViewerMessage) throws -> any ViewerConnection
}

/// Where a viewer stands with its engine, for the header and the "unreachable" banner.
public enum LinkState: Sendable, Equatable {
    /// Trying the first time.
    case connecting(target: String)
    /// Attached: snapshots arrive.
    case attached(EngineIdentity, target: String, viewers: Int)
    /// Lost (or never reached) since `since` (the viewer's clock); retrying every
    /// `EngineLink.retryMillis`. `reason` says why in words.
    case unreachable(target: String, since: EpochMillis, reason: String)
}

/// A viewer's link to its engine: connects, keeps a `ViewerStream` of snapshots, sends
/// view changes and commands, and reconnects by itself when the engine goes and comes
/// back. Runs on a thread of its own ("flowtop-link"); the frame loop reads it without
/// waiting (`take()`, `state`), except for commands, which wait for their outcome at most
/// `commandTimeoutMillis`.
///
/// ```swift
/// let link = EngineLink(dialer: UnixViewerDialer(path: path), user: "alice", clock: WallClock())
/// link.start(query: SnapshotQuery())
/// link.request(query)                 // a new view: sent if it differs
/// if let snapshot = link.take() { draw(snapshot) }
/// let outcome = link.execute(.acknowledge(fingerprint: fp, alert: name))
/// link.stop()
/// ```
public final class EngineLink: Sendable {
    /// Between two attempts to reach a lost engine.
    public static let retryMillis = 1000
    public static let commandTimeoutMillis = 3000

    private struct Shared {
        var state: LinkState
        var query = SnapshotQuery()
        /// The query the engine has; nil before the hello.
        var sentQuery: SnapshotQuery?
        var ready: EngineSnapshot?
        var connection: (any ViewerConnection)?
        var outcomes: [Int64: ViewerOutcome] = [:]
        var nextCommandID: Int64 = 1
        var stopped = false
    }

    public let dialer: any ViewerDialer
    private let user: String
    private let clock: any EngineClock
    private let shared: Mutex<Shared>
    private let outcomeArrived = DispatchSemaphore(value: 0)
    private let retryWait = DispatchSemaphore(value: 0)

    public init(dialer: any ViewerDialer, user: String, clock: any EngineClock) {
        self.dialer = dialer
        self.user = user
        self.clock = clock
        shared = Mutex(Shared(state: .connecting(target: dialer.target)))
    }

    public var state: LinkState { shared.withLock { $0.state } }

    /// Starts the link's thread, asking for `query`'s snapshots.
    public func start(query: SnapshotQuery) {
        shared.withLock { $0.query = query }
        startThread(named: "flowtop-link") { [self] in run() }
    }

    /// Ends the link: closes the connection, and the thread ends soon after. Never waits.
    public func stop() {
        let connection = shared.withLock { shared in
            shared.stopped = true
            return shared.connection
        }
        connection?.close()
        retryWait.signal()
        outcomeArrived.signal()
    }

    /// Asks for snapshots of `query` from now on; sends it only when it changed.
    public func request(_ query: SnapshotQuery) {
        let send: (any ViewerConnection)? = shared.withLock { shared in
            shared.query = query
            guard let connection = shared.connection, shared.sentQuery != nil, shared.sentQuery != query else { return nil }
            shared.sentQuery = query
            return connection
        }
        guard let send, let tree = try? SnapshotCoding.encodeQuery(query) else { return }
        var message = ViewerMessage(type: .view)
        message.view = tree
        if let line = try? message.line() { try? send.send(line) }
    }

    /// The newest snapshot since the last `take`, if any.
    public func take() -> EngineSnapshot? {
        shared.withLock { shared in
            defer { shared.ready = nil }
            return shared.ready
        }
    }

    /// Sends `command` and waits for its outcome, at most `commandTimeoutMillis`.
    public func execute(_ command: ViewerCommand) -> ViewerOutcome {
        let (connection, id) = shared.withLock { shared in
            defer { shared.nextCommandID += 1 }
            shared.outcomes.removeAll()   // answers to commands that timed out: nobody waits for them
            return (shared.connection, shared.nextCommandID)
        }
        guard let connection else {
            return .refused("not done: the engine at \(dialer.target) is unreachable")
        }
        var message = ViewerMessage(type: .command)
        message.id = id
        message.command = command
        do {
            try connection.send(try message.line())
        } catch {
            return .refused("not done: the engine at \(dialer.target) is unreachable (\(error))")
        }
        let deadline = DispatchTime.now() + .milliseconds(Self.commandTimeoutMillis)
        while true {
            if let outcome = shared.withLock({ $0.outcomes.removeValue(forKey: id) }) { return outcome }
            if shared.withLock({ $0.stopped }) || outcomeArrived.wait(timeout: deadline) == .timedOut {
                return .refused("the engine did not answer within \(Self.commandTimeoutMillis / 1000) s: "
                                + "it may or may not have done it; look again in a moment")
            }
        }
    }

    /// One message into the stream.
    private static func read(_ bytes: [UInt8], into stream: inout ViewerStream)
        -> Result<ViewerStream.Event?, ViewerProtocolError> {
        do throws(ViewerProtocolError) {
            return .success(try stream.take(try ViewerMessage.parse(bytes)))
        } catch {
            return .failure(error)
        }
    }

    private func run() {
        var stream = ViewerStream()
        while !shared.withLock({ $0.stopped }) {
            let failure: String
            do {
                try attachOnce(&stream)
                failure = "the engine closed the connection"
            } catch {
                failure = "\(error)"
            }
            let stopped = shared.withLock { shared in
                shared.connection = nil
                shared.sentQuery = nil
                // Since the first failure; the reason is the latest (a refused token, then a timeout).
                var since = clock.now()
                if case .unreachable(_, let first, _) = shared.state { since = first }
                shared.state = .unreachable(target: dialer.target, since: since, reason: failure)
                return shared.stopped
            }
            if stopped { return }
            _ = retryWait.wait(timeout: .now() + .milliseconds(Self.retryMillis))
        }
    }

    /// Connects, says hello with the current view, then reads messages until the
    /// connection ends (throws why).
    private func attachOnce(_ stream: inout ViewerStream) throws {
        stream.reset()
        let query = shared.withLock { $0.query }
        let hello = ViewerMessage.hello(user: user, want: .stream, view: try SnapshotCoding.encodeQuery(query))
        let connection = try dialer.dial(hello: hello)
        defer { connection.close() }
        let stopped = shared.withLock { shared in
            shared.connection = connection
            shared.sentQuery = query
            return shared.stopped
        }
        if stopped { return }
        var identity: EngineIdentity?
        while true {
            let bytes = try connection.receive()
            let event: ViewerStream.Event?
            switch Self.read(bytes, into: &stream) {
            case .success(let taken):
                event = taken
            case .failure(.outOfStep):
                try connection.send(try ViewerMessage(type: .resync).line())
                continue
            case .failure(let error):
                throw error
            }
            switch event {
            case .welcome(let engine, _)?:
                identity = engine
            case .snapshot(let snapshot, let viewers)?:
                let query = shared.withLock { shared in
                    shared.ready = snapshot
                    if let identity { shared.state = .attached(identity, target: dialer.target, viewers: viewers) }
                    return shared.query
                }
                request(query)   // a view chosen while the hello was on its way
            case .outcome(let id, let outcome)?:
                shared.withLock { $0.outcomes[id] = outcome }
                outcomeArrived.signal()
            case .status?, nil:
                break
            }
        }
    }
}
