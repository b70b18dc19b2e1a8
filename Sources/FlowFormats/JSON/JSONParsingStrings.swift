/// Strings of a JSON text: a plain run copied once, escapes one at a time (`\uXXXX` a UTF-16
/// unit; a surrogate must come in a pair), no control characters, valid UTF-8 only.
///
/// ```swift
/// try JSONValue.parse(Array(#"["\u00e9\ud83d\ude00\/"]"#.utf8))   // .array([.string("é😀/")])
/// ```
extension JSONReader {
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
