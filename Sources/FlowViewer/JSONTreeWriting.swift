import FlowFormats

/// `JSONTree` to compact text: no spaces, object keys sorted (as Swift orders strings),
/// strings through FlowFormats' one escaper (`appendJSONString`) and numbers in its one
/// format (`JSONValue.format`: `4800` not `4800.0`, `1e-05`, non-finite as `null`). The
/// same tree always gives the same bytes, so sizes can be compared and tests can read
/// them as text.
///
/// ```swift
/// JSONTree.object(["b": .array([.int(1), .null]), "a": .string("x/y")]).jsonData()
/// // {"a":"x/y","b":[1,null]} as UTF-8
/// ```
extension JSONTree {
    /// The compact text, UTF-8.
    public func jsonData() -> [UInt8] {
        Array(jsonText().utf8)
    }

    /// The compact text.
    public func jsonText() -> String {
        var out = ""
        _ = write(to: &out, limit: .max)
        return out
    }

    /// Appends the compact text to `out`, giving up (and returning false) as soon as `out`
    /// holds more than `limit` UTF-8 bytes: a size check need not write a large tree whole.
    @discardableResult
    func write(to out: inout String, limit: Int) -> Bool {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .double(let value): out += JSONValue.format(value)
        case .string(let value): appendJSONString(value, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                guard item.write(to: &out, limit: limit) else { return false }
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                appendJSONString(key, to: &out)
                out += ":"
                guard members[key, default: .null].write(to: &out, limit: limit) else { return false }
            }
            out += "}"
        }
        return out.utf8.count <= limit
    }

    /// Bytes of the compact text, or some number above `limit` once it is clear the text
    /// is longer (reading no further than that).
    func encodedSize(limit: Int) -> Int {
        var out = ""
        _ = write(to: &out, limit: limit)
        return out.utf8.count
    }
}
