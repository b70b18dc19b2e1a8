/// The error budget of one SLO objective, with exact threshold comparisons.
///
/// Why integers: a burn rate exactly equal to an alert factor must not fire, and
/// `0.0144 / (1 - 0.999)` in floating point is `14.399999999999986`, one rounding away from
/// either answer. So the budget is kept as parts per billion and the factor as parts per
/// million, and `burn > factor` is decided as
/// `bad x 10^9 x 10^6 > factorPPM x total x budgetPPB` in 128-bit integers.
///
/// ```swift
/// let budget = ErrorBudget(objective: 0.999)
/// budget.exceeds(SLICounts(good: 9_856, total: 10_000), factor: 14.4)  // false: burn is 14.4
/// budget.exceeds(SLICounts(good: 9_855, total: 10_000), factor: 14.4)  // true
/// ```
public struct ErrorBudget: Sendable, Equatable, Codable {
    public let objective: Double
    /// 1 - objective in parts per billion (at least 1, so a 100% objective still divides).
    public let budgetPPB: Int64

    public init(objective: Double) {
        self.objective = objective
        let ppb = ((1 - objective) * 1_000_000_000).rounded()
        budgetPPB = max(1, Int64(exactly: ppb) ?? 1)
    }

    /// The allowed error ratio, 1 - objective, as the integer budget sees it.
    public var fraction: Double { Double(budgetPPB) / 1_000_000_000 }

    /// Error ratio / allowed error ratio; nil when there were no events.
    public func burnRate(_ c: SLICounts) -> Double? {
        guard c.total > 0 else { return nil }
        return Double(c.bad) * 1_000_000_000 / (Double(c.total) * Double(budgetPPB))
    }

    /// The burn rate over a sliding window's (fractional) counts; nil when it is empty.
    public func burnRate(_ c: WindowCounts) -> Double? {
        guard c.total > 0 else { return nil }
        return c.bad * 1_000_000_000 / (c.total * Double(budgetPPB))
    }

    /// The budget left over a sliding window's (fractional) counts; nil when it is empty.
    public func remaining(_ c: WindowCounts) -> Double? {
        guard let burn = burnRate(c) else { return nil }
        return 1 - burn
    }

    /// Whether the burn rate over `c` is strictly above `factor`, decided exactly.
    /// An empty window never exceeds.
    public func exceeds(_ c: SLICounts, factor: Double) -> Bool {
        guard c.total > 0 else { return false }
        guard factor >= 0 else { return true }
        let factorPPM = Int128(exactly: (factor * 1_000_000).rounded()) ?? Int128(Int64.max)
        let lhs = Int128(c.bad) * 1_000_000_000 * 1_000_000
        let rhs = factorPPM * Int128(c.total) * Int128(budgetPPB)
        return lhs > rhs
    }

    /// 1 - bad / (total x budget): 1 untouched, 0 spent, negative overspent. nil when empty.
    public func remaining(_ c: SLICounts) -> Double? {
        guard c.total > 0 else { return nil }
        return 1 - Double(c.bad) * 1_000_000_000 / (Double(c.total) * Double(budgetPPB))
    }
}

/// Projections from burn rates.
public enum BurnRateMath {
    /// Seconds until the remaining budget is spent at the current burn:
    /// remaining fraction x window seconds / burn. nil unless both are positive.
    ///
    /// At burn 1 a full budget lasts exactly the window (30 days); at burn 10, a tenth.
    public static func timeToExhaustion(remaining: Double?, windowSeconds: Double, burn: Double?) -> Double? {
        guard let remaining, let burn, remaining > 0, burn > 0 else { return nil }
        return remaining * windowSeconds / burn
    }
}
