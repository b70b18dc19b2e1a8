/// One marketing or sales touch on a lead's journey: the unit every attribution model
/// hands credit to.
///
/// ```swift
/// let touch = PathTouch(channel: "whatsapp", time: t, feature: "ai_response_generation",
///                       aiAssisted: true, cost: 0.02)
/// ```
public struct PathTouch: Sendable, Equatable {
    public var channel: String
    public var time: EpochMillis
    /// The product feature used on this touch (`feature_used`), if any.
    public var feature: String?
    public var aiAssisted: Bool
    /// What the touch cost (>= 0); summed per channel, never credited.
    public var cost: Double

    public init(channel: String, time: EpochMillis, feature: String? = nil, aiAssisted: Bool = false,
                cost: Double = 0) {
        self.channel = channel
        self.time = time
        self.feature = feature
        self.aiAssisted = aiAssisted
        self.cost = cost
    }
}

/// A lead's journey: its touches in time order and whether (and for how much) it
/// converted. Converted and non-converted paths both go to the data-driven models, which
/// learn from the journeys that led nowhere too.
///
/// The path's *end* is `conversionTime`, or its last touch's time when that is nil; the
/// lookback window and the ages of time decay are measured back from it.
///
/// ```swift
/// let path = AttributionPath(
///     touches: [PathTouch(channel: "ads", time: t0), PathTouch(channel: "email", time: t1)],
///     converted: true, revenue: 4800, conversionTime: t2, qualifiedAt: t1)
/// ```
public struct AttributionPath: Sendable, Equatable {
    /// In time order (callers sort; the models read "first" and "last" from the order).
    public var touches: [PathTouch]
    public var converted: Bool
    /// Won revenue; meaningful only when `converted`.
    public var revenue: Double
    public var conversionTime: EpochMillis?
    /// When the lead reached the `qualified` stage: picks W-shaped's opportunity touch.
    public var qualifiedAt: EpochMillis?

    public init(touches: [PathTouch], converted: Bool, revenue: Double = 0, conversionTime: EpochMillis? = nil,
                qualifiedAt: EpochMillis? = nil) {
        self.touches = touches
        self.converted = converted
        self.revenue = revenue
        self.conversionTime = conversionTime
        self.qualifiedAt = qualifiedAt
    }

    /// `conversionTime`, else the last touch's time; nil for an empty path without one.
    public var end: EpochMillis? { conversionTime ?? touches.last?.time }

    /// The path with only the touches that may earn credit: those at or before its `end`
    /// and, when `days` is given, no more than `days` before it (`end - days <= time`).
    /// Touches after a conversion never caused it, so they go whatever the lookback.
    ///
    /// ```swift
    /// path.withinLookback(days: 90).touches   // the last 90 days before conversion
    /// ```
    public func withinLookback(days: Double?) -> AttributionPath {
        guard let end else { return self }
        let window = LookbackWindow(end: end, days: days)
        var copy = self
        copy.touches = touches.filter { window.contains($0.time) }
        return copy
    }
}

/// `[end - lookback, end]`, the span of time whose touches may earn a path's credit.
struct LookbackWindow: Sendable {
    static let millisPerDay = 86_400_000.0

    let start: EpochMillis
    let end: EpochMillis

    init(end: EpochMillis, days: Double?) {
        self.end = end
        // A lookback of nil, NaN, infinite or beyond ~285 million years keeps everything.
        let span = days.map { ($0 * Self.millisPerDay).rounded(.down) } ?? .infinity
        if span >= 0, span < 9e18 {
            let (start, overflow) = end.subtractingReportingOverflow(EpochMillis(span))
            self.start = overflow ? .min : start
        } else {
            start = span < 0 ? end : .min
        }
    }

    @inline(__always) func contains(_ time: EpochMillis) -> Bool { time >= start && time <= end }
}
