import FlowCore
import FlowFormats

/// Snapshots and queries as `JSONValue` trees, the form remote viewers receive: the
/// engine's own `Codable` conformances through FlowFormats' tree coder, keys sorted and
/// non-finite numbers as the strings `"+Inf"`, `"-Inf"` and `"NaN"` (Prometheus'
/// spelling), since a burn rate over a zero budget or a user's infinite lookback is a
/// value JSON has no number for.
///
/// Why a tree straight from the encoder, and sorted: the hub diffs each new tree against
/// the one a viewer holds and writes the patch, so no text is made until a message is
/// written; sorted objects make the same snapshot the same bytes whatever order its
/// dictionaries iterate in, and let the diff walk two objects' members side by side.
/// The bytes are those the earlier builds wrote by way of Foundation's encoder, its text
/// read back and written with keys sorted (Tests/FlowViewerTests/PreviousBuildWireTests).
///
/// ```swift
/// let tree = try SnapshotCoding.encode(host.snapshot(query))
/// let copy = try SnapshotCoding.decode(tree)   // == the snapshot
/// ```
public enum SnapshotCoding {
    public static func encode(_ snapshot: EngineSnapshot) throws -> JSONValue {
        try encoder.encode(snapshot)
    }

    public static func decode(_ tree: JSONValue) throws -> EngineSnapshot {
        try decoder.decode(EngineSnapshot.self, from: tree)
    }

    public static func encodeQuery(_ query: SnapshotQuery) throws -> JSONValue {
        try encoder.encode(query)
    }

    public static func decodeQuery(_ tree: JSONValue) throws -> SnapshotQuery {
        try decoder.decode(SnapshotQuery.self, from: tree)
    }

    static let encoder = JSONTreeEncoder(keyOrder: .sorted, nonFiniteNumbers: .prometheus)
    static let decoder = JSONTreeDecoder(nonFiniteNumbers: .prometheus)
}
