/// What `TreeEncoder`'s containers fill: a value already made, or an object or array that
/// a container is still filling. A nested container and a super encoder are encoders of
/// their own, placed in their parent at once and read when the whole value is finished,
/// since they may be filled after their parent's next member.
///
/// ```swift
/// var outer = encoder.container(keyedBy: Keys.self)
/// var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .a)   // {"a": <filled later>}
/// ```
enum TreeSlot {
    case value(JSONValue)
    case object(TreeObject)
    case array(TreeArray)
    case encoder(TreeEncoder)

    func finished(sortingKeys: Bool) -> JSONValue {
        switch self {
        case .value(let value): return value
        case .object(let object): return object.finished(sortingKeys: sortingKeys)
        case .array(let array): return .array(array.items.map { $0.finished(sortingKeys: sortingKeys) })
        case .encoder(let encoder): return encoder.slot?.finished(sortingKeys: sortingKeys) ?? .object([])
        }
    }
}

final class TreeObject {
    var members: [(String, TreeSlot)] = []

    /// The members in the order asked for, one per key (the last value of a key encoded twice).
    func finished(sortingKeys: Bool) -> JSONValue {
        var list = members.map { ($0.0, $0.1.finished(sortingKeys: sortingKeys)) }
        guard sortingKeys else {
            var unique = ObjectMembers()
            for (key, value) in list { unique.set(key, value) }
            return .object(unique.list)
        }
        // Strictly increasing already (a type whose keys are declared in order): no key twice.
        if zip(list, list.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { return .object(list) }
        list.sort { $0.0 < $1.0 }
        guard zip(list, list.dropFirst()).contains(where: { $0.0 == $1.0 }) else { return .object(list) }
        // A key encoded twice (rare): which value came last is the encoded order's to say.
        var unique = ObjectMembers()
        for member in members { unique.set(member.0, member.1.finished(sortingKeys: true)) }
        return .object(unique.list.sorted { $0.0 < $1.0 })
    }
}

final class TreeArray {
    var items: [TreeSlot] = []
}

struct TreeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let object: TreeObject

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ key: Key, _ value: JSONValue) { object.members.append((key.stringValue, .value(value))) }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, try encoder.number(value, at: key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, try encoder.number(value, at: key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .int(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, TreeEncoder.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members.append((key.stringValue, try encoder.box(value, at: key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        superEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        superEncoder(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { place(JSONCodingKey.super) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { place(key) }

    private func place(_ key: any CodingKey) -> TreeEncoder {
        let nested = encoder.child(key)
        object.members.append((key.stringValue, .encoder(nested)))
        return nested
    }
}

struct TreeUnkeyedEncodingContainer: UnkeyedEncodingContainer, TreeLeafWriter {
    let encoder: TreeEncoder
    let array: TreeArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    /// The place of the next element, for its coding path.
    var next: (any CodingKey)? { JSONCodingKey(index: array.items.count) }

    mutating func put(_ value: JSONValue) { array.items.append(.value(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try encoder.box(value, at: JSONCodingKey(index: array.items.count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        superEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { superEncoder().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder {
        let nested = encoder.child(JSONCodingKey(index: array.items.count))
        array.items.append(.encoder(nested))
        return nested
    }
}

/// One value: encoding a second replaces the first, as the last word on this value.
struct TreeSingleValueEncodingContainer: SingleValueEncodingContainer, TreeLeafWriter {
    let encoder: TreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    /// An error's coding path is this value's own.
    var next: (any CodingKey)? { nil }

    mutating func put(_ value: JSONValue) { encoder.slot = .value(value) }

    /// The value encodes itself into this same encoder: a wrapper (an optional, a type
    /// whose whole form is one inner value) costs no encoder of its own.
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let tree = try encoder.primitive(value) {
            put(tree)
        } else {
            encoder.slot = nil
            try value.encode(to: encoder)
            if encoder.slot == nil { put(.object([])) }
        }
    }
}

/// The leaves an unkeyed and a single-value container write alike: each the next element
/// of an array, or the one value. These satisfy both protocols' requirements.
protocol TreeLeafWriter {
    var encoder: TreeEncoder { get }
    /// Where the value goes below `encoder`, for an error's coding path.
    var next: (any CodingKey)? { get }
    mutating func put(_ value: JSONValue)
}

extension TreeLeafWriter {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try encoder.number(value, at: next)) }
    mutating func encode(_ value: Float) throws { put(try encoder.number(value, at: next)) }
    mutating func encode(_ value: Int) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int8) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(.int(value)) }
    mutating func encode(_ value: UInt) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(TreeEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(TreeEncoder.integer(value)) }
}
