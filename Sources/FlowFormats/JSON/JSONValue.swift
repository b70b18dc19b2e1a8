/// A JSON document as a value whose objects keep their members in the order given, so a
/// document serializes the same way every time. The one JSON tree of the project: reports,
/// API answers, notifier payloads and sync acks are built as a `JSONValue` and rendered in
/// a `JSONStyle`; text comes back through `JSONValue.parse`; `Codable` types go to and from
/// a tree through `JSONTreeEncoder` and `JSONTreeDecoder`; remote viewers receive snapshots
/// as trees and patches between them.
///
/// Why not Foundation: its JSON serializer takes `[String: Any]`, orders keys differently
/// on Linux and macOS and turns `Bool` into a number on some paths; its encoder needs a
/// `Codable` type per document and prints floating point numbers in its own way. Here a
/// document is the same bytes on every machine, so tests compare it as text.
///
/// Numbers keep their kind, so 64-bit integers (fingerprints, epoch milliseconds) stay
/// exact instead of passing through a `Double`: `.int` for every integer that fits an
/// `Int64`, `.uint` only above `Int64.max`, `.number` for the rest. Equality (`==`) is the
/// JSON value's, not the text's: objects with the same members in any order, numbers by
/// value whatever their case (`.int(2) == .number(2)`); compare `rendered(_:)` for bytes.
///
/// ```swift
/// JSONValue.object([("name", .string("ai")), ("sli", .number(0.999))]).rendered(.indented)
/// // {\n  "name": "ai",\n  "sli": 0.999\n}
/// JSONValue.object([("text", .string("hi")), ("n", .int(2))]).rendered(.compact)
/// // {"text":"hi","n":2}
/// try JSONValue.parse(Array(#"{"n":2.0,"big":18446744073709551615}"#.utf8))
/// // .object([("n", .int(2)), ("big", .uint(18446744073709551615))])
/// ```
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Only for integers above `Int64.max` (the parser and the encoder give `.int` below).
    case uint(UInt64)
    /// Written by `JSONValue.format`: non-finite numbers as null.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in document order. The parser and the encoder keep one member per key (the
    /// last one given); `subscript(key:)` reads the last of a key built twice by hand.
    case object([(String, JSONValue)])

    /// An optional number, null when absent.
    public static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    /// An optional string, null when absent.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An object from a dictionary of strings, keys sorted (labels, annotations).
    public static func object(sorted dictionary: [String: String]) -> JSONValue {
        .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    /// A number as every flowtop document writes it: integral values below 10^15 without a
    /// fraction (`4800`, not `4800.0`; `-0.0` as `0`), others in Swift's shortest
    /// round-trip form (`0.999`, `1e-05`, `1e+20`), non-finite ones as `null`.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
