import FlowCore
import FlowFormats

/// A viewer's copy of the engine's snapshot, kept from the messages the engine sends:
/// the whole snapshot first, then patches. Pure: messages in, snapshots and outcomes out.
///
/// A patch whose `base` is not the snapshot held, or that does not apply, makes
/// `take(_:)` throw `outOfStep`: the viewer sends `resync` and the engine answers with the
/// whole snapshot again.
///
/// ```swift
/// var stream = ViewerStream()
/// switch try stream.take(try ViewerMessage.parse(line)) {
/// case .snapshot(let snapshot, let viewers): show(snapshot)
/// case .outcome(let id, let outcome): finish(id, outcome)
/// default: break
/// }
/// ```
public struct ViewerStream: Sendable {
    /// What a message meant.
    public enum Event: Sendable {
        case welcome(EngineIdentity, session: String?)
        /// A new snapshot (whole or patched) and the viewers attached now.
        case snapshot(EngineSnapshot, viewers: Int)
        case outcome(id: Int64, ViewerOutcome)
        case status(EngineStatusLine, EngineIdentity?)
    }

    /// The snapshot held, as the engine numbered it.
    public private(set) var seq: Int64?
    private var tree: JSONValue?

    public init() {}

    /// Forgets the snapshot held (a new connection starts from a whole one).
    public mutating func reset() {
        seq = nil
        tree = nil
    }

    public mutating func take(_ message: ViewerMessage) throws(ViewerProtocolError) -> Event? {
        switch message.type {
        case .welcome:
            guard message.protocol == ViewerMessage.protocolVersion, let engine = message.engine else {
                throw .version(mine: ViewerMessage.protocolVersion, theirs: message.protocol ?? 0,
                               detail: "the engine speaks viewer protocol \(message.protocol.map(String.init) ?? "?"), "
                                   + "this flowtop \(ViewerMessage.protocolVersion): run the same flowtop version as the engine")
            }
            return .welcome(engine, session: message.session)
        case .error:
            let code = message.code ?? "error"
            let text = message.message ?? "the engine refused the viewer"
            if code == "protocol_version" {
                throw .version(mine: ViewerMessage.protocolVersion, theirs: message.protocol ?? 0, detail: text)
            }
            if code == "bad_message" { return nil }   // said about one message of ours; the stream goes on
            throw .refused(code: code, message: text)
        case .snapshot:
            guard let whole = message.snapshot, let seq = message.seq else {
                throw .badMessage("a snapshot message without its snapshot")
            }
            return try settle(whole, seq: seq, viewers: message.viewers)
        case .patch:
            guard let held = tree, let seq = message.seq, message.base == self.seq else {
                throw .outOfStep("a patch for snapshot \(message.base ?? -1), but this viewer holds \(self.seq ?? -1)")
            }
            let patched: JSONValue
            do {
                patched = try JSONPatch.apply(message.ops ?? [], to: held)
            } catch {
                throw .outOfStep("a patch that does not apply: \(error)")
            }
            return try settle(patched, seq: seq, viewers: message.viewers)
        case .outcome:
            guard let id = message.id, let outcome = message.outcome else {
                throw .badMessage("an outcome message without its id or outcome")
            }
            return .outcome(id: id, outcome)
        case .status:
            guard let status = message.status else { throw .badMessage("a status message without its status") }
            return .status(status, message.engine)
        case .viewerHello, .view, .command, .resync:
            throw .badMessage("the engine sent a viewer's message (\(message.type.rawValue))")
        }
    }

    private mutating func settle(_ tree: JSONValue, seq: Int64, viewers: Int?) throws(ViewerProtocolError) -> Event {
        let snapshot: EngineSnapshot
        do {
            snapshot = try SnapshotCoding.decode(tree)
        } catch {
            reset()
            throw .outOfStep("a snapshot this flowtop cannot read: \(error)")
        }
        self.tree = tree
        self.seq = seq
        return .snapshot(snapshot, viewers: viewers ?? 1)
    }
}
