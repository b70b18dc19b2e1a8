/// The values the state format writes its own way instead of through their `Codable`
/// conformance: optionals (a presence byte, wherever they appear), dictionaries and sets
/// (sorted, so equal values give equal bytes). Arrays of numbers (raw) and the primitive
/// types are in `ValueKinds.swift`.
///
/// Why at the generic door and not in the containers: synthesized code reaches an
/// optional array element or a dictionary through the generic `encode(_:)` of some
/// container, so one check there (`ValueEncoder.encodeValue`, `ValueDecoder.decodeValue`)
/// covers every place, and both sides take it for the same static type.
///
/// ```swift
/// try StateEncoder.encode([3: "c", 1: "a"])   // count 4, then 1, "a", 3, "c"
/// ```
protocol SpecialEncodable {
    /// Writes `value`, whose type is `Self` (the caller looked it up for `V`).
    static func encodeSpecially<V>(_ value: V, with encoder: ValueEncoder) throws
}

protocol SpecialDecodable {
    /// Reads a `Self`, returned as `V` (the caller looked it up for `V`).
    static func decodeSpecially<V>(as type: V.Type, with decoder: ValueDecoder) throws -> V
}

// Why static and generic rather than `value as? any SpecialEncodable`: the existential would
// box every optional lead (a heap allocation each); a metatype looked up once per type and a
// cast between two names of one type cost nothing.
extension SpecialEncodable {
    static func own<V>(_ value: V) -> Self {
        precondition(V.self == Self.self, "a special case called for another type")
        return unsafeBitCast(value, to: Self.self)
    }
}

extension SpecialDecodable {
    static func typed<V>(_ value: Self, as type: V.Type) -> V {
        precondition(V.self == Self.self, "a special case called for another type")
        return unsafeBitCast(value, to: V.self)
    }
}

extension Optional: SpecialEncodable where Wrapped: Encodable {
    static func encodeSpecially<V>(_ value: V, with encoder: ValueEncoder) throws {
        switch own(value) {
        case .none:
            encoder.writer.append(0 as UInt8)
        case .some(let wrapped):
            encoder.writer.append(1 as UInt8)
            try encoder.encodeValue(wrapped)
        }
    }
}

extension Optional: SpecialDecodable where Wrapped: Decodable {
    static func decodeSpecially<V>(as type: V.Type, with decoder: ValueDecoder) throws -> V {
        switch try decoder.reader.readByte(path: decoder.codingPath) {
        case 0: return typed(Self.none, as: type)
        case 1: return typed(Self.some(try decoder.decodeValue(Wrapped.self)), as: type)
        case let byte: throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath, debugDescription: "a presence byte is 0 or 1, not \(byte)"))
        }
    }
}

extension Dictionary: SpecialEncodable where Key: Encodable, Value: Encodable {
    static func encodeSpecially<V>(_ value: V, with encoder: ValueEncoder) throws {
        var container = encoder.stateUnkeyedContainer()
        for (keyBytes, value) in try SortedEntries.sorted(own(value).map { ($0.key, $0.value) }, with: encoder.writer) {
            container.appendEncoded(keyBytes)
            try container.encode(value)
        }
    }
}

extension Dictionary: SpecialDecodable where Key: Decodable, Value: Decodable {
    static func decodeSpecially<V>(as type: V.Type, with decoder: ValueDecoder) throws -> V {
        var container = try decoder.unkeyedContainer()
        let count = container.count ?? 0
        guard count % 2 == 0 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "a dictionary of \(count) keys and values"))
        }
        var dictionary: [Key: Value] = [:]
        dictionary.reserveCapacity(count / 2)
        while !container.isAtEnd {
            let key = try container.decode(Key.self)
            let value = try container.decode(Value.self)
            guard dictionary.updateValue(value, forKey: key) == nil else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a dictionary with a key twice"))
            }
        }
        return typed(dictionary, as: type)
    }
}

extension Set: SpecialEncodable where Element: Encodable {
    static func encodeSpecially<V>(_ value: V, with encoder: ValueEncoder) throws {
        var container = encoder.stateUnkeyedContainer()
        for (bytes, _) in try SortedEntries.sorted(own(value).map { ($0, ()) }, with: encoder.writer) {
            container.appendEncoded(bytes)
        }
    }
}

extension Set: SpecialDecodable where Element: Decodable {
    static func decodeSpecially<V>(as type: V.Type, with decoder: ValueDecoder) throws -> V {
        var container = try decoder.unkeyedContainer()
        var set = Set<Element>(minimumCapacity: container.count ?? 0)
        while !container.isAtEnd {
            guard set.insert(try container.decode(Element.self)).inserted else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a set with an element twice"))
            }
        }
        return typed(set, as: type)
    }
}

/// Dictionary and set entries in the order of their keys' bytes: a total order for any
/// `Encodable` key, which needs no `Comparable` and gives equal bytes for equal values.
enum SortedEntries {
    static func sorted<K: Encodable, V>(_ entries: [(K, V)], with writer: StateWriter) throws -> [([UInt8], V)] {
        try entries.map { (try writer.encodeApart($0.0), $0.1) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }
}
