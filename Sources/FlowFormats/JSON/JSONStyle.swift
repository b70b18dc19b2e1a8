/// How a `JSONValue` is laid out: the few ways flowtop's documents differ, as options of
/// the one writer rather than as more writers.
///
/// - `indented`: reports and the API's report answers (two-space indents, `"key": value`,
///   `[]` and `{}` when empty).
/// - `compact`: notifier payloads and sync acks (no spaces, no newlines).
/// - `serializationIndented` and `serializationCompact`: the API's own small documents
///   (the OpenAPI document, error bodies), which Foundation's JSON serializer wrote
///   with `.sortedKeys` and `.withoutEscapingSlashes` before this writer existed; their
///   bytes are kept: keys in `JSONKeyOrder`, `"key" : value`, an empty container opened
///   on one line and closed two lines down, U+2028 and U+2029 not escaped.
///
/// ```swift
/// JSONValue.object([("b", .int(1)), ("a", .array([]))]).rendered(.serializationIndented)
/// // {\n  "a" : [\n\n  ],\n  "b" : 1\n}
/// ```
public struct JSONStyle: Sendable, Equatable {
    /// Newlines and two-space indents between members.
    public var indented: Bool
    /// `"key" : value` rather than `"key": value` (only when indented).
    public var spaceBeforeColon: Bool
    /// An empty array or object as `[\n\n<indent>]` rather than `[]` (only when indented).
    public var opensEmptyContainers: Bool
    /// Object keys in `JSONKeyOrder` rather than in the order given.
    public var sortsKeys: Bool
    /// Escapes U+007F, U+2028 and U+2029 in strings (see `appendJSONString`).
    public var escapesLineSeparators: Bool

    public init(indented: Bool, spaceBeforeColon: Bool = false, opensEmptyContainers: Bool = false,
                sortsKeys: Bool = false, escapesLineSeparators: Bool = true) {
        self.indented = indented
        self.spaceBeforeColon = spaceBeforeColon
        self.opensEmptyContainers = opensEmptyContainers
        self.sortsKeys = sortsKeys
        self.escapesLineSeparators = escapesLineSeparators
    }

    public static let indented = JSONStyle(indented: true)
    public static let compact = JSONStyle(indented: false)
    public static let serializationIndented = JSONStyle(
        indented: true, spaceBeforeColon: true, opensEmptyContainers: true, sortsKeys: true,
        escapesLineSeparators: false)
    public static let serializationCompact = JSONStyle(
        indented: false, sortsKeys: true, escapesLineSeparators: false)
}
