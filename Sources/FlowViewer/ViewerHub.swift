import Dispatch
import FlowCore
import FlowFormats
import Foundation
import Synchronization
import Threading

/// The engine's side of the viewer protocol: every attached viewer's session, and the one
/// thread that pushes them snapshots.
///
/// Cost per viewer: a round runs every `roundMillis`, and pushes to a viewer when the
/// engine's clock entered a new second since its last push, or something asked for it
/// (its view changed, any viewer's command changed the engine, it asked to resync).
/// Viewers that watch the same query share one snapshot and its JSON tree, and viewers
/// that hold the same earlier snapshot share one encoded patch; so twenty viewers of the
/// default view cost one snapshot, one diff and one encoding a second (docs/benchmarks.md).
/// A viewer whose connection is backed up is skipped; its next patch covers the gap.
///
/// ```swift
/// let hub = ViewerHub(host: host, identity: EngineIdentity(role: "serve", pid: getpid(), startedAt: now, socket: path))
/// hub.start()
/// if let session = hub.open(hello: hello, outbox: outbox) { ... session.receive(line) ... }
/// hub.stop()
/// ```
public final class ViewerHub: Sendable {
    public let host: EngineHost
    public let identity: EngineIdentity
    /// Adds what the engine does not know to each snapshot (the notifiers' statuses).
    private let decorate: @Sendable (inout EngineSnapshot) -> Void
    private let shared = Mutex(Shared())
    private let wakeSignal = DispatchSemaphore(value: 0)
    /// How often the push thread looks (milliseconds).
    public static let roundMillis = 200

    struct Shared {
        var sessions: [ViewerSession] = []
        /// Status requests waiting for the push thread.
        var statusRequests: [any ViewerOutbox] = []
        var stopped = false
        var started = false
        /// Numbers the snapshots pushed, across sessions: equal numbers are equal trees.
        var nextSeq: Int64 = 1
        var changed = false
    }

    public init(host: EngineHost, identity: EngineIdentity,
                decorate: @escaping @Sendable (inout EngineSnapshot) -> Void = { _ in }) {
        self.host = host
        self.identity = identity
        self.decorate = decorate
    }

    /// Viewers attached now.
    public var count: Int { shared.withLock { $0.sessions.count } }

    /// Answers a viewer's hello: a stream gets `welcome` and a session (its snapshots follow
    /// from the push thread); a status request gets one `status` message and the outbox
    /// closes; another protocol version, or anything else, gets an `error` and closes.
    /// Returns the session for the transport to hand the viewer's next messages to.
    ///
    /// `commandsRefusal`, when given, is what this viewer's commands get instead of being
    /// carried out (a viewer that may only look).
    public func open(hello: ViewerMessage, outbox: any ViewerOutbox, commandsRefusal: String? = nil) -> ViewerSession? {
        func refuse(_ message: ViewerMessage) -> ViewerSession? {
            if let line = try? message.line() { outbox.send(line) }
            outbox.close()
            return nil
        }
        guard hello.type == .viewerHello else {
            return refuse(.failure("not_a_viewer", "the first message of a viewer is viewer_hello"))
        }
        guard hello.protocol == ViewerMessage.protocolVersion else {
            let theirs = hello.protocol.map(String.init) ?? "none"
            return refuse(.failure(
                "protocol_version",
                "this engine (pid \(identity.pid)) speaks viewer protocol \(ViewerMessage.protocolVersion), "
                    + "the viewer \(theirs): run the same flowtop version as the engine"))
        }
        if hello.want == .status {
            shared.withLock { $0.statusRequests.append(outbox) }
            wake()
            return nil
        }
        let query = hello.view.flatMap { try? SnapshotCoding.decodeQuery($0) } ?? SnapshotQuery()
        let session = ViewerSession(id: UUID().uuidString.lowercased(), user: hello.user ?? "viewer", query: query,
                                    outbox: outbox, hub: self, commandsRefusal: commandsRefusal)
        // The welcome goes out before the push thread can see the session, so it is always
        // the first message (an HTTP viewer needs its session's name before anything else).
        var welcome = ViewerMessage(type: .welcome)
        welcome.protocol = ViewerMessage.protocolVersion
        welcome.engine = identity
        welcome.session = session.id
        session.send(welcome)
        shared.withLock { $0.sessions.append(session) }
        wake()
        return session
    }

    /// The session named `id` (an HTTP viewer's later messages), if still attached.
    public func session(id: String) -> ViewerSession? {
        shared.withLock { $0.sessions.first { $0.id == id } }
    }

