import Foundation

/// A JSON document as a plain value: what a remote viewer receives, and what `JSONPatch`
/// compares and patches. Numbers keep their kind, so 64-bit integers (fingerprints, epoch
/// milliseconds) stay exact instead of passing through a `Double`.
///
/// Why not FlowFormats' `JSONValue`: that one is for writing documents in a given key
/// order and has no way back from text; a patch needs objects looked up by key, exact
/// unsigned integers, and a parser. The text this tree writes still goes through
/// FlowFormats' one string escaper and number format (`jsonData()`).
///
/// Reading takes the first kind that fits: null, a Boolean, `Int64`, `UInt64`, `Double`,
/// a string, an array, an object. A number is an integer when its value is one, whatever
/// its spelling (`2`, `2.0`, `2e0` are all `.int(2)`), as `JSONDecoder` decides too; so
/// the reader normalizes, and a tree that came from `parse` writes and parses back to
/// itself. `Codable` reads the same through `JSONDecoder`; `parse` is the fast way from text.
///
/// ```swift
/// let tree = try JSONTree.parse(Array(#"{"at":1795996800000,"sli":0.999}"#.utf8))
/// tree == .object(["at": .int(1_795_996_800_000), "sli": .double(0.999)])   // true
/// String(decoding: tree.jsonData(), as: UTF8.self)   // {"at":1795996800000,"sli":0.999}
/// ```
public enum JSONTree: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Only for integers above `Int64.max`: below it, `.int`.
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .uint(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .uint(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
