/// Reads back what `StateEncoder` wrote (the format is described there): the same type,
/// decoded by code that mirrors the encoding code, as synthesized conformances do.
///
/// Bad input (truncated, mangled, another type's bytes) throws a `DecodingError` with the
/// coding path where reading failed; it never traps, loops or allocates beyond the input's
/// size (every length is checked against the bytes left). It may also decode to a value
/// of the right shape with wrong contents: the format has no checksum, so a file holding
/// one (a checkpoint) checks its own.
///
/// ```swift
/// let engine = try StateDecoder.decode(Engine.self, from: bytes)
/// ```
public enum StateDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: bytes[...])
    }

    /// From part of a larger buffer (a file's body after its header), without a copy;
    /// `userInfo` is what the decoded types see as their decoder's.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>,
                                            userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        let reader = StateReader(bytes, userInfo: userInfo)
        let value = try ValueDecoder(reader: reader, parent: 0, key: nil).decodeValue(type)
        try reader.finish()
        return value
    }
}

/// The decoder one value is read with; `parent` is the container holding it (0 at the top).
struct ValueDecoder: Decoder {
    let reader: StateReader
    let parent: Int
    let key: (any CodingKey)?

    var codingPath: [any CodingKey] {
        var path = parent == 0 ? [] : reader.codingPath(of: parent)
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { reader.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedStateDecoding<Key>(reader: reader, id: reader.push(key: key, elements: 0)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let count = try reader.readCount(path: codingPath)
        return UnkeyedStateDecoding(reader: reader, id: reader.push(key: key, elements: count), count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueStateDecoding(reader: reader, id: reader.push(key: key, elements: 0))
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch reader.kind(of: T.self) {
        case .plain: return try T(from: self)
        case .primitive(let primitive): return try primitive.decode(as: type, from: reader, path: codingPath)
        case .raw(let element): return try element.decode(as: type, from: reader, path: codingPath)
        case .special(let special): return try special.decodeSpecially(as: type, with: self)
        }
    }
}

struct KeyedStateDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: StateReader
    let id: Int

    var codingPath: [any CodingKey] { reader.codingPath(of: id) }

    /// The one key an enum's container holds: the name its nested container was written
    /// under, read without moving. Positional struct fields have no keys to list.
    var allKeys: [Key] {
        guard (try? reader.enter(id)) != nil, let name = reader.peekString(), let key = Key(stringValue: name) else {
            return []
        }
        return [key]
    }

    /// Always true: a positional container cannot tell, and every value the encoder wrote
    /// is there (optionals as a presence byte, which `decodeIfPresent` reads).
    func contains(_ key: Key) -> Bool { true }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool {
        try reader.enter(id)
        guard let byte = reader.peekByte(), byte <= 1 else {
            throw reader.corrupted("a presence byte is 0 or 1", id: id, key: key)
        }
        _ = try reader.readByte(path: path(key))
        return byte == 0
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try reader.enter(id)
        return try reader.readBool(path: path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try reader.enter(id)
        return try reader.readString(path: path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try reader.enter(id)
        return Double(bitPattern: try reader.read(UInt64.self, path: path(key)))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try reader.enter(id)
        return Float(bitPattern: try reader.read(UInt32.self, path: path(key)))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try integer(Int64.self, key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { UInt(try integer(UInt64.self, key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I {
        try reader.enter(id)
        return try reader.read(type, path: path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try reader.enter(id)
        return try ValueDecoder(reader: reader, parent: id, key: key).decodeValue(type)
    }

    // The mirror of `encodeIfPresent`: a presence byte, then the value.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(key) }

    private func present<T: Decodable>(_ key: Key) throws -> T? {
        try reader.enter(id)
        return try ValueDecoder(reader: reader, parent: id, key: key).decodeValue(T?.self)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try expectName(of: key)
        return KeyedDecodingContainer(KeyedStateDecoding<NestedKey>(reader: reader, id: reader.push(key: key, elements: 0)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try expectName(of: key)
        let count = try reader.readCount(path: path(key))
        return UnkeyedStateDecoding(reader: reader, id: reader.push(key: key, elements: count), count: count)
    }

    /// A nested container starts with the name of its key (see `StateEncoder`).
    private func expectName(of key: Key) throws {
        try reader.enter(id)
        let name = try reader.readString(path: path(key))
        guard name == key.stringValue else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "found a nested container named \"\(name)\""))
        }
    }

    func superDecoder() throws -> any Decoder { throw unsupportedSuper(reader, id) }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw unsupportedSuper(reader, id) }
}

private func unsupportedSuper(_ reader: StateReader, _ id: Int) -> DecodingError {
    reader.corrupted("superDecoder is not supported by the positional state format", id: id)
}

struct UnkeyedStateDecoding: UnkeyedDecodingContainer {
    let reader: StateReader
    let id: Int
    let count: Int?
    private(set) var currentIndex = 0

    init(reader: StateReader, id: Int, count: Int) {
        self.reader = reader
        self.id = id
        self.count = count
    }

    var codingPath: [any CodingKey] { reader.codingPath(of: id) }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private var path: [any CodingKey] { codingPath + [IndexKey(intValue: currentIndex)] }

    /// Enters the container and takes the next element; throws past the end.
    private mutating func element() throws {
        try reader.enter(id)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(
                codingPath: path, debugDescription: "read past the \(count ?? 0) elements of an unkeyed container"))
        }
        reader.takeElement()
        currentIndex += 1
    }

    /// Reads the presence byte: true (and the element taken) for 0; for 1 the byte is
    /// read and the element left for the `decode` that follows.
    mutating func decodeNil() throws -> Bool {
        try reader.enter(id)
        guard !isAtEnd, let byte = reader.peekByte(), byte <= 1 else {
            throw reader.corrupted("a presence byte is 0 or 1", id: id, key: IndexKey(intValue: currentIndex))
        }
        if byte == 1 {
            _ = try reader.readByte(path: path)
            return false
        }
        try element()
        _ = try reader.readByte(path: path)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        try element()
        return try reader.readBool(path: path)
    }

    mutating func decode(_ type: String.Type) throws -> String {
        try element()
        return try reader.readString(path: path)
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        Double(bitPattern: try integer(UInt64.self))
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        Float(bitPattern: try integer(UInt32.self))
    }

    mutating func decode(_ type: Int.Type) throws -> Int { Int(try integer(Int64.self)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { UInt(try integer(UInt64.self)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private mutating func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        try element()
        return try reader.read(type, path: path)
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try element()
        return try ValueDecoder(reader: reader, parent: id, key: IndexKey(intValue: currentIndex - 1)).decodeValue(type)
    }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        try element()
        return try ValueDecoder(reader: reader, parent: id, key: IndexKey(intValue: currentIndex - 1)).decodeValue(T?.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try element()
        let key = IndexKey(intValue: currentIndex - 1)
        return KeyedDecodingContainer(KeyedStateDecoding<NestedKey>(reader: reader, id: reader.push(key: key, elements: 0)))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try element()
        let key = IndexKey(intValue: currentIndex - 1)
        let count = try reader.readCount(path: codingPath + [key])
        return UnkeyedStateDecoding(reader: reader, id: reader.push(key: key, elements: count), count: count)
    }

    mutating func superDecoder() throws -> any Decoder { throw unsupportedSuper(reader, id) }
}

struct SingleValueStateDecoding: SingleValueDecodingContainer {
    let reader: StateReader
    let id: Int

    var codingPath: [any CodingKey] { reader.codingPath(of: id) }

    /// Reads the presence byte, as `UnkeyedStateDecoding.decodeNil` does.
    func decodeNil() -> Bool {
        guard (try? reader.enter(id)) != nil, let byte = reader.peekByte(), byte <= 1 else { return false }
        _ = try? reader.readByte(path: [])
        return byte == 0
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try reader.enter(id)
        return try reader.readBool(path: codingPath)
    }

    func decode(_ type: String.Type) throws -> String {
        try reader.enter(id)
        return try reader.readString(path: codingPath)
    }

    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try integer(UInt64.self)) }
    func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try integer(UInt32.self)) }
    func decode(_ type: Int.Type) throws -> Int { Int(try integer(Int64.self)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { UInt(try integer(UInt64.self)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        try reader.enter(id)
        return try reader.read(type, path: codingPath)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try reader.enter(id)
        return try ValueDecoder(reader: reader, parent: id, key: nil).decodeValue(type)
    }
}
