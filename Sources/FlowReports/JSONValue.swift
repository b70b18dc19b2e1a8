import FlowWire
/// A JSON value whose objects keep their keys in the order given, so reports serialize
/// the same way every time (Foundation's encoder orders keys only alphabetically, and
/// prints floating point numbers in its own way).
///
/// ```swift
/// JSONValue.object([("name", .string("ai")), ("sli", .number(0.999))]).serialized()
/// // {\n  "name": "ai",\n  "sli": 0.999\n}
/// ```
public indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Non-finite numbers are written as null.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// An optional number, null when absent.
    public static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    /// Pretty-printed with two-space indents.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += JSONValue.format(d)
        case .string(let s): FlowWire.appendJSONString(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                FlowWire.appendJSONString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 2)
                out += i == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Shortest round-trip form; integral values without a fraction (`4800`, not `4800.0`).
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
