import Synchronization

/// The one owner of the engine in a live process: ingest connections apply batches and the
/// dashboard, reports and HTTP take snapshots, all through one lock taken once per batch
/// (never per event).
///
/// ```swift
/// let host = EngineHost(engine: Engine(), clock: WallClock())
/// host.apply(batch, rejected: counts)
/// let snap = host.snapshot(SnapshotQuery(tenant: "acme"))
/// ```
public final class EngineHost: Sendable {
    private let state: Mutex<Engine>
    /// Where every change is written ahead, in order (FlowStore's journal); nil keeps the
    /// engine in memory only (`--ephemeral`, reports, tests).
    public let journal: (any EngineJournal)?
    private let versionCounter = Atomic<UInt64>(0)
    public let clock: any EngineClock
    /// Fixed at start: the wire layer checks `sli` events against it without the lock.
    public let sloNames: Set<String>
    /// Fixed at start, likewise: the acceptance rule for event times (`EventHorizon`).
    public let horizon: EventHorizon

    public init(engine: Engine = Engine(), clock: any EngineClock, journal: (any EngineJournal)? = nil) {
        sloNames = engine.sloNames
        horizon = engine.horizon
        state = Mutex(engine)
        self.clock = clock
        self.journal = journal
    }

    /// Applies one batch of accepted events and the batch's rejections, under one lock.
    /// Returns where the batch ends in the journal (nil without one): a sync after it is
    /// durable once the journal is durable up to there.
    @discardableResult
    public func apply(_ events: [Event], rejected: RejectionCounts = RejectionCounts()) -> JournalPosition? {
        let now = clock.now()
        let position = state.withLock { engine -> JournalPosition? in
            if !events.isEmpty { engine.apply(events, receivedAt: now) }
            if rejected.total > 0 { engine.recordRejections(rejected, receivedAt: now) }
            return journal?.append(.batch(events: events, rejected: rejected, receivedAt: now))
        }
        versionCounter.add(1, ordering: .releasing)
        return position
    }

    /// The engine as it is now, and the journal position it includes: a value (copy on
    /// write, O(1) to take) that a checkpoint encodes without holding the lock.
    public func checkpointState() -> (engine: Engine, position: JournalPosition?) {
        let now = clock.now()
        return state.withLock { engine in
            engine.advance(to: now)
            return (engine, journal?.append(.advance(to: now)))
        }
    }

    /// Everything one frame needs, at the clock's now. The pass over every lead (funnel,
    /// attribution) runs outside the lock, so ingest never waits for it.
    public func snapshot(_ query: SnapshotQuery) -> EngineSnapshot {
        let now = clock.now()
        let (partial, work) = state.withLock { engine in
            journalAdvance(&engine, to: now)
            return engine.snapshotWithoutLeads(query, now: now)
        }
        let result = work.run()
        state.withLock { $0.store(result, of: work) }
        return result.complete(partial)
    }

    /// The same without the pass over every lead: SLOs (and `query.detail`), alerts and
    /// ingest, with the funnel and attribution left empty. For readers that show neither
    /// (the HTTP API's SLO and alert endpoints), so a script polling `/slo/status` never
    /// costs a funnel and attribution pass (0.1 s cold at 100,000 leads).
    ///
    /// ```swift
    /// host.snapshotWithoutLeads(SnapshotQuery(tenant: "acme")).slos   // as snapshot(_:) gives them
    /// ```
    public func snapshotWithoutLeads(_ query: SnapshotQuery) -> EngineSnapshot {
        let now = clock.now()
        return state.withLock { engine in
            journalAdvance(&engine, to: now)
            return engine.snapshotWithoutLeads(query, now: now).0
        }
    }

    /// What `/metrics` exports, at the clock's now (`Engine.metrics(now:)`): taken under the
    /// lock once per scrape, formatted by the caller without it.
    public func metrics() -> MetricsExport {
        let now = clock.now()
        return state.withLock { $0.metrics(now: now) }
    }

    /// Every tenant's alerts at the clock's now (`Engine.alerting(now:)`): cheap, for the
    /// notifiers' poll.
    public func alerting() -> AlertingSnapshot {
        let now = clock.now()
        return state.withLock { engine in
            journalAdvance(&engine, to: now)
            return engine.alerting(now: now)
        }
    }

    /// Adds a silence at the clock's now; returns its id (`Engine.addSilence`). With a
    /// journal it returns once the silence is on stable storage.
    public func addSilence(_ silence: Silence) throws(SilenceError) -> String {
        let now = clock.now()
        let (id, position) = try state.withLock { engine throws(SilenceError) -> (String, JournalPosition?) in
            let id = try engine.addSilence(silence, at: now)
            var stored = silence
            stored.id = id
            return (id, journal?.append(.addSilence(stored, at: now)))
        }
        commit(position)
        return id
    }

    /// Ends a silence now (`Engine.expireSilence`).
    public func expireSilence(id: String) -> Bool {
        let now = clock.now()
        return command { engine in
            (engine.expireSilence(id: id, at: now), .expireSilence(id: id, at: now))
        }
    }

    /// Acknowledges an alert now (`Engine.acknowledge`).
    public func acknowledge(fingerprint: String, by who: String) -> Bool {
        let now = clock.now()
        return command { engine in
            (engine.acknowledge(fingerprint: fingerprint, by: who, at: now),
             .acknowledge(fingerprint: fingerprint, by: who, at: now))
        }
    }

    /// Takes an acknowledgement back (`Engine.unacknowledge`).
    public func unacknowledge(fingerprint: String) -> Bool {
        command { engine in (engine.unacknowledge(fingerprint: fingerprint), .unacknowledge(fingerprint: fingerprint)) }
    }

    /// A command a person waits on: made and journaled under the lock (only when it changed
    /// something), then waited on until durable.
    private func command(_ body: (inout Engine) -> (changed: Bool, entry: JournalEntry)) -> Bool {
        let (changed, position) = state.withLock { engine -> (Bool, JournalPosition?) in
            let (changed, entry) = body(&engine)
            return (changed, changed ? journal?.append(entry) : nil)
        }
        commit(position)
        return changed
    }

    /// Bumps the version, and waits for the journal to hold `position`. A store that cannot
    /// write keeps the change in memory; its health check says why.
    private func commit(_ position: JournalPosition?) {
        versionCounter.add(1, ordering: .releasing)
        if let position, let journal { _ = journal.waitUntilDurable(position) }
    }

    /// Moves the engine to `now` ahead of a read (which then finds nothing left to move)
    /// and journals it when that changed anything: one entry a minute, not one per read.
    private func journalAdvance(_ engine: inout Engine, to now: EpochMillis) {
        if engine.advance(to: now) { _ = journal?.append(.advance(to: now)) }
    }

    /// Bumps on every applied batch: a frame loop redraws only when it moved (or time did).
    public var version: UInt64 { versionCounter.load(ordering: .acquiring) }
}
