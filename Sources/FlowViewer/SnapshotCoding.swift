import FlowCore
import Foundation

/// Snapshots and queries as `JSONTree`s, the form remote viewers receive: the engine's
/// own `Codable` conformances through `JSONEncoder` and `JSONDecoder`, with keys sorted
/// and non-finite numbers as the strings `"+Inf"`, `"-Inf"` and `"NaN"` (Prometheus'
/// spelling), since a burn rate over a zero budget or a user's infinite lookback is a
/// value JSON has no number for.
///
/// Why through text rather than an encoder that builds a tree: `JSONEncoder`'s strategies
/// then decide how every number is written, in one place, and the tree is exactly what any
/// JSON reader of those bytes sees. The cost is one write and one read of the text per
/// snapshot (`JSONTree.parse` is the fast reader; decoding goes back through the text).
///
/// ```swift
/// let tree = try SnapshotCoding.encode(host.snapshot(query))
/// let copy = try SnapshotCoding.decode(tree)   // == the snapshot
/// ```
public enum SnapshotCoding {
    public static func encode(_ snapshot: EngineSnapshot) throws -> JSONTree {
        try tree(of: snapshot)
    }

    public static func decode(_ tree: JSONTree) throws -> EngineSnapshot {
        try value(EngineSnapshot.self, from: tree)
    }

    public static func encodeQuery(_ query: SnapshotQuery) throws -> JSONTree {
        try tree(of: query)
    }

    public static func decodeQuery(_ tree: JSONTree) throws -> SnapshotQuery {
        try value(SnapshotQuery.self, from: tree)
    }

    /// The strings that stand for non-finite numbers, both ways.
    static let positiveInfinity = "+Inf", negativeInfinity = "-Inf", nan = "NaN"

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: nan)
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: nan)
        return decoder
    }

    private static func tree(of value: some Encodable) throws -> JSONTree {
        try JSONTree.parse(Array(makeEncoder().encode(value)))
    }

    private static func value<Value: Decodable>(_ type: Value.Type, from tree: JSONTree) throws -> Value {
        try makeDecoder().decode(type, from: Data(tree.jsonData()))
    }
}
