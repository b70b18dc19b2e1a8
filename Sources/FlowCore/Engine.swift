/// The analytics engine: takes parsed events, answers snapshot queries.
///
/// Pure Swift, no I/O, no clock: every call that needs "now" takes it. Its state is
/// bounded: time-bucketed counters in ring buffers and a capped table of leads, never a
/// list of every event. Not thread-safe by itself; `EngineHost` owns one behind a lock
/// and applies events in batches.
///
/// ```swift
/// var engine = Engine()
/// engine.apply([event], receivedAt: now)
/// let snap = engine.snapshot(SnapshotQuery(), now: now)
/// ```
public struct Engine: Sendable {
    public var configuration: EngineConfiguration

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }

    /// Names of the configured SLOs: the wire layer rejects an `sli` for any other.
    public var sloNames: Set<String> { Set(configuration.slos.map(\.name)) }

    /// Applies a batch of accepted events. `receivedAt` is the receive time of the batch
    /// (for events/s); each event's own `time` places it in its bucket.
    public mutating func apply<S: Sequence>(_ events: S, receivedAt: EpochMillis) where S.Element == Event {
        fatalError("TODO")
    }

    /// Counts lines the wire layer refused, by reason.
    public mutating func recordRejections(_ counts: RejectionCounts) {
        fatalError("TODO")
    }

    /// Everything a frame or report needs at `now`. Mutating because alert state (when
    /// an alert started firing) advances with time.
    public mutating func snapshot(_ query: SnapshotQuery, now: EpochMillis) -> EngineSnapshot {
        fatalError("TODO")
    }
}
