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

    public var accepted: Int64
    public var rejected: Int64
    /// True once accepted events are also written to a durable store; flowtop keeps none yet.
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

    /// The wire form: one JSON object and its `\n`, fields in the order EVENTS.md shows.
    ///
    /// Laid out by hand around FlowFormats' one string escaper rather than built as a
    /// `JSONValue`, because it is written on the event loop: one string, no intermediate
    /// tree. The bytes are those of `json.rendered(.compact)` (a test holds them equal).
    public var jsonLine: String {
        var out = "{\"type\":\"sync_ack\",\"accepted\":\(accepted),\"rejected\":\(rejected),\"durable\":\(durable),\"errors\":["
        for (i, error) in errors.enumerated() {
            if i > 0 { out += "," }
            out += "{\"line\":\(error.line),\"reason\":"
            appendJSONString(error.reason, to: &out)
            out += ",\"detail\":"
            appendJSONString(error.detail, to: &out)
            out += "}"
        }
        out += "]}\n"
        return out
    }

    /// The same object as a `JSONValue`: what `jsonLine` writes, for tests and readers.
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
