/// `Encodable` values to `JSONValue` trees, with no text in between: the `Codable` half of
/// the one JSON tree. Snapshots for remote viewers, the viewer protocol's messages and the
/// notifier log are encoded here, then written by the one writer (`rendered(_:)`).
///
/// What it writes is what Foundation's encoder writes with its default strategies: integers of
/// every width as `.int` (`.uint` above `Int64.max`), `Double` and `Float` as `.number`,
/// optionals absent when `encodeIfPresent` says so and `null` when encoded as nil,
/// dictionaries keyed by `String`, `Int` or a `CodingKeyRepresentable` type as objects,
/// enums with associated values in the synthesized form (`{"case":{"_0":…}}`), `Date` as
/// its own `Codable` does (seconds since 2001 as a number, Foundation's default). A
/// `JSONValue` inside the value goes in as it is. `Data` and `URL` are not special: they
/// encode as their own `Codable` says (an array of bytes; `{"relative":…}`); none of
/// flowtop's coded types holds one.
///
/// - `keyOrder: .sorted` sorts every object the encoder builds as Swift orders strings
///   (by code point for ASCII keys), so a value gives the same bytes every time, whatever
///   order its dictionaries iterate in: the viewer wire's order, and a diff's.
/// - `nonFiniteNumbers` writes infinities and NaN as the strings given; without it, they
///   throw `EncodingError.invalidValue`, as JSON has no number for them.
///
/// ```swift
/// struct Point: Codable { var x: Double; var label: String? }
/// try JSONTreeEncoder().encode(Point(x: 2.5, label: nil)).rendered(.compact)   // {"x":2.5}
/// try JSONTreeEncoder(nonFiniteNumbers: .prometheus).encode([Double.infinity])  // .array([.string("+Inf")])
/// ```
public struct JSONTreeEncoder: Sendable {
    /// The order of the members of the objects the encoder builds.
    public enum KeyOrder: Sendable, Equatable {
        /// As the type encodes them: a synthesized conformance's order of declaration.
        case encoded
        /// Sorted by `String`'s `<`; a key encoded twice keeps its last value.
        case sorted
    }

    public var keyOrder: KeyOrder
    public var nonFiniteNumbers: JSONNonFiniteNumbers?
    /// Given to every `encode(to:)` as the encoder's `userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(keyOrder: KeyOrder = .encoded, nonFiniteNumbers: JSONNonFiniteNumbers? = nil,
                userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.keyOrder = keyOrder
        self.nonFiniteNumbers = nonFiniteNumbers
        self.userInfo = userInfo
    }

    /// `value` as a tree. Throws `EncodingError.invalidValue` for a non-finite number
    /// without `nonFiniteNumbers`, and for a top-level value that encodes nothing.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let context = TreeCodingContext(nonFiniteNumbers: nonFiniteNumbers, userInfo: userInfo)
        let encoder = TreeEncoder(context: context, parent: nil, key: nil)
        if let tree = try encoder.primitive(value) { return tree }
        try value.encode(to: encoder)
        guard let slot = encoder.slot else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return slot.finished(sortingKeys: keyOrder == .sorted)
    }
}

/// The encoder of one value: the containers it hands out fill its `slot`. It is also its
/// value's place in the coding path (its parent's encoder and its key), which is read
/// only when an error needs it.
final class TreeEncoder: Encoder, CodingPlace {
    let context: TreeCodingContext
    let parent: TreeEncoder?
    let key: (any CodingKey)?
    /// What the value became; nil while nothing was encoded.
    var slot: TreeSlot?

    init(context: TreeCodingContext, parent: TreeEncoder?, key: (any CodingKey)?) {
        self.context = context
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] { keysFromTop }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    /// A place below this one: for a member's or element's value, or a nested container.
    func child(_ key: any CodingKey) -> TreeEncoder { TreeEncoder(context: context, parent: self, key: key) }

    /// Asking again for the same kind of container continues it; another kind replaces it.
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: TreeObject
        if case .object(let existing)? = slot {
            object = existing
        } else {
            object = TreeObject()
            slot = .object(object)
        }
        return KeyedEncodingContainer(TreeKeyedEncodingContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: TreeArray
        if case .array(let existing)? = slot {
            array = existing
        } else {
            array = TreeArray()
            slot = .array(array)
        }
        return TreeUnkeyedEncodingContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { TreeSingleValueEncodingContainer(encoder: self) }

    /// `value` at the place `key` below this encoder.
    func box<T: Encodable>(_ value: T, at key: any CodingKey) throws -> TreeSlot {
        if let tree = try primitive(value, at: key) { return .value(tree) }
        let encoder = child(key)
        try value.encode(to: encoder)
        // A value that encoded nothing is an empty object, as Foundation's encoder writes it.
        return encoder.slot ?? .value(.object([]))
    }

    /// The common leaves without an encoder of their own: they reach the generic
    /// `encode` inside arrays, optionals and dictionaries.
    func primitive<T: Encodable>(_ value: T, at key: @autoclosure () -> (any CodingKey)? = nil) throws -> JSONValue? {
        if T.self == String.self, let string = value as? String { return .string(string) }
        if T.self == Double.self, let number = value as? Double { return try self.number(number, at: key()) }
        if T.self == Int64.self, let integer = value as? Int64 { return .int(integer) }
        if T.self == Int.self, let integer = value as? Int { return .int(Int64(integer)) }
        if T.self == Bool.self, let bool = value as? Bool { return .bool(bool) }
        if T.self == JSONValue.self, let tree = value as? JSONValue { return tree }
        if T.self == Double?.self, let number = value as? Double? {
            return try number.map { try self.number($0, at: key()) } ?? .null
        }
        if T.self == Int64?.self, let integer = value as? Int64? { return integer.map(JSONValue.int) ?? .null }
        if T.self == String?.self, let string = value as? String? { return string.map(JSONValue.string) ?? .null }
        return nil
    }

    /// A finite number, or its string with `nonFiniteNumbers`; otherwise an error at `key`.
    func number(_ value: Double, at key: @autoclosure () -> (any CodingKey)?) throws -> JSONValue {
        if value.isFinite { return .number(value) }
        guard let strings = context.nonFiniteNumbers else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath + (key().map { [$0] } ?? []),
                debugDescription: "Unable to encode \(value) directly in JSON: give the encoder nonFiniteNumbers "
                    + "to write it as a string."))
        }
        return .string(strings.string(for: value))
    }

    /// A `Float` by its own shortest text (`0.1`, not `0.10000000149011612`).
    func number(_ value: Float, at key: @autoclosure () -> (any CodingKey)?) throws -> JSONValue {
        guard value.isFinite else { return try number(Double(value), at: key()) }
        return .number(Double(value.description) ?? Double(value))
    }

    /// An integer of any width: `.int`, or `.uint` above `Int64.max`.
    static func integer(_ value: some FixedWidthInteger) -> JSONValue {
        if let small = Int64(exactly: value) { return .int(small) }
        return .uint(UInt64(truncatingIfNeeded: value))
    }
}
