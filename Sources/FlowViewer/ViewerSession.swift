import FlowCore
import FlowFormats
import Synchronization

/// Where one viewer's messages go: the event-socket connection or the HTTP event stream
/// it came in on. Implementations must be callable from any thread.
public protocol ViewerOutbox: Sendable {
    /// Queues one message (a JSON object, without a newline; the transport frames it).
    func send(_ line: String)
    /// Output the viewer has not taken yet is above the transport's bound: the hub sends
    /// this viewer nothing new until it drains (the next patch then covers the gap).
    var isBackedUp: Bool { get }
    /// Ends the connection once what was queued is out.
    func close()
}

/// One attached viewer on the engine's side: its view (the query its snapshots answer),
/// the snapshot it holds (so the next message can be a patch against it), and its
/// commands. Messages after the hello arrive through `receive(_:)` on the transport's
/// thread; the hub's thread pushes snapshots. State sits in one `Mutex`.
public final class ViewerSession: Sendable {
    struct State {
        var query: SnapshotQuery
        /// The tree this viewer holds and its number, once it has one.
        var held: (seq: Int64, tree: JSONValue)?
        /// Send at the next round whatever the clock says (a new view, a command, a resync).
        var force = true
        /// The engine second of the last push: a new second brings a new snapshot.
        var pushedSecond: Int64?
    }

    /// Unguessable: an HTTP viewer's later messages name their session with it.
    public let id: String
    /// Who acknowledges and silences through this viewer (its hello's `user`).
    public let user: String
    /// Whether this viewer may change the engine: not over an HTTP API anyone on the
    /// machine can reach (loopback without a token), where a viewer may only look.
    public let commandsRefusal: String?
    let outbox: any ViewerOutbox
    let state: Mutex<State>
    private weak let hub: ViewerHub?

    init(id: String, user: String, query: SnapshotQuery, outbox: any ViewerOutbox, hub: ViewerHub,
         commandsRefusal: String? = nil) {
        self.id = id
        self.user = user
        self.commandsRefusal = commandsRefusal
        self.outbox = outbox
        self.hub = hub
        state = Mutex(State(query: query))
    }

    /// One message from the viewer. A message that is not one of the protocol's is answered
    /// with an `error` (code `bad_message`) and otherwise ignored: the viewer keeps its view.
    public func receive(_ bytes: some Collection<UInt8>) {
        let message: ViewerMessage
        do {
            message = try ViewerMessage.parse(bytes)
        } catch {
            send(.failure("bad_message", error.description))
            return
        }
        switch message.type {
        case .view:
            guard let tree = message.view, let query = try? SnapshotCoding.decodeQuery(tree) else {
                send(.failure("bad_message", "a view message needs a view (a snapshot query)"))
                return
            }
            state.withLock {
                $0.query = query
                $0.force = true
            }
            hub?.wake()
        case .resync:
            state.withLock {
                $0.held = nil
                $0.force = true
            }
            hub?.wake()
        case .command:
            guard let command = message.command else {
                send(.failure("bad_message", "a command message needs a command"))
                return
            }
            var answer = ViewerMessage(type: .outcome)
            answer.id = message.id
            if let commandsRefusal {
                answer.outcome = .refused(commandsRefusal)
            } else {
                answer.outcome = hub.map { command.execute(on: $0.host, author: user) }
                    ?? .refused("the engine is stopping")
            }
            send(answer)
            hub?.changed()
        default:
            send(.failure("bad_message", "a viewer does not send \(message.type.rawValue) messages"))
        }
    }

    /// The viewer went away (its connection closed): the hub forgets it.
    public func closed() {
        hub?.remove(self)
    }

    func send(_ message: ViewerMessage) {
        guard let line = try? message.line() else { return }
        outbox.send(line)
    }
}
