/// The value of a number token that `JSONScanner` has already checked against the JSON
/// grammar.
///
/// Wire numbers are short (`840`, `0.0041`), so the common case takes Clinger's fast
/// path: at most 19 significant digits in a `UInt64` and a power of ten up to 1e22 are
/// both exact in a `Double`, and one multiplication or division then rounds correctly.
/// Anything else (long mantissas, big exponents, `1e999`) goes to the standard library's
/// correctly rounded parser. Arithmetic here never traps: digits beyond the fast path and
/// huge exponents are clamped instead of overflowing.
enum JSONNumber {
    /// The number as a `Double`: `±infinity` for literals beyond its range, such as `1e999`.
    static func double(_ token: ScannedValue, in bytes: UnsafeRawBufferPointer) -> Double {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        return fastDouble(raw) ?? slowDouble(raw)
    }

    /// An integer literal (no fraction or exponent) as `Int64`, or nil if it does not fit.
    static func int64(_ token: ScannedValue, in bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = token.start
        let negative = bytes[i] == ASCII.minus
        if negative { i += 1 }
        var value: Int64 = 0
        while i < token.end {
            let digit = Int64(bytes[i] &- ASCII.zero)
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        return value
    }

    private static func fastDouble(_ raw: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        let negative = raw[0] == ASCII.minus
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var inFraction = false
        while i < raw.count {
            let b = raw[i]
            if b == ASCII.dot {
                inFraction = true
            } else if ASCII.isDigit(b) {
                if mantissa != 0 || b != ASCII.zero {
                    significantDigits += 1
                    if significantDigits > 19 { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(b &- ASCII.zero)
                }
                if inFraction { exponent -= 1 }
            } else {
                break  // `e` or `E`
            }
            i += 1
        }
        if i < raw.count {
            i += 1
            var exponentNegative = false
            if raw[i] == ASCII.minus || raw[i] == ASCII.plus {
                exponentNegative = raw[i] == ASCII.minus
                i += 1
            }
            var written = 0
            while i < raw.count {
                written = min(written &* 10 &+ Int(raw[i] &- ASCII.zero), 100_000)
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard mantissa <= 1 << 53, let scale = exactPowerOfTen(abs(exponent)) else { return nil }
        let magnitude = exponent < 0 ? Double(mantissa) / scale : Double(mantissa) * scale
        return negative ? -magnitude : magnitude
    }

    /// 10^n for n in 0...22, the powers a `Double` holds exactly.
    private static func exactPowerOfTen(_ n: Int) -> Double? {
        switch n {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        case 22: 1e22
        default: nil
        }
    }

    private static func slowDouble(_ raw: UnsafeRawBufferPointer) -> Double {
        let text = String(decoding: raw, as: UTF8.self)
        if let value = Double(text) { return value }
        // The grammar is already checked, so only a magnitude beyond `Double` gets here.
        return raw[0] == ASCII.minus ? -.infinity : .infinity
    }
}
