import FlowCore
import FlowFormats
import FlowWire

/// The one line flowtop writes back to a client, in answer to `{"type":"sync"}`
/// (EVENTS.md, "sync"): this connection's counts since it opened and its last rejections.
///
/// The server encodes it with `jsonLine` (no Foundation on the event loop); `SocketClient`
/// decodes it. Unknown fields are ignored when decoding, so later protocol additions
/// do not break older clients.
///
/// ```swift
/// let ack = try client.sync()
/// print("\(ack.accepted) accepted, \(ack.rejected) rejected")
/// for error in ack.errors { print("line \(error.line): \(error.reason) \(error.detail)") }
/// ```
public struct SyncAck: Sendable, Equatable, Decodable {
    /// One rejected line: its 1-based number on the connection, reason code and detail.
    public struct LineError: Sendable, Equatable, Decodable {
        public var line: Int64
        /// A reason code of EVENTS.md (`missing_field`, ...); kept as text so that a newer
        /// engine's codes still decode.
        public var reason: String
        public var detail: String

        public init(line: Int64, reason: String, detail: String) {
            self.line = line
            self.reason = reason
            self.detail = detail
        }

        public init(line: Int64, rejection: Rejection) {
            self.init(line: line, reason: rejection.reason.rawValue, detail: rejection.detail)
        }

        /// The reason as a typed code, nil for a code this build does not know.
        public var rejectReason: RejectReason? { RejectReason(rawValue: reason) }

        private enum CodingKeys: String, CodingKey { case line, reason, detail }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            line = try container.decode(Int64.self, forKey: .line)
            reason = try container.decode(String.self, forKey: .reason)
            detail = try container.decodeIfPresent(String.self, forKey: .detail) ?? ""
        }
    }

    /// The most errors one ack carries (the latest ones).
    public static let maxErrors = 20

    /// The reason of the error an ack carries when its events could not be made durable
    /// (`durable: false` from an engine that has a store): the detail says why.
    public static let notDurable = "not_durable"

    public var accepted: Int64
    public var rejected: Int64
    /// True when every event this ack counts is on stable storage (the engine's journal,
    /// fsync'd): no crash or power loss loses them. Always false for an engine that keeps
    /// nothing (`--ephemeral`, `--demo`).
    public var durable: Bool
    public var errors: [LineError]

    public init(accepted: Int64, rejected: Int64, durable: Bool = false, errors: [LineError] = []) {
        self.accepted = accepted
        self.rejected = rejected
        self.durable = durable
        self.errors = errors
    }

    private enum CodingKeys: String, CodingKey { case type, accepted, rejected, durable, errors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "sync_ack" else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "expected \"sync_ack\", got \"\(type)\"")
        }
        accepted = try container.decode(Int64.self, forKey: .accepted)
        rejected = try container.decode(Int64.self, forKey: .rejected)
        durable = try container.decodeIfPresent(Bool.self, forKey: .durable) ?? false
        errors = try container.decodeIfPresent([LineError].self, forKey: .errors) ?? []
    }

    /// The ack in one line of the wire (without or with its `\n`), read leniently as
    /// `init(from:)` says: unknown fields ignored, `durable` and `errors` optional.
    ///
    /// ```swift
    /// try SyncAck(line: Array(#"{"type":"sync_ack","accepted":5,"rejected":0}"#.utf8)).accepted   // 5
    /// ```
    public init(line: [UInt8]) throws {
        self = try JSONTreeDecoder().decode(SyncAck.self, from: JSONValue.parse(line))
    }

    /// The wire form: one JSON object and its `\n`, fields in the order EVENTS.md shows,
    /// written by FlowFormats' one JSON writer (compact style, no Foundation). An ack is
    /// written once per `sync` line, so building the small tree costs nothing that matters.
    public var jsonLine: String { json.rendered(.compact) + "\n" }

    /// The same object as a `JSONValue`: what `jsonLine` writes.
    public var json: JSONValue {
        .object([
            ("type", .string("sync_ack")), ("accepted", .int(accepted)), ("rejected", .int(rejected)),
            ("durable", .bool(durable)),
            ("errors", .array(errors.map {
                .object([("line", .int($0.line)), ("reason", .string($0.reason)), ("detail", .string($0.detail))])
            })),
        ])
    }
}
