/// A single-pass, validating JSON scanner over the bytes of one line.
///
/// It checks the full RFC 8259 grammar (strings and their escapes, UTF-8, numbers,
/// literals, nesting) but decodes nothing: it reports each member of the outer object as
/// a `ScannedValue` location and leaves decoding to the fields that are wanted. That keeps
/// the ingest hot path free of allocation and of Foundation. Nesting is limited to
/// `maxDepth`, so a hostile line of ten thousand `[` can not exhaust the stack.
struct JSONScanner {
    /// Deepest nesting accepted; the event object itself is depth 1.
    static let maxDepth = 64

    let bytes: UnsafeRawBufferPointer
    var pos: Int

    init(_ bytes: UnsafeRawBufferPointer, at pos: Int = 0) {
        self.bytes = bytes
        self.pos = pos
    }

    var atEnd: Bool { pos >= bytes.count }

    @inline(__always)
    func fail(_ message: StaticString) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: pos)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn: pos += 1
            default: return
            }
        }
    }

    /// Scans the whole line as one object, calling `member` with each key and value in
    /// order; anything but whitespace after the closing `}` is an error.
    mutating func scanTopLevelObject(
        _ member: (ScannedValue, ScannedValue) -> Void
    ) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == ASCII.openBrace else {
            throw fail("expected a JSON object")
        }
        try scanMembers(depth: 1, member)
        skipWhitespace()
        guard atEnd else { throw fail("unexpected data after the object") }
    }

    /// Scans any value at `pos`; `depth` is the nesting of the container it sits in.
    mutating func scanValue(depth: Int) throws(JSONSyntaxError) -> ScannedValue {
        guard pos < bytes.count else { throw fail("unexpected end of line") }
        let start = pos
        switch bytes[pos] {
        case ASCII.quote:
            return try scanString()
        case ASCII.openBrace:
            guard depth < Self.maxDepth else { throw fail("nesting too deep") }
            try scanMembers(depth: depth + 1) { _, _ in }
            return ScannedValue(kind: .object, start: start, end: pos, flag: false)
        case ASCII.openBracket:
            guard depth < Self.maxDepth else { throw fail("nesting too deep") }
            try scanElements(depth: depth + 1)
            return ScannedValue(kind: .array, start: start, end: pos, flag: false)
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            return ScannedValue(kind: .bool, start: start, end: pos, flag: true)
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            return ScannedValue(kind: .bool, start: start, end: pos, flag: false)
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            return ScannedValue(kind: .null, start: start, end: pos, flag: false)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return try scanNumber()
        default:
            throw fail("unexpected character")
        }
    }

    /// `pos` is at `{`; on return it is just past the matching `}`.
    mutating func scanMembers(
        depth: Int, _ member: (ScannedValue, ScannedValue) -> Void
    ) throws(JSONSyntaxError) {
        pos += 1
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == ASCII.closeBrace {
            pos += 1
            return
        }
        while true {
            guard pos < bytes.count, bytes[pos] == ASCII.quote else {
                throw fail("expected a key string")
            }
            let key = try scanString()
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == ASCII.colon else { throw fail("expected ':'") }
            pos += 1
            skipWhitespace()
            let value = try scanValue(depth: depth)
            member(key, value)
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of line") }
            switch bytes[pos] {
            case ASCII.comma:
                pos += 1
                skipWhitespace()
            case ASCII.closeBrace:
                pos += 1
                return
            default:
                throw fail("expected ',' or '}'")
            }
        }
    }

    /// `pos` is at `[`; on return it is just past the matching `]`.
    mutating func scanElements(depth: Int) throws(JSONSyntaxError) {
        pos += 1
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == ASCII.closeBracket {
            pos += 1
            return
        }
        while true {
            _ = try scanValue(depth: depth)
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of line") }
            switch bytes[pos] {
            case ASCII.comma:
                pos += 1
                skipWhitespace()
            case ASCII.closeBracket:
                pos += 1
                return
            default:
                throw fail("expected ',' or ']'")
            }
        }
    }

    mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let n = literal.utf8CodeUnitCount
        guard bytes.count - pos >= n,
            UnsafeRawBufferPointer(rebasing: bytes[pos..<(pos + n)]).equals(literal)
        else { throw fail("invalid literal") }
        pos += n
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; the value is decoded later
    /// by `JSONNumber`. Leading zeros, `+1`, `.5`, `1.`, `NaN` and `Infinity` are errors.
    mutating func scanNumber() throws(JSONSyntaxError) -> ScannedValue {
        let start = pos
        if bytes[pos] == ASCII.minus { pos += 1 }
        guard pos < bytes.count, ASCII.isDigit(bytes[pos]) else { throw fail("invalid number") }
        if bytes[pos] == ASCII.zero {
            pos += 1
        } else {
            skipDigits()
        }
        var isInteger = true
        if pos < bytes.count, bytes[pos] == ASCII.dot {
            isInteger = false
            pos += 1
            guard pos < bytes.count, ASCII.isDigit(bytes[pos]) else { throw fail("invalid number") }
            skipDigits()
        }
        if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == ASCII.plus || bytes[pos] == ASCII.minus { pos += 1 }
            guard pos < bytes.count, ASCII.isDigit(bytes[pos]) else { throw fail("invalid number") }
            skipDigits()
        }
        return ScannedValue(kind: .number, start: start, end: pos, flag: isInteger)
    }

    @inline(__always)
    mutating func skipDigits() {
        while pos < bytes.count, ASCII.isDigit(bytes[pos]) { pos += 1 }
    }
}

/// The bytes the scanner and the timestamp parser look for, by name.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case zero...nine: UInt32(b &- zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }
}
