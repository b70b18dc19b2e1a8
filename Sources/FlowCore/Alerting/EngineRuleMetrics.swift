/// The values threshold rules watch (`RuleMetric`), kept by the engine as events arrive:
/// AI cost per minute, lines accepted and rejected per minute, and 5-minute latency
/// histograms of message processing and AI responses.
///
/// Why its own small rings rather than the SLOs' counters: a rule must work whatever
/// SLOs are configured (`--no-builtin-slos`), and each ring here is a few KB (the two
/// latency rings 5 minutes of `LatencyCounts` each: a few KiB typically, 60 KiB at
/// most). Recording is O(1) within a minute (the latencies: a binary search among the
/// minute's distinct values).
///
/// Time: AI cost, latencies and the newest event by event time; accepted and rejected lines by receive time
/// (a rejected line has no trustworthy timestamp). `value(_:at:)` reads each metric as of
/// `at`, the end of the minute being judged.
///
/// ```swift
/// var metrics = EngineRuleMetrics()
/// metrics.recordAICost(0.8, at: t)
/// metrics.value(.aiCostPerHour, at: t + 60_000, lastEventAt: t)   // 0.8
/// ```
struct EngineRuleMetrics: Sendable, Codable {
    static let minuteMillis: EpochMillis = 60_000
    /// Minutes in the rejected-ratio and latency windows.
    static let shortWindowMinutes = 5

    private var aiCost = TimeSums(bucketMillis: minuteMillis, count: 62)
    private var accepted = TimeSums(bucketMillis: minuteMillis, count: 8)
    private var rejected = TimeSums(bucketMillis: minuteMillis, count: 8)
    private var messageLatency = Self.latencyRing()
    private var aiLatency = Self.latencyRing()
    /// The first time the engine saw (an event or a snapshot): ingest silence counts from
    /// here until the first event.
    private(set) var startedAt: EpochMillis?
    /// The newest event time applied: with the receive time of the last batch, what
    /// ingest silence counts from (a replay applies hours of events in one batch).
    private(set) var latestEventTime: EpochMillis?

    private static func latencyRing() -> LatencyRing {
        LatencyRing(bucketMillis: minuteMillis, spans: [shortWindowMinutes - 1])
    }

    mutating func noteTime(_ t: EpochMillis) {
        if startedAt == nil { startedAt = t }
    }

    mutating func noteEvent(at t: EpochMillis) {
        if t > latestEventTime ?? .min { latestEventTime = t }
    }

    mutating func recordAICost(_ cost: Double, at t: EpochMillis) {
        if cost > 0 { aiCost.add(cost, at: t) }
    }

    mutating func recordLatency(_ metric: RuleMetric, ms: Double, at t: EpochMillis) {
        guard let units = LatencyWindows.units(latencyMs: ms) else { return }
        switch metric {
        case .messageProcessingP99Ms: _ = messageLatency.record(units, at: t)
        case .aiResponseP99Ms: _ = aiLatency.record(units, at: t)
        default: break
        }
    }

    mutating func recordIntake(accepted count: Int64, rejected bad: Int64, at t: EpochMillis) {
        if count > 0 { accepted.add(Double(count), at: t) }
        if bad > 0 { rejected.add(Double(bad), at: t) }
    }

    /// The metric's value as of `at`; nil when it has none (no latency in the window, no
    /// line at all for the rejected ratio): a rule on it then does not hold.
    func value(_ metric: RuleMetric, at: EpochMillis, lastEventAt: EpochMillis?) -> Double? {
        let short = Self.shortWindowMinutes - 1
        switch metric {
        case .aiCostPerHour:
            return aiCost.total(last: 59, now: at - 1)
        case .ingestSilenceSeconds:
            let newest = [lastEventAt, latestEventTime].compactMap { $0 }.max()
            guard let since = newest ?? startedAt else { return nil }
            return Double(max(0, at - since)) / 1000
        case .rejectedRatio:
            let bad = rejected.total(last: short, now: at - 1)
            let all = bad + accepted.total(last: short, now: at - 1)
            return all > 0 ? bad / all : nil
        case .eventsPerSecond:
            return accepted.total(last: 0, now: at - 1) / 60
        case .messageProcessingP99Ms:
            return p99(messageLatency, at: at)
        case .aiResponseP99Ms:
            return p99(aiLatency, at: at)
        }
    }

    /// p99 over the 5 whole minutes before `at` (a minute boundary).
    private func p99(_ ring: LatencyRing, at: EpochMillis) -> Double? {
        ring.distribution(span: Int64(Self.shortWindowMinutes - 1), now: at - 1).flatMap { LatencyWindows.percentiles(of: $0).p99 }
    }
}
