import FlowWire

/// The JSON the HTTP notifiers send (Slack, PagerDuty, Alertmanager), written by hand.
///
/// Why not Foundation: `JSONSerialization` takes `[String: Any]`, orders keys differently
/// on Linux and macOS and turns `Bool` into a number on some paths; `JSONEncoder` needs a
/// `Codable` type per payload and writes doubles its own way. Here objects keep the order
/// they are written in, so a payload is the same bytes on every machine and tests compare
/// it as text. FlowNotify cannot use FlowWire's string writer (it depends only on
/// FlowCore), so the escaping (RFC 8259, section 7) is repeated here.
///
/// ```swift
/// PayloadJSON.object([("text", .string("hi")), ("n", .int(2))]).text   // {"text":"hi","n":2}
/// ```
indirect enum PayloadJSON: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Non-finite numbers are written as `null`.
    case number(Double)
    case string(String)
    case array([PayloadJSON])
    case object([(String, PayloadJSON)])

    static func == (a: PayloadJSON, b: PayloadJSON) -> Bool { a.text == b.text }

    /// An optional string, `null` when absent.
    static func string(_ value: String?) -> PayloadJSON { value.map(PayloadJSON.string) ?? .null }

    /// An object from a dictionary, keys sorted (labels, annotations).
    static func object(sorted dictionary: [String: String]) -> PayloadJSON {
        .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    /// Compact: no spaces, no newlines.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    var bytes: [UInt8] { Array(text.utf8) }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d):
            if !d.isFinite {
                out += "null"
            } else if d == d.rounded(), abs(d) < 1e15 {
                out += String(Int64(d))
            } else {
                out += "\(d)"
            }
        case .string(let s): appendJSONString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                appendJSONString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }
}
