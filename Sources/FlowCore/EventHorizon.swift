/// How far from "now" an event's time may lie for the engine to keep it: the acceptance
/// rule the wire layer applies before it counts a line `accepted` (docs/events.md,
/// "Time").
///
/// Why: a `sync_ack` that says `accepted` promises the event is in the engine. An event
/// older than every window that could show it (ts 0, year 0, 31 days ago against 30-day
/// SLOs) would be dropped by the rings without a trace, so it is refused up front as
/// `ts_too_old`; one further ahead than the skew allows is `ts_in_future`, and could
/// otherwise push the engine's clock ahead of real time.
///
/// - SLO and metric events (latencies, AI requests, messages, `sli`) are kept for the
///   longest SLO window configured (at least 30 days, the span of the hour rings).
/// - Lead events (`lead_created`, `lead_stage`, `touchpoint`) are kept as long as leads
///   are (`leadRetentionDays`, default 180; with no retention, 3650 days, the longest
///   funnel period).
///
/// ```swift
/// let horizon = EventHorizon(configuration: EngineConfiguration())
/// horizon.rejection(for: event, now: clock.now())   // nil, or ts_in_future / ts_too_old
/// ```
public struct EventHorizon: Sendable, Equatable {
    public static let dayMillis: EpochMillis = 86_400_000
    /// How far ahead of now an event may be stamped (EVENTS.md: 5 minutes).
    public var maxFutureSkewMillis: EpochMillis
    /// The oldest SLO or metric event kept, as an age.
    public var maxAgeMillis: EpochMillis
    /// The oldest lead event kept, as an age.
    public var maxLeadAgeMillis: EpochMillis

    public init(maxFutureSkewMillis: EpochMillis = 300_000, maxAgeMillis: EpochMillis = 30 * Self.dayMillis,
                maxLeadAgeMillis: EpochMillis = 180 * Self.dayMillis) {
        self.maxFutureSkewMillis = max(0, maxFutureSkewMillis)
        self.maxAgeMillis = max(0, maxAgeMillis)
        self.maxLeadAgeMillis = max(0, maxLeadAgeMillis)
    }

    /// Accepts every time: for a caller that judges times itself (`Replay`) or a test of
    /// the timestamp syntax alone.
    public static let unbounded = EventHorizon(maxFutureSkewMillis: .max, maxAgeMillis: .max, maxLeadAgeMillis: .max)

    /// The horizon of an engine so configured.
    public init(configuration: EngineConfiguration, maxFutureSkewMillis: EpochMillis = 300_000) {
        let sloDays = configuration.slos.map { max($0.window.retainedDays, 30) }.max() ?? 30
        let leadDays = configuration.leadRetentionDays > 0 ? min(configuration.leadRetentionDays, 3650) : 3650
        self.init(maxFutureSkewMillis: maxFutureSkewMillis, maxAgeMillis: Int64(sloDays) * Self.dayMillis,
                  maxLeadAgeMillis: Int64(leadDays) * Self.dayMillis)
    }

    /// Whether an event of this kind stamped `time` can be kept at `now`: nil if so, else
    /// `ts_too_old` or `ts_in_future` (detail `ts`). Saturating, so any `Int64` is safe.
    public func rejection(time: EpochMillis, isLeadEvent: Bool, now: EpochMillis) -> Rejection? {
        if time > now.saturatingAdd(maxFutureSkewMillis) { return Rejection(.tsInFuture, "ts") }
        let age = isLeadEvent ? maxLeadAgeMillis : maxAgeMillis
        if time < now.saturatingAdd(-age) { return Rejection(.tsTooOld, "ts") }
        return nil
    }

    /// The same for a parsed event; `sync` is always kept.
    public func rejection(for event: Event, now: EpochMillis) -> Rejection? {
        switch event.body {
        case .sync: nil
        case .leadCreated, .leadStage, .touchpoint: rejection(time: event.time, isLeadEvent: true, now: now)
        default: rejection(time: event.time, isLeadEvent: false, now: now)
        }
    }
}
