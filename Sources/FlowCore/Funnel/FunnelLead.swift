/// What the engine keeps per lead for funnel analysis: when the lead first reached each
/// stage, when it was last marked lost, and what it was won for.
///
/// Why first times and not a current stage: conversion windows, time-to-next percentiles
/// and "created in the last 30 days" all need *when*, and keeping the earliest time per
/// stage makes the record independent of the order events arrive in. Every rule lives in
/// `apply(stage:at:revenue:)` and `applyCreated(source:at:)`, so the engine and the tests
/// build records the same way:
///
/// - **Jumps** count the skipped stages as reached at the time of the jump: `meeting` at
///   `t` sets `contacted` and `qualified` to `t` unless they were reached earlier.
/// - **Repeats** change nothing: a stage keeps its first (earliest) time.
/// - **Out of order**: a late event for an earlier stage with an *earlier* timestamp moves
///   that stage (and the stages before it) back to that timestamp; with a later timestamp
///   it changes nothing, because the stage was already passed. So `qualified` at 10:00
///   then `contacted` at 09:00 gives contacted 09:00, qualified 10:00; `contacted` at
///   11:00 instead would leave contacted at 10:00.
/// - **`created`** is the earliest time of any of the lead's events (`reached[0]` mirrors
///   it): a stage event for a lead the engine has not seen creates it, with source
///   `unknown` until a `lead_created` names one.
/// - **Lost** keeps the *latest* `lost` time. Analysis calls a lead lost when that time is
///   at or after the last stage it reached and it was not won, so a lead that is lost,
///   reopened and moved on is open again, whatever order the events came in.
/// - **Won revenue** is the revenue of the earliest `won` event (the one that set the won
///   time); on a tie in milliseconds the larger amount, so arrival order never matters.
///
/// ```swift
/// var lead = FunnelLead(tenant: "acme", source: "whatsapp", created: t)
/// lead.apply(stage: .meeting, at: t + 3_600_000)        // contacted, qualified, meeting at t+1h
/// lead.apply(stage: .contacted, at: t + 60_000)         // out of order: contacted moves to t+1min
/// lead.apply(stage: .won, at: t + 86_400_000, revenue: 4_800)
/// ```
public struct FunnelLead: Sendable, Equatable, Codable {
    /// The source of a lead known only from stage events (or a `lead_created` without one).
    public static let unknownSource = "unknown"

    public var tenant: String
    public var source: String
    /// When the lead was created: the earliest time of any of its events.
    public var created: EpochMillis
    /// Indexed like `Stage.funnel`: the first time the lead reached or passed each stage;
    /// nil while it has not. Always six entries; `reached[0] == created`.
    public var reached: [EpochMillis?]
    /// The latest `lost` event's time; nil if never lost.
    public var lostAt: EpochMillis?
    /// Revenue of the earliest `won` event; 0 until won.
    public var wonRevenue: Double

    /// A lead as a `lead_created` event (or the first stage event of an unknown lead)
    /// creates it; apply its first stage event afterwards.
    public init(tenant: String = "default", source: String = FunnelLead.unknownSource, created: EpochMillis) {
        self.init(tenant: tenant, source: source, created: created, reached: [created])
    }

    /// A lead from stored values, e.g. the engine's own table or a test fixture. `reached`
    /// is padded with nil or cut to six entries and its first entry set to `created`.
    public init(tenant: String, source: String, created: EpochMillis, reached: [EpochMillis?],
                lostAt: EpochMillis? = nil, wonRevenue: Double = 0) {
        self.init(stored: tenant, source: source, created: created, reached: reached, lostAt: lostAt,
                  wonRevenue: wonRevenue)
        normalize()
    }

    /// A lead exactly as it was stored (a checkpoint's lead table), not normalized: what
    /// was kept comes back as it was.
    init(stored tenant: String, source: String, created: EpochMillis, reached: [EpochMillis?],
         lostAt: EpochMillis?, wonRevenue: Double) {
        self.tenant = tenant
        self.source = source
        self.created = created
        self.reached = reached
        self.lostAt = lostAt
        self.wonRevenue = wonRevenue
    }

    /// A lead first seen in a stage event (`lead_stage` for an id the engine does not
    /// know): source `unknown`, created at the event's time, the event applied.
    public static func firstSeen(tenant: String, stage: Stage, at time: EpochMillis, revenue: Double = 0) -> FunnelLead {
        var lead = FunnelLead(tenant: tenant, created: time)
        lead.apply(stage: stage, at: time, revenue: revenue)
        return lead
    }

    /// A `lead_created` event: names the source if it was unknown (a known source is
    /// kept) and moves `created` back if this event is earlier.
    public mutating func applyCreated(source: String, at time: EpochMillis) {
        if self.source == Self.unknownSource { self.source = source }
        apply(stage: .leadCreated, at: time)
    }

    /// A `lead_stage` event (or `lead_created` as `.leadCreated`), by the rules above.
    public mutating func apply(stage: Stage, at time: EpochMillis, revenue: Double = 0) {
        normalize()
        guard stage != .lost else {
            lostAt = max(lostAt ?? time, time)
            lowerStages(through: 0, to: time)
            return
        }
        let index = Int(stage.rawValue)
        let wonBefore = reached[Self.wonIndex]
        lowerStages(through: index, to: time)
        guard stage == .won else { return }
        if let wonBefore, wonBefore == time {
            wonRevenue = max(wonRevenue, revenue)
        } else if wonBefore.map({ time < $0 }) ?? true {
            wonRevenue = revenue
        }
    }

    static let wonIndex = Stage.funnel.count - 1

    /// Stages 0...index reached at `time` unless reached earlier.
    private mutating func lowerStages(through index: Int, to time: EpochMillis) {
        for i in 0...index where reached[i].map({ time < $0 }) ?? true {
            reached[i] = time
        }
        created = reached[0] ?? time
    }

    private mutating func normalize() {
        let n = Stage.funnel.count
        if reached.count != n {
            reached = Array(reached.prefix(n)) + Array(repeating: nil, count: max(0, n - reached.count))
        }
        reached[0] = created
    }
}
