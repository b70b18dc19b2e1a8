import FlowCore
import FlowFormats

/// The viewer protocol (docs/viewers.md): how a dashboard that does not hold the engine
/// watches one that does. One JSON object per message: one per line on the event socket
/// (after the viewer's `viewer_hello` line), one per server-sent event over HTTP.
///
/// Why one flat type with optional fields rather than an enum per direction: the wire
/// form is a flat object with a `type`, which is what a reader of docs/viewers.md sees and
/// what another client writes; one `Codable` struct says exactly that.
///
/// ```swift
/// let hello = ViewerMessage.hello(user: "alice", want: .stream, view: try SnapshotCoding.encodeQuery(query))
/// connection.send(line: try hello.line())
/// let answer = try ViewerMessage.parse(line)        // .welcome, then .snapshot, then .patch...
/// ```
public struct ViewerMessage: Codable, Sendable, Equatable {
    /// The protocol this build speaks. A viewer of another version gets an `error` message
    /// with code `protocol_version` naming both, and the connection closes.
    public static let protocolVersion = 1

    /// What a message is; the other fields that matter depend on it (docs/viewers.md).
    public enum Kind: String, Codable, Sendable {
        // viewer -> engine
        case viewerHello = "viewer_hello", view, command, resync
        // engine -> viewer
        case welcome, error, snapshot, patch, outcome, status
    }

    /// What a viewer asks for in its hello: a stream of snapshots, or one status line.
    public enum Want: String, Codable, Sendable {
        case stream, status
    }

    public var type: Kind
    /// `viewer_hello`: the protocol the viewer speaks; `welcome`, `error`: the engine's.
    public var `protocol`: Int?
    /// `viewer_hello`: the program and its version, for the engine's log.
    public var client: String?
    /// `viewer_hello`: who acknowledges and silences through this viewer.
    public var user: String?
    public var want: Want?
    /// `viewer_hello`, `view`: the view state's query (`SnapshotQuery` as JSON).
    public var view: JSONValue?
    /// `command`, `outcome`: the viewer's number for a command, echoed in its outcome.
    public var id: Int64?
    public var command: ViewerCommand?
    public var outcome: ViewerOutcome?
    /// `welcome`: the engine the viewer is attached to.
    public var engine: EngineIdentity?
    /// `error`: a stable code (`protocol_version`, `bad_message`, `not_a_viewer`) and words for people.
    public var code: String?
    public var message: String?
    /// `snapshot`, `patch`: this message's number; `patch`: the one it applies to.
    public var seq: Int64?
    public var base: Int64?
    /// `snapshot`: the whole `EngineSnapshot` as JSON.
    public var snapshot: JSONValue?
    /// `patch`: RFC 6902 operations that turn snapshot `base` into snapshot `seq`.
    public var ops: [PatchOperation]?
    /// `status`: the one-line summary `flowtop status` prints.
    public var status: EngineStatusLine?
    /// `snapshot`, `patch`: viewers attached to the engine now, this one included.
    public var viewers: Int?
    /// `welcome`: the session's name, which an HTTP viewer's later messages carry in their path.
    public var session: String?

    public init(type: Kind) {
        self.type = type
    }

    /// A viewer's first message.
    public static func hello(user: String, want: Want, view: JSONValue?, client: String = "flowtop") -> ViewerMessage {
        var message = ViewerMessage(type: .viewerHello)
        message.protocol = protocolVersion
        message.client = client
        message.user = user
        message.want = want
        message.view = view
        return message
    }

    /// An `error` message.
    public static func failure(_ code: String, _ text: String) -> ViewerMessage {
        var message = ViewerMessage(type: .error)
        message.protocol = protocolVersion
        message.code = code
        message.message = text
        return message
    }

    /// The message as one line of JSON, without the newline: compact, keys sorted, absent
    /// fields left out. The fields that hold documents (`snapshot`, `view`, the patch's
    /// operations' values) are trees already and go into the line as they are.
    public func line() throws -> String {
        try Self.encoder.encode(self).rendered(.compact)
    }

    /// Reads one message; throws `ViewerProtocolError.badMessage` for anything else. Any
    /// valid JSON object of the protocol is read, whatever its layout and key order.
    public static func parse(_ bytes: some Collection<UInt8>) throws(ViewerProtocolError) -> ViewerMessage {
        do {
            return try JSONTreeDecoder().decode(ViewerMessage.self, from: JSONValue.parse(Array(bytes)))
        } catch {
            throw .badMessage("not a viewer message: \(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription)")
        }
    }

    private static let encoder = JSONTreeEncoder(keyOrder: .sorted)
}

/// What went wrong between a viewer and its engine, in words for the person watching.
public enum ViewerProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A message that is not JSON, or not one of docs/viewers.md's.
    case badMessage(String)
    /// The other side speaks another protocol version.
    case version(mine: Int, theirs: Int, detail: String)
    /// The engine said no (its `error` message).
    case refused(code: String, message: String)
    /// A patch that does not apply to the snapshot held: ask for the whole snapshot again.
    case outOfStep(String)

    public var description: String {
        switch self {
        case .badMessage(let text): text
        case .version(_, _, let detail): detail
        case .refused(_, let message): message
        case .outOfStep(let text): text
        }
    }
}

/// The engine a viewer is attached to, as its `welcome` says.
public struct EngineIdentity: Codable, Sendable, Equatable {
    /// `serve`, or `dashboard` for a dashboard holding the engine.
    public var role: String
    public var pid: Int32
    /// When the engine started (its clock's epoch milliseconds).
    public var startedAt: EpochMillis
    /// The event socket it listens on.
    public var socket: String

    public init(role: String, pid: Int32, startedAt: EpochMillis, socket: String) {
        self.role = role
        self.pid = pid
        self.startedAt = startedAt
        self.socket = socket
    }

    enum CodingKeys: String, CodingKey {
        case role, pid, socket
        case startedAt = "started_at"
    }
}
