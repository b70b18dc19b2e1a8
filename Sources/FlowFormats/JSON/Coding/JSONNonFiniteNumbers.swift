/// The strings that stand for the numbers JSON has no spelling for, when a tree coder is
/// given them: written for `Double` and `Float` values that are infinite or not a number,
/// and read back as those values where a number is expected.
///
/// ```swift
/// let encoder = JSONTreeEncoder(nonFiniteNumbers: .prometheus)
/// try encoder.encode([Double.infinity, -.infinity])   // .array([.string("+Inf"), .string("-Inf")])
/// ```
public struct JSONNonFiniteNumbers: Sendable, Equatable {
    public var positiveInfinity: String
    public var negativeInfinity: String
    public var nan: String

    public init(positiveInfinity: String, negativeInfinity: String, nan: String) {
        self.positiveInfinity = positiveInfinity
        self.negativeInfinity = negativeInfinity
        self.nan = nan
    }

    /// Prometheus' spelling: `+Inf`, `-Inf`, `NaN`.
    public static let prometheus = JSONNonFiniteNumbers(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")

    /// The string for `value`, which is not finite.
    func string(for value: Double) -> String {
        value.isNaN ? nan : value < 0 ? negativeInfinity : positiveInfinity
    }

    /// The number `text` stands for; nil for any other string.
    func number(for text: String) -> Double? {
        switch text {
        case positiveInfinity: .infinity
        case negativeInfinity: -.infinity
        case nan: .nan
        default: nil
        }
    }
}

/// The options of one `encode` or `decode` call, shared by every encoder or decoder it makes.
final class TreeCodingContext {
    let nonFiniteNumbers: JSONNonFiniteNumbers?
    let userInfo: [CodingUserInfoKey: Any]

    init(nonFiniteNumbers: JSONNonFiniteNumbers?, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.nonFiniteNumbers = nonFiniteNumbers
        self.userInfo = userInfo
    }
}
