/// The documented range of every number an event may carry (docs/events.md, "Limits").
///
/// Why bounds at all: every figure flowtop shows is a sum, a product or a conversion of
/// these values. A client that sends `tokens_input` 9223372036854775807 twice, or a revenue
/// of 1e308, must get `out_of_range` for that line, not a trapped engine or a headline of
/// `$1.7e+296T`. The bounds are far above anything real (a billion tokens in one request, a
/// trillion dollars on one deal, a day for one reply), so valid traffic never meets them,
/// and they keep every sum the engine keeps far inside `Int64` and finite `Double`s:
/// 9 billion maximal requests before a token counter could even saturate.
///
/// ```swift
/// EventLimits.maxTokens            // 1_000_000_000
/// EventLimits.maxRevenue           // 1e12
/// ```
public enum EventLimits {
    /// `tokens_input`, `tokens_output`: a whole number of tokens per request.
    public static let maxTokens: Int64 = 1_000_000_000
    /// `cost_usd` of one AI request, in dollars.
    public static let maxAICostUSD: Double = 1_000_000
    /// `cost` of one touchpoint, in dollars.
    public static let maxTouchCost: Double = 1_000_000
    /// `revenue` of one `lead_stage`, in dollars.
    public static let maxRevenue: Double = 1_000_000_000_000
    /// `latency_ms` of any event: one day.
    public static let maxLatencyMs: Double = 86_400_000
    /// `duration_seconds` of an AI request: one day.
    public static let maxDurationSeconds: Double = 86_400
}

extension Int64 {
    /// `self + other`, held at `Int64.max` (or `.min`) instead of trapping: for counters fed
    /// by input values, where a wrong total is better than a dead engine.
    @inlinable
    public func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        if !overflow { return sum }
        return other > 0 ? .max : .min
    }
}
