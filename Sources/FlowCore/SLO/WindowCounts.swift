/// Good and total events of a sliding window whose oldest bucket is only partly inside it:
/// counts as fractions of events, so a burn rate read at 12:00:40 covers (11:55:40,
/// 12:00:40] rather than whole minutes.
///
/// Why fractions: minute buckets cannot say which events of the oldest minute fell after
/// the window's start, so that minute is weighted by the share of it inside the window.
/// The result is exact at minute boundaries and for even traffic; the worst case is off
/// by the events of that one minute (`SeriesCounters.window(endingAt:minutes:)`).
///
/// ```swift
/// let c = WindowCounts(SLICounts(good: 9, total: 10)) + WindowCounts(SLICounts(total: 4), weight: 0.25)
/// c.total   // 11.0
/// c.bad     // 2.0
/// ```
public struct WindowCounts: Sendable, Equatable {
    public var good: Double
    public var total: Double

    public init(good: Double = 0, total: Double = 0) {
        self.good = good
        self.total = total
    }

    /// Whole buckets' counts, each scaled by `weight` (1 for buckets wholly inside).
    public init(_ counts: SLICounts, weight: Double = 1) {
        good = Double(counts.good) * weight
        total = Double(counts.total) * weight
    }

    public static let zero = WindowCounts()

    public var bad: Double { total - good }
    /// No event counted, not even a fraction of one.
    public var isEmpty: Bool { total <= 0 }

    /// The counts rounded to whole events, for places that show event counts.
    public var rounded: SLICounts {
        SLICounts(good: Int64(exactly: good.rounded()) ?? 0, total: Int64(exactly: total.rounded()) ?? 0)
    }

    public static func + (a: WindowCounts, b: WindowCounts) -> WindowCounts {
        WindowCounts(good: a.good + b.good, total: a.total + b.total)
    }
}
