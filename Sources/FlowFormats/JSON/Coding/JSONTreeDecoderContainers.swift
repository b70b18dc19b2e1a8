/// An object's members by key, for `TreeDecoder`'s keyed container: a small object is
/// searched member by member (a few comparisons of short keys), a larger one through a
/// dictionary made once, when the first key is looked up.
///
/// ```swift
/// let container = try decoder.container(keyedBy: CodingKeys.self)
/// let x = try container.decode(Double.self, forKey: .x)   // the member "x", or keyNotFound
/// ```
struct TreeKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TreeDecoder
    let members: [(String, JSONValue)]
    /// Positions by key (the last member of a key), for objects above `scanLimit`.
    private let index: [String: Int]?
    private static var scanLimit: Int { 8 }

    init(decoder: TreeDecoder, members: [(String, JSONValue)]) {
        self.decoder = decoder
        self.members = members
        if members.count > Self.scanLimit {
            var index: [String: Int] = [:]
            index.reserveCapacity(members.count)
            for (i, member) in members.enumerated() { index[member.0] = i }
            self.index = index
        } else {
            index = nil
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.0) } }

    /// The member named by `key`; nil when there is none.
    private func value(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        if let index { return index[name].map { members[$0].1 } }
        return members.last { $0.0 == name }?.1
    }

    private func require(_ key: Key) throws -> JSONValue {
        guard let value = value(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    /// The member named by `key` unless it is absent or null.
    private func present(_ key: Key) -> JSONValue? {
        guard let value = value(key), !value.isNull else { return nil }
        return value
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(require(key), at: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(require(key), at: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(require(key), at: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.float(require(key), at: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(type, require(key), at: key)
    }

    private func integer<I: FixedWidthInteger>(_ key: Key) throws -> I { try decoder.integer(I.self, require(key), at: key) }

    // One lookup each, where the default implementations make three.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try decoder.bool($0, at: key) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try decoder.string($0, at: key) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try decoder.double($0, at: key) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map { try decoder.float($0, at: key) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try integerIfPresent(key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try decoder.unbox(type, $0, at: key) }
    }

    private func integerIfPresent<I: FixedWidthInteger>(_ key: Key) throws -> I? {
        try present(key).map { try decoder.integer(I.self, $0, at: key) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(require(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(require(key), key).unkeyedContainer()
    }

    /// `super`'s value, or null when there is none (as Foundation's decoder has it).
    func superDecoder() throws -> any Decoder {
        let key = JSONCodingKey.super
        return decoder.child(members.last { $0.0 == key.stringValue }?.1 ?? .null, key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(value(key) ?? .null, key) }
}

struct TreeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: TreeDecoder
    let items: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: TreeDecoder, items: [JSONValue]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private var key: JSONCodingKey { JSONCodingKey(index: currentIndex) }

    /// The next element, moving past it once `read` took it without an error.
    private mutating func next<T>(_ type: T.Type, _ read: (TreeDecoder, JSONValue, JSONCodingKey) throws -> T) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
        }
        let value = try read(decoder, items[currentIndex], key)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try $0.bool($1, at: $2) } }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) { try $0.string($1, at: $2) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.double($1, at: $2) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.float($1, at: $2) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next(type) { try $0.unbox(type, $1, at: $2) }
    }

    private mutating func integer<I: FixedWidthInteger>() throws -> I {
        try next(I.self) { try $0.integer(I.self, $1, at: $2) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try $0.child($1, $2).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.child($1, $2).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next((any Decoder).self) { $0.child($1, $2) }
    }
}

struct TreeSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: TreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }
    private var node: JSONValue { decoder.node }

    func decodeNil() -> Bool { node.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool(node, at: nil) }
    func decode(_ type: String.Type) throws -> String { try decoder.string(node, at: nil) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double(node, at: nil) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.float(node, at: nil) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type, node, at: nil) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type, node, at: nil) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type, node, at: nil) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type, node, at: nil) }

    /// The value decodes itself from this same decoder (an optional's wrapped value, a
    /// type whose whole form is one inner value).
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.unbox(type) }
}
