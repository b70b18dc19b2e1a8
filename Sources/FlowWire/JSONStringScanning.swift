/// String tokens: escapes and UTF-8 are validated here, once, so that decoding later
/// (`JSONStringDecoding`) can not meet a malformed string.
extension JSONScanner {
    /// `pos` is at the opening quote; on return it is just past the closing one.
    /// Rejects raw control characters, unknown escapes, `\u` escapes that do not form a
    /// Unicode scalar (a lone or reversed surrogate), and ill-formed UTF-8 (overlong forms,
    /// encoded surrogates, code points past U+10FFFF, truncated sequences).
    mutating func scanString() throws(JSONSyntaxError) -> ScannedValue {
        pos += 1
        let start = pos
        var escaped = false
        while pos < bytes.count {
            skipPlainWords()
            guard pos < bytes.count else { break }
            let b = bytes[pos]
            if b == ASCII.quote {
                let value = ScannedValue(kind: .string, start: start, end: pos, flag: escaped)
                pos += 1
                return value
            }
            if b < 0x80 {
                if b == ASCII.backslash {
                    escaped = true
                    try scanEscape()
                } else if b < 0x20 {
                    throw fail("control character in string")
                } else {
                    pos += 1
                }
            } else {
                try scanMultiByteScalar()
            }
        }
        throw fail("unterminated string")
    }

    /// Skips 8 bytes at a time while none of them is a quote, a backslash, a control
    /// character or non-ASCII, then stops exactly at the first one that is. Each test
    /// flags its lowest matching byte exactly (a borrow only runs upwards, so only bytes
    /// above a real match can be flagged wrongly), so the lowest flag of the word is the
    /// first byte that needs a closer look, and the closing quote of a short string is
    /// found without a byte-by-byte pass. Event strings are mostly plain ASCII words.
    @inline(__always)
    private mutating func skipPlainWords() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while bytes.count - pos >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
            let quote = word ^ (ones &* UInt64(ASCII.quote))
            let backslash = word ^ (ones &* UInt64(ASCII.backslash))
            let special =
                (word  // non-ASCII
                | ((word &- ones &* 0x20) & ~word)  // < 0x20
                | ((quote &- ones) & ~quote)  // == `"`
                | ((backslash &- ones) & ~backslash))  // == `\`
                & highs
            if special != 0 {
                pos += special.trailingZeroBitCount >> 3
                return
            }
            pos += 8
        }
    }

    /// `pos` is at `\`.
    private mutating func scanEscape() throws(JSONSyntaxError) {
        guard pos + 1 < bytes.count else { throw fail("unterminated string") }
        switch bytes[pos + 1] {
        case ASCII.quote, ASCII.backslash, ASCII.slash,
            UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
        case UInt8(ascii: "u"):
            let unit = try hexEscape(at: pos)
            switch unit {
            case 0xD800...0xDBFF:
                guard pos + 11 < bytes.count, bytes[pos + 6] == ASCII.backslash,
                    bytes[pos + 7] == UInt8(ascii: "u")
                else { throw fail("unpaired surrogate escape") }
                let low = try hexEscape(at: pos + 6)
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate escape") }
                pos += 12
            case 0xDC00...0xDFFF:
                throw fail("unpaired surrogate escape")
            default:
                pos += 6
            }
        default:
            throw fail("invalid escape")
        }
    }

    /// The code unit of the `\uXXXX` escape starting at `at`.
    private func hexEscape(at: Int) throws(JSONSyntaxError) -> UInt32 {
        guard at + 5 < bytes.count else { throw JSONSyntaxError(message: "invalid \\u escape", offset: at) }
        var unit: UInt32 = 0
        for i in (at + 2)...(at + 5) {
            guard let digit = ASCII.hexValue(bytes[i]) else {
                throw JSONSyntaxError(message: "invalid \\u escape", offset: at)
            }
            unit = unit << 4 | digit
        }
        return unit
    }

    /// `pos` is at a byte >= 0x80: one well-formed UTF-8 sequence (Unicode table 3-7).
    private mutating func scanMultiByteScalar() throws(JSONSyntaxError) {
        let lead = bytes[pos]
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: throw fail("invalid UTF-8")
        }
        guard bytes.count - pos >= length else { throw fail("invalid UTF-8") }
        let second = bytes[pos + 1]
        guard second >= secondLow, second <= secondHigh else { throw fail("invalid UTF-8") }
        var i = 2
        while i < length {
            guard bytes[pos + i] & 0xC0 == 0x80 else { throw fail("invalid UTF-8") }
            i += 1
        }
        pos += length
    }
}
