/// The coding keys the tree coder makes itself: an object's member by name (`super`, the
/// keys of `JSONValue`'s own `Codable`), and an array's element by index, written
/// `Index 3` in a coding path as Foundation's decoder writes it.
///
/// ```swift
/// JSONCodingKey(index: 3).stringValue   // "Index 3"
/// JSONCodingKey.super.stringValue       // "super"
/// ```
struct JSONCodingKey: CodingKey {
    /// One case a form, so the key fits in an existential's inline buffer: an array's
    /// elements each get one without an allocation.
    private enum Form {
        case name(String)
        case number(Int)
        case index(Int)
    }

    private let form: Form

    init(stringValue: String) { form = .name(stringValue) }

    init(intValue: Int) { form = .number(intValue) }

    /// An array index: its text is made only when a coding path is read (an error).
    init(index: Int) { form = .index(index) }

    var stringValue: String {
        switch form {
        case .name(let name): name
        case .number(let number): String(number)
        case .index(let index): "Index \(index)"
        }
    }

    var intValue: Int? {
        switch form {
        case .name: nil
        case .number(let number), .index(let number): number
        }
    }

    static let `super` = JSONCodingKey(stringValue: "super")
}

/// A place in a value being encoded or decoded: the encoder or decoder of the value, which
/// knows its parent's and its own key. The coding path is read by walking up, and only
/// when something asks (an error, a conformance that wants it), so a value costs no array
/// of keys.
protocol CodingPlace: AnyObject {
    var parent: Self? { get }
    var key: (any CodingKey)? { get }
}

extension CodingPlace {
    /// The keys from the top-level value down to this one.
    var keysFromTop: [any CodingKey] {
        var keys: [any CodingKey] = []
        var place: Self? = self
        while let current = place {
            if let key = current.key { keys.append(key) }
            place = current.parent
        }
        return keys.reversed()
    }
}

/// What a decoding error says it found, in Foundation's decoder's words.
extension JSONValue {
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .uint, .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}
