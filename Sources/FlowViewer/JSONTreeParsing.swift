/// Text to `JSONTree`: RFC 8259 JSON, strictly (no comments, no trailing commas, no
/// leading zeros, no control characters or invalid UTF-8 in strings).
///
/// Why not `JSONDecoder` into `JSONTree`'s `init(from:)`: a decoder can only find a
/// value's kind by trying each and catching the mismatch, up to seven errors a value.
/// For a 570 KB document in a release build that took 0.29 s, this reader 0.03 s: it
/// looks at the first byte of each value, and reads 64-bit integers exactly.
///
/// ```swift
/// try JSONTree.parse(Array("[1, 2.5, 18446744073709551615]".utf8))
/// // .array([.int(1), .double(2.5), .uint(18446744073709551615)])
/// ```
extension JSONTree {
    /// The document in `bytes` (UTF-8 JSON text, any layout).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONTree {
        var reader = JSONTreeReader(bytes: bytes)
        reader.skipWhitespace()
        let tree = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.offset == bytes.count else { throw reader.error("text after the document") }
        return tree
    }
}

/// Why a text is not JSON, and at which byte.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes from the start of the text to where reading stopped.
    public var offset: Int
    public var reason: String

    public var description: String { "not valid JSON at byte \(offset): \(reason)" }
}

/// A cursor over the bytes of one document.
struct JSONTreeReader {
    /// Arrays and objects nested deeper are refused, so a hostile text cannot exhaust the
    /// stack (`JSONDecoder`'s limit too).
    static let maximumDepth = 512

    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: offset, reason: reason) }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONTree {
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

    mutating func object(depth: Int) throws(JSONParseError) -> JSONTree {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        offset += 1
        var members: [String: JSONTree] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            offset += 1
            skipWhitespace()
            members[key] = try value(depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONTree {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        offset += 1
        var items: [JSONTree] = []
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

    /// A string from its opening quote; copies the bytes once when nothing is escaped.
    mutating func string() throws(JSONParseError) -> String {
        offset += 1
        var text = try plainRun()
        while true {
            guard let byte = current else { throw error("a string without its closing quote") }
            offset += 1
            if byte == UInt8(ascii: "\"") { return text }
            // A backslash: one escape, then the plain run after it.
            try escape(into: &text)
            text += try plainRun()
        }
    }

    /// The bytes up to the next quote or backslash, as text.
    private mutating func plainRun() throws(JSONParseError) -> String {
        let start = offset
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw error("a control character in a string") }
            offset += 1
        }
        guard let text = String(validating: bytes[start..<offset], as: UTF8.self) else {
            throw error("invalid UTF-8 in a string")
        }
        return text
    }

    /// The escape after a backslash: `\" \\ \/ \b \f \n \r \t` or `\uXXXX` (a UTF-16 unit;
    /// a surrogate must come in a pair).
    private mutating func escape(into text: inout String) throws(JSONParseError) {
        guard let byte = current else { throw error("a string without its closing quote") }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): text += "\""
        case UInt8(ascii: "\\"): text += "\\"
        case UInt8(ascii: "/"): text += "/"
        case UInt8(ascii: "b"): text += "\u{08}"
        case UInt8(ascii: "f"): text += "\u{0C}"
        case UInt8(ascii: "n"): text += "\n"
        case UInt8(ascii: "r"): text += "\r"
        case UInt8(ascii: "t"): text += "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            var scalar = Unicode.Scalar(unit)
            if (0xD800..<0xDC00).contains(unit), bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                offset += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a high surrogate without its low half") }
                scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
            }
            guard let scalar else { throw error("a lone surrogate in \\u escapes") }
            text.unicodeScalars.append(scalar)
        default: throw error("unknown escape")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt16 {
        guard offset + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var unit: UInt16 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
        }
        offset += 4
        return unit
    }
}
