/// Where one JSON value sits in the line, found by `JSONScanner` in its single pass.
///
/// Nothing is decoded while scanning: a value is only turned into a `String`, `Double`
/// or `Bool` once the event type says the field is wanted, so skipped and duplicate
/// fields cost no allocation. A plain value type, so a line's known fields fit in one
/// stack-allocated row of slots (see `FieldSlots`).
struct ScannedValue {
    enum Kind: UInt8 {
        /// The key did not occur (or only as JSON `null`, which means the same).
        case absent
        case null, bool, number, string, object, array
    }

    var kind: Kind
    /// For a string, the first byte after the opening quote; otherwise the first byte.
    var start: Int
    /// One past the last byte; for a string, the closing quote.
    var end: Int
    /// String: holds a `\` escape. Number: integer literal (no fraction or exponent).
    /// Bool: the value.
    var flag: Bool

    static let absent = ScannedValue(kind: .absent, start: 0, end: 0, flag: false)
}

/// Where a JSON value stopped being valid, in a few words, for `invalid_json` details.
struct JSONSyntaxError: Error {
    var message: StaticString
    var offset: Int

    var detail: String { "\(message) at byte \(offset)" }
}