    func remove(_ session: ViewerSession) {
        shared.withLock { $0.sessions.removeAll { $0 === session } }
    }

    /// The engine changed in a way every viewer should see now (a command, from a viewer
    /// or from the dashboard holding the engine).
    public func changed() {
        shared.withLock { $0.changed = true }
        wake()
    }

    func wake() { wakeSignal.signal() }

    /// Starts the push thread ("flowtop-viewers"), once.
    public func start() {
        let first = shared.withLock { shared in
            defer { shared.started = true }
            return !shared.started
        }
        guard first else { return }
        startThread(named: "flowtop-viewers") { [self] in run() }
    }

    /// Ends the push thread and closes every viewer's connection.
    public func stop() {
        let sessions = shared.withLock { shared in
            shared.stopped = true
            defer { shared.sessions.removeAll() }
            return shared.sessions
        }
        for session in sessions { session.outbox.close() }
        wake()
    }

    private func run() {
        while true {
            // With nobody attached it sleeps until someone is (`open` wakes it): an idle
            // engine pays nothing for the viewers it could have.
            if shared.withLock({ $0.sessions.isEmpty && $0.statusRequests.isEmpty }) {
                wakeSignal.wait()
            } else {
                _ = wakeSignal.wait(timeout: .now() + .milliseconds(Self.roundMillis))
            }
            if shared.withLock({ $0.stopped }) { return }
            round()
        }
    }

    /// One round: status answers, then a snapshot per distinct query among the viewers
    /// due, pushed to each as a patch against what it holds (or whole, the first time).
    func round() {
        let now = host.clock.now()
        let second = now / 1000
        let (sessions, statusRequests, changed) = shared.withLock { shared in
            defer {
                shared.statusRequests.removeAll()
                shared.changed = false
            }
            return (shared.sessions, shared.statusRequests, shared.changed)
        }
        if !statusRequests.isEmpty { answerStatus(statusRequests) }
        var groups: [(query: SnapshotQuery, sessions: [ViewerSession])] = []
        for session in sessions where !session.outbox.isBackedUp {
            let (query, due) = session.state.withLock { state in
                (state.query, changed || state.force || state.pushedSecond != second)
            }
            guard due else { continue }
            if let i = groups.firstIndex(where: { $0.query == query }) {
                groups[i].sessions.append(session)
            } else {
                groups.append((query, [session]))
            }
        }
        let viewers = sessions.count
        for group in groups {
            var snapshot = host.snapshot(group.query)
            decorate(&snapshot)
            guard let tree = try? SnapshotCoding.encode(snapshot) else { continue }
            let seq = shared.withLock { shared in
                defer { shared.nextSeq += 1 }
                return shared.nextSeq
            }
            var patches: [Int64: String] = [:]
            var whole: String?
            for session in group.sessions {
                let held = session.state.withLock { state -> (seq: Int64, tree: JSONValue)? in
                    guard state.query == group.query else { return nil }   // changed meanwhile: next round
                    defer {
                        state.held = (seq, tree)
                        state.force = false
                        state.pushedSecond = second
                    }
                    return state.held ?? (0, .null)
                }
                guard let held else { continue }
                let line: String?
                if held.seq == 0 {
                    if whole == nil {
                        var message = ViewerMessage(type: .snapshot)
                        message.seq = seq
                        message.snapshot = tree
                        message.viewers = viewers
                        whole = try? message.line()
                    }
                    line = whole
                } else if let cached = patches[held.seq] {
                    line = cached
                } else {
                    var message = ViewerMessage(type: .patch)
                    message.seq = seq
                    message.base = held.seq
                    message.ops = JSONPatch.diff(from: held.tree, to: tree)
                    message.viewers = viewers
                    line = try? message.line()
                    patches[held.seq] = line
                }
                if let line { session.outbox.send(line) }
            }
        }
    }

    private func answerStatus(_ outboxes: [any ViewerOutbox]) {
        var snapshot = host.snapshotWithoutLeads(SnapshotQuery())
        decorate(&snapshot)
        var message = ViewerMessage(type: .status)
        message.protocol = ViewerMessage.protocolVersion
        message.engine = identity
        message.status = EngineStatusLine(snapshot)
        message.viewers = count
        let line = try? message.line()
        for outbox in outboxes {
            if let line { outbox.send(line) }
            outbox.close()
        }
    }
}
