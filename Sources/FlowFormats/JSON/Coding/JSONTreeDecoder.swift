/// `JSONValue` trees to `Decodable` values, with no text in between: the other half of
/// `JSONTreeEncoder`, reading what it and Foundation's encoder write.
///
/// As Foundation's decoder reads: a `Double` or `Float` from any number (an integer node too), an
/// integer of any width from an integer node that fits it or from a `.number` whose value
/// is exactly one (`2.0`, not `2.5`), a `Bool` only from `true` and `false`, a `String`
/// only from a string; `decodeIfPresent` is nil for a member absent or null. A `JSONValue`
/// inside the value is taken as it is. Errors are `DecodingError`s whose context has the
/// coding path of the value that did not fit (array elements as `Index 3`) and says what
/// was found. With `nonFiniteNumbers`, those strings read as infinities and NaN where a
/// `Double` or `Float` is expected.
///
/// ```swift
/// struct Point: Codable { var x: Double; var label: String? }
/// let tree = try JSONValue.parse(Array(#"{"x":2,"label":null}"#.utf8))
/// try JSONTreeDecoder().decode(Point.self, from: tree)   // Point(x: 2.0, label: nil)
/// try JSONTreeDecoder().decode(Int.self, from: .number(2.5))
/// // throws DecodingError.dataCorrupted: Number 2.5 is not representable as Int.
/// ```
public struct JSONTreeDecoder: Sendable {
    public var nonFiniteNumbers: JSONNonFiniteNumbers?
    /// Given to every `init(from:)` as the decoder's `userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(nonFiniteNumbers: JSONNonFiniteNumbers? = nil, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.nonFiniteNumbers = nonFiniteNumbers
        self.userInfo = userInfo
    }

    public func decode<T: Decodable>(_ type: T.Type, from tree: JSONValue) throws -> T {
        let context = TreeCodingContext(nonFiniteNumbers: nonFiniteNumbers, userInfo: userInfo)
        return try TreeDecoder(node: tree, context: context, parent: nil, key: nil).unbox(type)
    }
}

/// The decoder of one node; like `TreeEncoder`, also its node's place in the coding path.
final class TreeDecoder: Decoder, CodingPlace {
    let node: JSONValue
    let context: TreeCodingContext
    let parent: TreeDecoder?
    let key: (any CodingKey)?

    init(node: JSONValue, context: TreeCodingContext, parent: TreeDecoder?, key: (any CodingKey)?) {
        self.node = node
        self.context = context
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] { keysFromTop }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node else { throw mismatch([String: JSONValue].self, node, at: nil) }
        return KeyedDecodingContainer(TreeKeyedDecodingContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node else { throw mismatch([JSONValue].self, node, at: nil) }
        return TreeUnkeyedDecodingContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { TreeSingleValueDecodingContainer(decoder: self) }

    /// A decoder for `node` at the place `key` below this one.
    func child(_ node: JSONValue, _ key: any CodingKey) -> TreeDecoder {
        TreeDecoder(node: node, context: context, parent: self, key: key)
    }

    /// This decoder's node as `T`: the common leaves directly, anything else by its
    /// `init(from:)` with this decoder.
    func unbox<T: Decodable>(_ type: T.Type) throws -> T {
        if let leaf = try leaf(T.self, node, at: nil) { return leaf }
        return try T(from: self)
    }

    /// `node` as `T`, at `key` below this decoder: a decoder of its own only when needed.
    func unbox<T: Decodable>(_ type: T.Type, _ node: JSONValue, at key: any CodingKey) throws -> T {
        if let leaf = try leaf(T.self, node, at: key) { return leaf }
        return try T(from: child(node, key))
    }

    /// The common leaves, which reach the generic `decode` inside arrays, optionals and
    /// dictionaries; nil for any other type.
    private func leaf<T: Decodable>(_ type: T.Type, _ node: JSONValue, at key: (any CodingKey)?) throws -> T? {
        if T.self == JSONValue.self { return node as? T }
        if T.self == String.self { return try string(node, at: key) as? T }
        if T.self == Double.self { return try double(node, at: key) as? T }
        if T.self == Int64.self { return try integer(Int64.self, node, at: key) as? T }
        if T.self == Int.self { return try integer(Int.self, node, at: key) as? T }
        if T.self == Bool.self { return try bool(node, at: key) as? T }
        if T.self == Double?.self { return try (node.isNull ? nil : double(node, at: key)) as? T }
        if T.self == Int64?.self { return try (node.isNull ? nil : integer(Int64.self, node, at: key)) as? T }
        if T.self == String?.self { return try (node.isNull ? nil : string(node, at: key)) as? T }
        return nil
    }

    // MARK: Leaves; `key` is the place of `node` below this decoder (nil: this decoder's own).

    func bool(_ node: JSONValue, at key: (any CodingKey)?) throws -> Bool {
        guard case .bool(let bool) = node else { throw mismatch(Bool.self, node, at: key) }
        return bool
    }

    func string(_ node: JSONValue, at key: (any CodingKey)?) throws -> String {
        guard case .string(let string) = node else { throw mismatch(String.self, node, at: key) }
        return string
    }

    func double(_ node: JSONValue, at key: (any CodingKey)?) throws -> Double {
        switch node {
        case .number(let number): return number
        case .int(let integer): return Double(integer)
        case .uint(let integer): return Double(integer)
        case .string(let text):
            if let number = context.nonFiniteNumbers?.number(for: text) { return number }
        default: break
        }
        throw mismatch(Double.self, node, at: key)
    }

    func float(_ node: JSONValue, at key: (any CodingKey)?) throws -> Float {
        let number = try double(node, at: key)
        if number.isFinite, number.magnitude > Double(Float.greatestFiniteMagnitude) {
            throw corrupted("Number \(node.rendered(.compact)) does not fit in Float.", at: key)
        }
        return Float(number)
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, _ node: JSONValue, at key: (any CodingKey)?) throws -> I {
        let exact: I?
        switch node {
        case .int(let integer): exact = I(exactly: integer)
        case .uint(let integer): exact = I(exactly: integer)
        case .number(let number): exact = I(exactly: number)
        default: throw mismatch(I.self, node, at: key)
        }
        guard let exact else {
            throw corrupted("Number \(node.rendered(.compact)) is not representable as \(I.self).", at: key)
        }
        return exact
    }

    // MARK: Errors

    func mismatch(_ type: Any.Type, _ node: JSONValue, at key: (any CodingKey)?) -> DecodingError {
        let context = DecodingError.Context(codingPath: path(key), debugDescription: node.isNull
            ? "Cannot get value of type \(type) -- found null value instead."
            : "Expected to decode \(type) but found \(node.kindDescription) instead.")
        return node.isNull ? .valueNotFound(type, context) : .typeMismatch(type, context)
    }

    func corrupted(_ description: String, at key: (any CodingKey)?) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: path(key), debugDescription: description))
    }

    func path(_ key: (any CodingKey)?) -> [any CodingKey] { codingPath + (key.map { [$0] } ?? []) }
}

extension JSONValue {
    var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
