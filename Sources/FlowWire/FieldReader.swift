import FlowCore

/// Typed access to the known fields of one scanned line, each accessor turning a bad
/// value into the reason code EVENTS.md gives for it.
///
/// The rules, in one place:
/// - A field that is absent or JSON `null` is missing: optional accessors return nil,
///   required ones throw `missing_field`. (Many encoders write `null` for "no value".)
/// - A value of another JSON type is `wrong_type` (`"true"` is not a bool, `"5"` not a
///   number).
/// - A number must be finite (`1e999` is `out_of_range`); an amount must be >= 0 and at
///   most its field's `maximum` (`EventLimits`; else `out_of_range`); a count must also be
///   a whole number (`1.5` is `wrong_type`, while `512.0` and `5.12e2` are accepted as 512).
/// The rejection's detail is the field's wire name.
struct FieldReader {
    let bytes: UnsafeRawBufferPointer
    let slots: UnsafeMutableBufferPointer<ScannedValue>
    /// The connection's cache of label strings; nil decodes every string afresh. Not
    /// retained: the reader lives only inside `WireParser.parse`, whose caller holds it.
    /// Unmanaged rather than `unowned(unsafe)`, whose every use took a strong reference:
    /// a retain and a release of the cache per label, about 2% of the parse thread.
    let labels: Unmanaged<LabelCache>?

    init(bytes: UnsafeRawBufferPointer, slots: UnsafeMutableBufferPointer<ScannedValue>, labels: LabelCache? = nil) {
        self.bytes = bytes
        self.slots = slots
        self.labels = labels.map { Unmanaged.passUnretained($0) }
    }

    subscript(field: Field) -> ScannedValue { slots[field.rawValue] }

    func isPresent(_ field: Field) -> Bool {
        let kind = self[field].kind
        return kind != .absent && kind != .null
    }

    // MARK: Strings

    func string(_ field: Field) throws(Rejection) -> String? {
        guard let token = try stringToken(field) else { return nil }
        return field.isLabel ? label(token) : JSONStringDecoding.string(token, in: bytes)
    }

    /// A label's string (`LabelCache`): from the cache when there is one and the token
    /// has no escapes.
    func label(_ token: ScannedValue) -> String {
        guard let labels, !token.flag else { return JSONStringDecoding.string(token, in: bytes) }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        let readable = bytes.count - token.start
        return labels._withUnsafeGuaranteedRef { $0.string(raw, readable: readable) }
    }

    func requiredString(_ field: Field) throws(Rejection) -> String {
        guard let value = try string(field) else { throw Rejection(.missingField, field.name) }
        return value
    }

    /// The string token of `field`, not yet decoded; nil if missing.
    func stringToken(_ field: Field) throws(Rejection) -> ScannedValue? {
        let value = self[field]
        switch value.kind {
        case .absent, .null: return nil
        case .string: return value
        default: throw Rejection(.wrongType, field.name)
        }
    }

    // MARK: Numbers and booleans

    /// A finite number.
    func number(_ field: Field) throws(Rejection) -> Double? {
        let value = self[field]
        switch value.kind {
        case .absent, .null: return nil
        case .number:
            let number = JSONNumber.double(value, in: bytes)
            guard number.isFinite else { throw Rejection(.outOfRange, field.name) }
            return number
        default: throw Rejection(.wrongType, field.name)
        }
    }

    /// A finite number from 0 to the field's `maximum` (`-0` counts as 0).
    func amount(_ field: Field) throws(Rejection) -> Double? {
        guard let number = try number(field) else { return nil }
        guard number >= 0, number <= field.maximum ?? .greatestFiniteMagnitude else {
            throw Rejection(.outOfRange, field.name)
        }
        return number == 0 ? 0 : number
    }

    func requiredAmount(_ field: Field) throws(Rejection) -> Double {
        guard let number = try amount(field) else { throw Rejection(.missingField, field.name) }
        return number
    }

    /// A whole number from 0 to the field's `maximum`.
    func count(_ field: Field) throws(Rejection) -> Int64? {
        guard let value = try wholeNumber(field) else { return nil }
        if let maximum = field.maximum, Double(value) > maximum { throw Rejection(.outOfRange, field.name) }
        return value
    }

    /// A whole number >= 0 that fits in `Int64`.
    private func wholeNumber(_ field: Field) throws(Rejection) -> Int64? {
        let value = self[field]
        guard value.kind == .number, value.flag else {
            // Not an integer literal: a whole-valued `Double` is still a count.
            guard let number = try number(field) else { return nil }
            guard number == number.rounded(.towardZero) else { throw Rejection(.wrongType, field.name) }
            guard number >= 0, number < 9_223_372_036_854_775_808.0 else {
                throw Rejection(.outOfRange, field.name)
            }
            return Int64(number)
        }
        guard let integer = JSONNumber.int64(value, in: bytes), integer >= 0 else {
            throw Rejection(.outOfRange, field.name)
        }
        return integer
    }

    func bool(_ field: Field) throws(Rejection) -> Bool? {
        let value = self[field]
        switch value.kind {
        case .absent, .null: return nil
        case .bool: return value.flag
        default: throw Rejection(.wrongType, field.name)
        }
    }
}
