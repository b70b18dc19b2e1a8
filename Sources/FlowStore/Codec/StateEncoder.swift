/// Turns a `Codable` value into compact bytes that `StateDecoder` turns back into an equal
/// value: the format of checkpoints (the engine's whole state, tens of MB of counters).
///
/// Why not JSON or a property list: measured on an engine with 30 days of minute data at
/// 50 tenants and 20,000 leads (docs/benchmarks.md, "Checkpoint codec"; 17 to 23 MB,
/// since JSON writes the many zero counters in two bytes where this writes eight),
/// Foundation's JSON encoder took 3.6 s where this takes 0.07 s, and its decoder 2.7 s
/// where `StateDecoder` takes 0.06 s; JSON also needs a strategy for NaN and infinities,
/// which this writes as bit patterns. No package in our mirror offers a binary `Codable`
/// format.
///
/// The format is positional: a reader needs the type to read it, and the value must be
/// decoded by code that reads what the encoding code wrote, in the same order, which
/// synthesized conformances do. Layout:
/// - fixed-width numbers little-endian at their width (`Int` and `UInt` as 8 bytes),
///   `Double` and `Float` as their bit patterns, so every value (NaN, -0) comes back
///   exactly; `Bool` one byte, 0 or 1; `String` a varint byte count and UTF-8;
/// - a keyed container: its values in call order, no keys, no header. Only
///   `nestedContainer(keyedBy:forKey:)` and `nestedUnkeyedContainer(forKey:)` write their
///   key (as a string) first: synthesized enums with associated values open one nested
///   container named after the case, and decode by asking `allKeys`, which reads it;
/// - an optional (`encodeIfPresent`, or an `Optional` anywhere): a presence byte 0 or 1,
///   then the value;
/// - an unkeyed container: a varint element count, then the elements;
/// - arrays of `Int64`, `UInt64`, `Int`, `UInt`, `Int32`, `UInt32`, `Int16`, `UInt16`,
///   `Int8`, `UInt8`, `Double`, `Float`: a varint count and the raw little-endian bytes, one
///   copy (the counters are such arrays; recognised by type identity, `RawElement`);
/// - dictionaries and sets: a counted list (key, value, key, value... for a dictionary),
///   sorted by the keys' encoded bytes, so equal values encode to equal bytes whatever
///   their hash order.
///
/// Cost: the raw arrays go at memory speed; every other value through `Codable`'s
/// containers (a boxed container, metadata lookups, exclusivity checks), some tenths of a
/// microsecond each. So state with many small values is written as arrays of numbers
/// where it matters: the lead table as columns (`LeadColumns` in FlowCore), about 1.5 µs a
/// lead to encode and 1 to decode, where each lead through the containers took 16 to 26.
///
/// Not supported: `superEncoder` (encoding throws), and code that encodes a value with
/// `encode` but decodes it with `decodeNil` first (no presence byte was written).
///
/// ```swift
/// let bytes = try StateEncoder.encode(engine)
/// let back = try StateDecoder.decode(Engine.self, from: bytes)
/// ```
public enum StateEncoder {
    /// The bytes of `value`; throws `EncodingError` for what the format cannot hold.
    /// `userInfo` is what the encoded types see as their encoder's (`.engineLayout` 2 makes
    /// the engine's latency rings write what layout 2 wrote: for tests of upgrades).
    public static func encode<T: Encodable>(_ value: T, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> [UInt8] {
        let writer = StateWriter()
        writer.userInfo = userInfo
        let encoder = ValueEncoder(writer: writer, parent: 0, key: nil)
        try encoder.encodeValue(value)
        writer.finish()
        if let failure = writer.failure { throw failure }
        return writer.bytes
    }
}

/// The encoder one value is written with; `parent` is the container holding the value
/// (0 at the top), `key` its key there.
struct ValueEncoder: Encoder {
    let writer: StateWriter
    let parent: Int
    let key: (any CodingKey)?

    var codingPath: [any CodingKey] {
        var path = parent == 0 ? [] : writer.codingPath(of: parent)
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { writer.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedStateEncoding<Key>(writer: writer, id: writer.push(key: key, counted: false)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { stateUnkeyedContainer() }

    func stateUnkeyedContainer() -> UnkeyedStateEncoding {
        UnkeyedStateEncoding(writer: writer, id: writer.push(key: key, counted: true))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueStateEncoding(writer: writer, id: writer.push(key: key, counted: false))
    }

    /// Writes `value` where the format puts it: the fast paths and the special cases
    /// (optionals, dictionaries, sets) first, else the value's own `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        switch writer.kind(of: T.self) {
        case .plain: try value.encode(to: self)
        case .primitive(let primitive): primitive.encode(value, into: writer)
        case .raw(let element): element.encode(value, into: writer)
        case .special(let special): try special.encodeSpecially(value, with: self)
        }
    }
}

/// A key for the elements of an unkeyed container, in coding paths.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// A container whose writes go nowhere: what `superEncoder` hands out, after recording
/// that the format does not support it.
private func unsupportedSuperEncoder(_ writer: StateWriter, id: Int) -> any Encoder {
    writer.fail("superEncoder is not supported by the positional state format", id: id)
    return ValueEncoder(writer: StateWriter(), parent: 0, key: nil)
}

struct KeyedStateEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: StateWriter
    let id: Int

