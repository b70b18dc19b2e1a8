/// Event time as the alert rules see it: a minute counter that only moves forward.
///
/// Why: alert state must advance with the data, not with whoever happens to look, so
/// the engine evaluates every rule once per completed minute, whether time was pushed by
/// an event's timestamp (replay) or by a snapshot's `now` (live). `advance(to:)` returns
/// the completed minutes to evaluate, oldest first. After 3 days with no minute evaluated
/// every window is empty, so a longer jump evaluates only the first 3 days of it.
///
/// ```swift
/// var clock = AlertClock()
/// clock.advance(to: 0)                  // [] (starts the clock at minute 0)
/// clock.advance(to: 125_000)            // 0...1 (minutes 0 and 1 completed)
/// ```
struct AlertClock: Sendable, Codable {
    /// The minute in progress; nil before the first event or snapshot.
    private(set) var minute: Int64?

    mutating func advance(to time: EpochMillis) -> ClosedRange<Int64>? {
        let target = TimeMath.minute(of: time)
        guard let current = minute else {
            minute = target
            return nil
        }
        guard target > current else { return nil }
        minute = target
        let last = min(target - 1, current + SeriesCounters.longestWindowMinutes + 1)
        return current...last
    }
}
