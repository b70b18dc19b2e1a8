/// Numbers of a JSON text: checked against RFC 8259's grammar, then read as an integer
/// when their value is one, exactly (`1.5e3` is `.int(1500)`, `18446744073709551615` is
/// `.uint`), and as a `Double` otherwise (correctly rounded, by Swift's own parser).
extension JSONReader {
    mutating func number() throws(JSONParseError) -> JSONValue {
        let start = offset
        let negative = current == UInt8(ascii: "-")
        if negative { offset += 1 }
        let integerStart = offset
        guard let first = current, Self.isDigit(first) else { throw error("a number needs a digit here") }
        if first == UInt8(ascii: "0") {
            offset += 1
        } else {
            skipDigits()
        }
        let integerDigits = integerStart..<offset
        var fractionDigits = offset..<offset
        if current == UInt8(ascii: ".") {
            offset += 1
            let fractionStart = offset
            guard skipDigits() else { throw error("a number needs a digit after '.'") }
            fractionDigits = fractionStart..<offset
        }
        var exponent: Int?
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            var sign = 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                if current == UInt8(ascii: "-") { sign = -1 }
                offset += 1
            }
            let exponentStart = offset
            guard skipDigits() else { throw error("a number needs a digit in its exponent") }
            // Past ±100,000 only zero or out of range: no need to read further digits.
            let magnitude = bytes[exponentStart..<offset].reduce(0) { min($0 * 10 + Int($1 - 48), 100_000) }
            exponent = sign * magnitude
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if fractionDigits.isEmpty, exponent == nil {
            if let value = Int64(text) { return .int(value) }
            if let value = UInt64(text) { return .uint(value) }
        } else if let integer = integral(negative: negative, integerDigits, fractionDigits, exponent: exponent ?? 0) {
            return integer
        }
        guard let value = Double(text), value.isFinite else {
            offset = start
            throw error("a number beyond the range of a Double")
        }
        return .number(value)
    }

    /// `true` when at least one digit was skipped.
    @discardableResult
    private mutating func skipDigits() -> Bool {
        let start = offset
        while let byte = current, Self.isDigit(byte) { offset += 1 }
        return offset > start
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The number `±integer.fraction e exponent` as `.int` or `.uint` when its value is a
    /// whole number that fits; nil otherwise. Works on the decimal digits, so it is exact.
    private func integral(negative: Bool, _ integer: Range<Int>, _ fraction: Range<Int>, exponent: Int) -> JSONValue? {
        var digits = Array(bytes[integer]) + bytes[fraction]
        // The value is digits × 10^shift.
        var shift = exponent - fraction.count
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        guard !digits.isEmpty else { return .int(0) }
        while shift < 0, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            shift += 1
        }
        // Negative: a fraction remains. Past 20 digits: beyond UInt64.
        guard shift >= 0, digits.count + shift <= 20 else { return nil }
        let text = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: shift)
        if let value = Int64((negative ? "-" : "") + text) { return .int(value) }
        if !negative, let value = UInt64(text) { return .uint(value) }
        return nil
    }
}
