/// Turning a scanned string token into a Swift `String`.
///
/// Most wire strings have no escapes and become a `String` straight from the line's
/// bytes. The rare escaped one is unescaped into the new string's own storage in one
/// pass: an escape never decodes to more bytes than it takes on the wire, so the raw
/// length is always enough capacity.
enum JSONStringDecoding {
    /// The string value of `token` (kind `.string`, already validated by `JSONScanner`).
    static func string(_ token: ScannedValue, in bytes: UnsafeRawBufferPointer) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        guard token.flag else { return String(decoding: raw, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: raw.count) { out in unescape(raw, into: out) }
    }

    /// Calls `body` with the unescaped UTF-8 bytes of `token`, copying only if it has
    /// escapes; for matching a value against known names without building a `String`.
    static func withBytes<R>(
        of token: ScannedValue, in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        guard token.flag else { return body(raw) }
        var decoded = string(token, in: bytes)
        return decoded.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Unescapes `raw` into `out` (at least `raw.count` bytes); returns the bytes written.
    /// Total even on input the scanner would refuse: a broken escape becomes U+FFFD.
    private static func unescape(_ raw: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        var o = 0
        func put(_ b: UInt8) {
            if o < out.count {
                out[o] = b
                o += 1
            }
        }
        while i < raw.count {
            let b = raw[i]
            guard b == ASCII.backslash, i + 1 < raw.count else {
                put(b)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(ASCII.lineFeed)
            case UInt8(ascii: "r"): put(ASCII.carriageReturn)
            case UInt8(ascii: "t"): put(ASCII.tab)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, at: i) ?? 0xFFFD
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if i + 5 < raw.count, raw[i] == ASCII.backslash, raw[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(raw, at: i + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                }
                for unit in (Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8 { put(unit) }
            default: put(e)  // `"`, `\`, `/`
            }
        }
        return o
    }

    private static func hex4(_ raw: UnsafeRawBufferPointer, at i: Int) -> UInt32? {
        guard i + 3 < raw.count else { return nil }
        var unit: UInt32 = 0
        for k in i...(i + 3) {
            guard let digit = ASCII.hexValue(raw[k]) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }
}