    var codingPath: [any CodingKey] { writer.codingPath(of: id) }

    @inline(__always) private func enter() -> Bool { writer.enter(id) }

    mutating func encodeNil(forKey key: Key) throws { if enter() { writer.append(0 as UInt8) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if enter() { writer.append(value ? 1 : 0 as UInt8) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if enter() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if enter() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if enter() { writer.append(Int64(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if enter() { writer.append(UInt64(value)) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if enter() { writer.append(value) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        guard enter() else { return }
        try ValueEncoder(writer: writer, parent: id, key: key).encodeValue(value)
    }

    // Every `encodeIfPresent` writes a presence byte: the defaults would write nothing for
    // nil, which a positional reader could not tell from the next value.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    /// The optional as the format writes every optional (`Optional`'s special case).
    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        guard enter() else { return }
        try ValueEncoder(writer: writer, parent: id, key: key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        if enter() { writer.append(key.stringValue) }
        return KeyedEncodingContainer(KeyedStateEncoding<NestedKey>(writer: writer,
                                                                    id: writer.push(key: key, counted: false)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        if enter() { writer.append(key.stringValue) }
        return UnkeyedStateEncoding(writer: writer, id: writer.push(key: key, counted: true))
    }

    mutating func superEncoder() -> any Encoder { unsupportedSuperEncoder(writer, id: id) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedSuperEncoder(writer, id: id) }
}

struct UnkeyedStateEncoding: UnkeyedEncodingContainer {
    let writer: StateWriter
    let id: Int
    private(set) var count = 0

    init(writer: StateWriter, id: Int) {
        self.writer = writer
        self.id = id
    }

    var codingPath: [any CodingKey] { writer.codingPath(of: id) }

    /// Enters the container and counts one more element; false when it was closed.
    @inline(__always) private mutating func element() -> Bool {
        guard writer.enter(id) else { return false }
        writer.countElement()
        count += 1
        return true
    }

    mutating func encodeNil() throws { if element() { writer.append(0 as UInt8) } }
    mutating func encode(_ value: Bool) throws { if element() { writer.append(value ? 1 : 0 as UInt8) } }
    mutating func encode(_ value: String) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: Double) throws { if element() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Float) throws { if element() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Int) throws { if element() { writer.append(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: Int16) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: Int32) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: Int64) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: UInt) throws { if element() { writer.append(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: UInt16) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: UInt32) throws { if element() { writer.append(value) } }
    mutating func encode(_ value: UInt64) throws { if element() { writer.append(value) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard element() else { return }
        try ValueEncoder(writer: writer, parent: id, key: IndexKey(intValue: count - 1)).encodeValue(value)
    }

    /// One element whose bytes are ready (a dictionary key, encoded apart for sorting).
    mutating func appendEncoded(_ bytes: [UInt8]) {
        if element() { writer.append(contentsOf: bytes) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        _ = element()
        let key = IndexKey(intValue: count - 1)
        return KeyedEncodingContainer(KeyedStateEncoding<NestedKey>(writer: writer, id: writer.push(key: key, counted: false)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = element()
        return UnkeyedStateEncoding(writer: writer, id: writer.push(key: IndexKey(intValue: count - 1), counted: true))
    }

    mutating func superEncoder() -> any Encoder { unsupportedSuperEncoder(writer, id: id) }
}

struct SingleValueStateEncoding: SingleValueEncodingContainer {
    let writer: StateWriter
    let id: Int

    var codingPath: [any CodingKey] { writer.codingPath(of: id) }

    @inline(__always) private func enter() -> Bool { writer.enter(id) }

    mutating func encodeNil() throws { if enter() { writer.append(0 as UInt8) } }
    mutating func encode(_ value: Bool) throws { if enter() { writer.append(value ? 1 : 0 as UInt8) } }
    mutating func encode(_ value: String) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Double) throws { if enter() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Float) throws { if enter() { writer.append(value.bitPattern) } }
    mutating func encode(_ value: Int) throws { if enter() { writer.append(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int16) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int32) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: Int64) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt) throws { if enter() { writer.append(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt16) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt32) throws { if enter() { writer.append(value) } }
    mutating func encode(_ value: UInt64) throws { if enter() { writer.append(value) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard enter() else { return }
        try ValueEncoder(writer: writer, parent: id, key: nil).encodeValue(value)
    }
}
