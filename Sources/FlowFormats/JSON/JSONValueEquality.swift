/// Two trees are equal when they are the same JSON value (RFC 8259, section 4: an object is
/// an unordered collection of members): objects with the same keys and equal values in
/// any order, arrays element by element, numbers by value whatever their case, and a
/// non-finite `.number` equal to `null`, as it is written.
///
/// Why not the text: an encoder writes members in the order a type encodes them, a parser
/// in the order of the text, a patch appends the members it adds; all three describe the
/// same document, and a viewer's patched tree must compare equal to the engine's.
///
/// ```swift
/// JSONValue.object([("a", .int(1)), ("b", .null)]) == .object([("b", .null), ("a", .number(1))])   // true
/// JSONValue.array([.int(1), .int(2)]) == .array([.int(2), .int(1)])                                 // false
/// ```
extension JSONValue: Equatable {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return sameMembers(x, y)
        case (.number(let d), .null), (.null, .number(let d)): return !d.isFinite
        default:
            guard let x = a.numeric, let y = b.numeric else { return false }
            return x == y
        }
    }

    /// The same keys with equal values, in any order. Trees compared are most often in the
    /// same order (an engine's tree and a viewer's copy of it), so that is tried first.
    private static func sameMembers(_ x: [(String, JSONValue)], _ y: [(String, JSONValue)]) -> Bool {
        guard x.count == y.count else { return false }
        var i = 0
        while i < x.count, x[i].0 == y[i].0 {
            guard x[i].1 == y[i].1 else { return false }
            i += 1
        }
        guard i < x.count else { return true }
        let rest = y[i...]
        var index: [String: JSONValue] = [:]
        index.reserveCapacity(rest.count)
        for (key, value) in rest { index[key] = value }
        guard index.count == rest.count else { return false }
        for (key, value) in x[i...] {
            guard let other = index[key], other == value else { return false }
        }
        return true
    }

    /// A number's value in a form that compares exactly across the three cases.
    private enum Numeric: Equatable {
        case integer(negative: Bool, magnitude: UInt64)
        case fraction(Double)
        case nonFinite
    }

    private var numeric: Numeric? {
        switch self {
        case .int(let i): return .integer(negative: i < 0, magnitude: i.magnitude)
        case .uint(let u): return .integer(negative: false, magnitude: u)
        case .number(let d):
            guard d.isFinite else { return .nonFinite }
            if let magnitude = UInt64(exactly: d.magnitude) { return .integer(negative: d < 0 && magnitude != 0, magnitude: magnitude) }
            return .fraction(d)
        default: return nil
        }
    }
}

extension JSONValue {
    /// The value of an object's member `key` (the last one of that name); nil when there is
    /// none or this is not an object.
    ///
    /// ```swift
    /// JSONValue.object([("op", .string("add"))])[key: "op"]   // .string("add")
    /// ```
    public subscript(key key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
