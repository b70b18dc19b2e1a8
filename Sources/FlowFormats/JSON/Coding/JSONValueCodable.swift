/// A tree inside a `Codable` value: a field that holds a document as it is (a viewer
/// message's snapshot, a patch operation's value).
///
/// Through the tree coder it passes whole, with no copy and no guessing. Through any other
/// coder it is read by trying each kind in turn (null, a Boolean, `Int64`, `UInt64`,
/// `Double`, a string, an array, an object), the first that fits, which is also how the
/// parser decides; an object's members come in the order that decoder lists its keys.
/// A non-finite `.number` is encoded as null, as it is written.
///
/// ```swift
/// struct Envelope: Codable { var type: String; var body: JSONValue }
/// try JSONTreeDecoder().decode(Envelope.self, from: tree).body   // the subtree itself
/// ```
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? TreeDecoder {
            self = tree.node
            return
        }
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
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            let object = try decoder.container(keyedBy: JSONCodingKey.self)
            self = .object(try object.allKeys.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let tree = encoder as? TreeEncoder {
            tree.slot = .value(self)
            return
        }
        switch self {
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let members):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, value) in members { try container.encode(value, forKey: JSONCodingKey(stringValue: key)) }
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .bool(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .uint(let value): try container.encode(value)
            case .number(let value) where value.isFinite: try container.encode(value)
            case .string(let value): try container.encode(value)
            default: try container.encodeNil()
            }
        }
    }
}
