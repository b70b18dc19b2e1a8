/// When the engine forgets idle leads: the schedule of the retention sweep.
///
/// Why a sweep and not a check per event: forgetting a lead needs a pass over the table
/// (O(leads), a few ms at 100,000), which once an hour costs nothing, while per event even
/// a hash lookup would add up. The sweep follows time as the alert clock does: event time
/// in `Engine.apply` (so a replay forgets what a live run would) and a snapshot's `now`
/// (so an idle engine forgets too). `due(at:)` is one comparison until the next hour
/// begins; then it answers the cutoff, `time - retention`, and waits for the next hour.
/// A lead is thus kept at least `days` and at most `days` plus an hour (of the times the
/// engine has seen) after its last event.
///
/// ```swift
/// var retention = LeadRetention(days: 180)
/// retention.due(at: t)                // t - 180 days: sweep now
/// retention.due(at: t + 60_000)       // nil until the next whole hour
/// ```
struct LeadRetention: Sendable, Codable {
    static let dayMillis: EpochMillis = 86_400_000

    /// How long a lead is kept after its last event; nil keeps it forever.
    let keepMillis: EpochMillis?
    /// No sweep before this time: the start of the hour after the last sweep (`.max`
    /// when retention is off, `.min` before the first sweep).
    private var nextSweep: EpochMillis

    /// `days` of 0 or less keeps every lead.
    init(days: Int) {
        let (millis, overflow) = Int64(days).multipliedReportingOverflow(by: Self.dayMillis)
        keepMillis = days > 0 ? (overflow ? .max : millis) : nil
        nextSweep = keepMillis == nil ? .max : .min
    }

    /// The cutoff (leads last active before it go) when a sweep is due at `time`, else nil.
    @inline(__always)
    mutating func due(at time: EpochMillis) -> EpochMillis? {
        guard time >= nextSweep, let keepMillis else { return nil }
        let hourStart = time - TimeMath.floorMod(time, TimeMath.hourMillis)
        let (next, overflow) = hourStart.addingReportingOverflow(TimeMath.hourMillis)
        nextSweep = overflow ? .max : next
        let (cutoff, below) = time.subtractingReportingOverflow(keepMillis)
        return below ? .min : cutoff
    }
}
