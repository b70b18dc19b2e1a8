/// Turns a percentage written in a file into a fraction without binary rounding noise:
/// `targetPercent: 99.9` must give the same objective as `target: 0.999`, and 99.9 / 100
/// in floating point is 0.9990000000000001. Shifting the decimal point in the text first
/// gives exactly the number a reader sees.
///
/// ```swift
/// Percentage.fraction("99.9")  // 0.999
/// Percentage.fraction("2")     // 0.02
/// ```
enum Percentage {
    /// nil when `text` is not a finite number.
    static func fraction(_ text: String) -> Double? {
        let text = text.filter { $0 != "_" }
        guard let value = Double(text), value.isFinite else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return value / 100  // signs, exponents: rare enough for plain division
        }
        let whole = String(repeating: "0", count: max(0, 2 - parts[0].count)) + parts[0]
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        let integer = whole.dropLast(2).isEmpty ? "0" : whole.dropLast(2)
        return Double("\(integer).\(whole.suffix(2))\(decimals)")
    }
}
