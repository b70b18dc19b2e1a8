/// Text to `JSONValue`: RFC 8259 JSON, strictly (no comments, no trailing commas, no
/// leading zeros, no control characters or invalid UTF-8 in strings), objects' members in
/// the order of the text.
///
/// - A number is an integer when its value is one, whatever its spelling (`2`, `2.0`,
///   `2e0` are all `.int(2)`), as Foundation's decoder decides too: `.int` when it fits an
///   `Int64`, `.uint` above, `.number` otherwise. So a tree read from text writes and reads
///   back to itself.
/// - A key given twice keeps its first place and its last value (what a reader into a
///   dictionary does, Foundation's serializer and the viewers of earlier builds included).
/// - Arrays and objects nested deeper than 512 are refused, so a hostile text cannot
///   exhaust the stack (Foundation's decoder's limit too).
///
/// Why not Foundation's decoder: it can only find a value's kind by trying each and catching the
/// mismatch, up to seven errors a value. For a 570 KB document in a release build that took
/// 0.29 s, this reader 0.03 s: it looks at the first byte of each value, and reads 64-bit
/// integers exactly.
///
/// ```swift
/// try JSONValue.parse(Array("[1, 2.5, 18446744073709551615]".utf8))
/// // .array([.int(1), .number(2.5), .uint(18446744073709551615)])
/// try JSONValue.parse(Array("[1,]".utf8))
/// // throws: not valid JSON at byte 3: unexpected character
/// ```
extension JSONValue {
    /// The document in `bytes` (UTF-8 JSON text, any layout).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.offset == bytes.count else { throw reader.error("text after the document") }
        return value
    }
}

/// Why a text is not JSON, and at which byte.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes from the start of the text to where reading stopped.
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "not valid JSON at byte \(offset): \(reason)" }
}

/// A cursor over the bytes of one document.
struct JSONReader {
    static let maximumDepth = 512

    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: offset, reason: reason) }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw error("the text ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character")
        }
    }

    mutating func literal(_ word: String) throws(JSONParseError) {
        let end = offset + word.utf8.count
        guard end <= bytes.count, bytes[offset..<end].elementsEqual(word.utf8) else { throw error("unexpected word") }
        offset = end
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        offset += 1
        var members = ObjectMembers()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object([])
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            offset += 1
            skipWhitespace()
            members.set(key, try value(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members.list)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        offset += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return .array(items)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }
}

/// An object's members as they are read or encoded, one per key: a key given again
/// replaces the value in its first place.
///
/// Finding an earlier member of the same key costs one comparison a member while keys
/// come in increasing order (flowtop's own documents, written sorted), a scan of the few
/// members of a small object otherwise, and a dictionary once an object is large.
struct ObjectMembers {
    private(set) var list: [(String, JSONValue)] = []
    private var increasing = true
    private var index: [String: Int]?

    /// Objects up to this size are searched member by member.
    private static let scanLimit = 16

    mutating func set(_ key: String, _ value: JSONValue) {
        if increasing, let last = list.last?.0 {
            increasing = last < key
        }
        if !increasing, let i = position(of: key) {
            list[i].1 = value
            return
        }
        list.append((key, value))
        if index != nil { index?[key] = list.count - 1 }
    }

    /// Where `key` is already; nil when it is new. Builds the index once the object is large.
    private mutating func position(of key: String) -> Int? {
        if index == nil, list.count > Self.scanLimit {
            var built: [String: Int] = [:]
            for (i, member) in list.enumerated() { built[member.0] = i }
            index = built
        }
        if let index { return index[key] }
        return list.firstIndex { $0.0 == key }
    }
}
