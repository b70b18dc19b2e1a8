/// Every alert's lifecycle, as Prometheus runs it, as a value: feed it each evaluation's
/// observations with the time, read back the alerts and the episode log. No clock, no
/// I/O, so replay, the live engine and the tests drive the same transitions.
///
/// The transitions, at each `evaluate(_:at:)` (Prometheus `AlertingRule.Eval`):
/// - a condition that holds for an untracked alert starts an episode: pending with
///   `activeAt = at`, and firing at once when `for` is 0;
/// - pending fires at the first evaluation with `at - activeAt >= for` (`firedAt = at`);
/// - pending whose condition does not hold is dropped (back to inactive);
/// - firing whose condition does not hold keeps firing while
///   `at - keepFiringSince < keep_firing_for`, where `keepFiringSince` is the first
///   evaluation that saw it not hold (reset when it holds again); then it is resolved
///   (`resolvedAt = at`). With `keep_firing_for` 0 it resolves at once;
/// - resolved whose condition holds again starts a new episode, same fingerprint;
/// - resolved is dropped once `at - resolvedAt > resolvedRetentionMillis`.
///
/// ```swift
/// var book = AlertBook()
/// book.evaluate([cost], at: t)                    // pending (for: 10m)
/// book.evaluate([cost], at: t + 600_000)          // firing
/// book.acknowledge(fingerprint: cost.labels.fingerprint, by: "ana", at: t + 660_000)
/// book.evaluate([], at: t + 720_000)              // resolved (no keep_firing_for)
/// ```
public struct AlertBook: Sendable, Hashable, Codable {
    /// Past this many tracked alerts, a new alert first evicts the resolved alert that
    /// resolved longest ago; with none resolved, the new alert is not tracked and
    /// `droppedNewAlerts` counts it (once per evaluation). New alerts of one evaluation
    /// are admitted in fingerprint order, so which ones are refused is deterministic.
    /// Prometheus' rule `limit`
    /// instead fails the whole rule; here the alerts already followed stay intact.
    public let maxTrackedAlerts: Int
    /// How long a resolved alert stays listed (Prometheus keeps them 15 minutes, to
    /// resend the resolution; here they also stay visible on the dashboard).
    public let resolvedRetentionMillis: EpochMillis
    /// The window `flapCount` counts firing starts over.
    public let flapWindowMillis: EpochMillis
    /// New alerts refused because the book was full of unresolved alerts.
    public private(set) var droppedNewAlerts = 0

    private var tracked: [String: TrackedAlert] = [:]
    private var log: AlertEpisodeLog
    /// When each fingerprint started firing, within the flap window (pruned each
    /// evaluation); kept apart from `tracked` so a dropped alert's history still counts.
    private var firingStarts = FiringStarts()

    public init(maxTrackedAlerts: Int = 10_000, episodeLogCapacity: Int = 10_000,
                resolvedRetentionMillis: EpochMillis = 3_600_000, flapWindowMillis: EpochMillis = 3_600_000) {
        self.maxTrackedAlerts = max(1, maxTrackedAlerts)
        self.resolvedRetentionMillis = resolvedRetentionMillis
        self.flapWindowMillis = flapWindowMillis
        log = AlertEpisodeLog(capacity: episodeLogCapacity)
    }

    /// Pending, firing and recently resolved alerts: firing first, then pending, then
    /// resolved; within a state `page` before `ticket` before other severities before
    /// none; then oldest `activeAt` first; then by fingerprint.
    ///
    ///
    /// Sorted by position, on keys taken once: the alerts themselves (a dozen
    /// reference-counted fields each) are copied once, into the answer, not at every move
    /// of the sort, and each severity is looked up in its labels once, not at every
    /// comparison. Sorting the alerts whole was a third of a dashboard snapshot under the
    /// engine's lock at 10,000 alerts. The order is `TrackedAlert.listedBefore`'s.
    public var alerts: [TrackedAlert] {
        let values = Array(tracked.values)
        let keys = values.map(TrackedAlert.listingKey)
        var order = Array(values.indices)
        order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : values[$0].fingerprint < values[$1].fingerprint }
        return order.map { values[$0] }
    }

    public func alert(fingerprint: String) -> TrackedAlert? { tracked[fingerprint] }

    /// The last `episodeLogCapacity` episodes that fired, oldest first.
    public var episodes: [AlertEpisode] { log.episodes }

    /// Applies one evaluation. Every tracked alert without a holding observation here
    /// counts as its condition not holding. Two observations with one fingerprint: the
    /// later wins. `at` must not go back in time.
    public mutating func evaluate(_ observations: [AlertObservation], at now: EpochMillis) {
        var holding: [String: AlertObservation] = [:]
        holding.reserveCapacity(observations.count)
        for observation in observations where observation.holds {
            holding[observation.fingerprint] = observation
        }
        evaluate(holding: holding, at: now)
    }

    /// The same, given the holding observations by fingerprint (the engine builds it as
    /// it judges the series, a slice at a time).
    mutating func evaluate(holding: consuming [String: AlertObservation], at now: EpochMillis) {
        var pass = beginPass(holding: holding, at: now)
        _ = continuePass(&pass, alerts: .max)
        endPass(&pass)
    }

    /// One evaluation taken in steps, so the engine can spread it over batches: begin,
    /// continue until it says done, end. Between the steps nothing else may change the
    /// book (the engine finishes a pass under way before any read, acknowledgement or
    /// silence).
    ///
    /// Every tracked alert changes in place: no sort of every key, no copy of each alert,
    /// and its flap count recounted only when its firing starts change. At thousands of
    /// firing alerts those were most of a minute's evaluation. Only what fires goes in
    /// fingerprint order (`endPass`), because firing appends to the episode log: episode
    /// serials, and which episodes the log drops, must not depend on hash order, which
    /// differs between processes and between an engine and the same engine restored from
    /// a checkpoint.
    struct Pass: Sendable {
        let now: EpochMillis
        /// Holding observations not yet matched to a tracked alert: new alerts at the end.
        var holding: [String: AlertObservation]
        /// The tracked alerts when the pass began, and how many of them are done.
        let keys: [String]
        var next = 0
        var fires: [String] = []
        var gone: [String] = []
    }

    /// Forgets the firing starts past the window and lists the alerts to step through.
    mutating func beginPass(holding: consuming [String: AlertObservation], at now: EpochMillis) -> Pass {
        for fingerprint in firingStarts.forget(at: now, window: flapWindowMillis) {
            guard let i = tracked.index(forKey: fingerprint) else { continue }
            Self.countFlaps(&tracked.values[i], starts: firingStarts)
        }
        return Pass(now: now, holding: holding, keys: Array(tracked.keys))
    }

    /// Steps up to `budget` more tracked alerts; true when every one is done.
    mutating func continuePass(_ pass: inout Pass, alerts budget: Int) -> Bool {
        let end = pass.next + min(budget, pass.keys.count - pass.next)
        for k in pass.next..<end {
            let fingerprint = pass.keys[k]
            guard let i = tracked.index(forKey: fingerprint) else { continue }
            switch Self.step(&tracked.values[i], holding: pass.holding.removeValue(forKey: fingerprint), log: &log,
                             starts: firingStarts, retention: resolvedRetentionMillis, at: pass.now) {
            case .kept: break
            case .due: pass.fires.append(fingerprint)
            case .gone: pass.gone.append(fingerprint)
            }
        }
        pass.next = end
        return end == pass.keys.count
    }

    /// Drops what went, fires what is due in fingerprint order, then admits new alerts.
    mutating func endPass(_ pass: inout Pass) {
        let now = pass.now
        for fingerprint in pass.gone { tracked[fingerprint] = nil }
        pass.fires.sort()
        for fingerprint in pass.fires {
            guard let i = tracked.index(forKey: fingerprint) else { continue }
            Self.fire(&tracked.values[i], log: &log, starts: &firingStarts, at: now)
        }
        var evictable: ArraySlice<String>?   // sorted once, when the book first is full
        for (fingerprint, observation) in pass.holding.sorted(by: { $0.key < $1.key }) {
            guard makeRoom(evicting: &evictable) else {
                droppedNewAlerts += 1
                continue
            }
            var alert = TrackedAlert(observation, fingerprint: fingerprint, at: now)
            Self.countFlaps(&alert, starts: firingStarts)
            if Self.isDue(alert, at: now) { Self.fire(&alert, log: &log, starts: &firingStarts, at: now) }
            tracked[fingerprint] = alert
        }
        pass.holding = [:]
    }

    /// What one evaluation did to a tracked alert.
    private enum Step { case kept, due, gone }

    /// One tracked alert at one evaluation, changed in place; `.due` when it should fire
    /// (done afterwards, in fingerprint order), `.gone` when it should be dropped.
    private static func step(_ alert: inout TrackedAlert, holding observation: AlertObservation?,
                             log: inout AlertEpisodeLog, starts: FiringStarts, retention: EpochMillis,
                             at now: EpochMillis) -> Step {
        if let observation {
            if alert.state == .resolved {
                alert = TrackedAlert(observation, fingerprint: alert.fingerprint, at: now)
                countFlaps(&alert, starts: starts)
            } else {
                alert.refresh(observation)
            }
        } else if !stillTracked(&alert, log: &log, retention: retention, at: now) {
            return .gone
        }
        alert.lastEvaluatedAt = now
        return isDue(alert, at: now) ? .due : .kept
    }

    /// Records who acknowledged a pending or firing alert, and when. Returns false for an
    /// unknown or resolved alert, or one already acknowledged (the first stands: it is
    /// what the time to acknowledge measures). A new episode clears it.
    @discardableResult
    public mutating func acknowledge(fingerprint: String, by who: String, at now: EpochMillis) -> Bool {
        guard var alert = tracked[fingerprint], alert.state == .pending || alert.state == .firing,
              alert.acknowledgedAt == nil
        else { return false }
        alert.acknowledgedBy = who
        alert.acknowledgedAt = now
        tracked[fingerprint] = alert
        if let serial = alert.episodeSerial {
            log.update(serial) {
                $0.acknowledgedAt = now
                $0.acknowledgedBy = who
            }
        }
        return true
    }

    /// Takes an acknowledgement back (pressed by mistake, or the work was handed back):
    /// the alert counts as unacknowledged again, in its episode too, so the time to
    /// acknowledge measures the acknowledgement that stands. False when there is none.
    @discardableResult
    public mutating func unacknowledge(fingerprint: String) -> Bool {
        guard var alert = tracked[fingerprint], alert.acknowledgedAt != nil else { return false }
        alert.acknowledgedBy = nil
        alert.acknowledgedAt = nil
        tracked[fingerprint] = alert
        if let serial = alert.episodeSerial {
            log.update(serial) {
                $0.acknowledgedAt = nil
                $0.acknowledgedBy = nil
            }
        }
        return true
    }

    // MARK: - Transitions

    /// A pending alert whose condition has held for its `for`.
    private static func isDue(_ alert: TrackedAlert, at now: EpochMillis) -> Bool {
        alert.state == .pending && now - alert.activeAt >= alert.forMillis
    }

    /// Pending to firing: a new episode in the log.
    private static func fire(_ alert: inout TrackedAlert, log: inout AlertEpisodeLog,
                             starts: inout FiringStarts, at now: EpochMillis) {
        alert.state = .firing
        alert.firedAt = now
        starts.append(alert.fingerprint, at: now)
        alert.episodeSerial = log.append(AlertEpisode(
            fingerprint: alert.fingerprint, labels: alert.labels, firedAt: now,
            acknowledgedAt: alert.acknowledgedAt, acknowledgedBy: alert.acknowledgedBy))
        countFlaps(&alert, starts: starts)
    }

    /// An alert whose condition does not hold: false when it should be dropped.
    private static func stillTracked(_ alert: inout TrackedAlert, log: inout AlertEpisodeLog,
                                     retention: EpochMillis, at now: EpochMillis) -> Bool {
        switch alert.state {
        case .pending, .inactive:
            return false
        case .firing:
            if alert.keepFiringForMillis > 0 {
                let since = alert.keepFiringSince ?? now
                alert.keepFiringSince = since
                if now - since < alert.keepFiringForMillis { return true }
            }
            alert.state = .resolved
            alert.resolvedAt = now
            alert.keepFiringSince = nil
            if let serial = alert.episodeSerial { log.update(serial) { $0.resolvedAt = now } }
            return true
        case .resolved:
            return now - (alert.resolvedAt ?? now) <= retention
        }
    }

    /// True when a new alert may be tracked, evicting the longest-resolved one if full.
    /// `evictable` lists the resolved alerts, longest-resolved first, from the first time
    /// the book is full in a pass (new alerts are never resolved, so the list only
    /// shrinks): one sort a pass instead of a scan of every alert for each new one.
    private mutating func makeRoom(evicting evictable: inout ArraySlice<String>?) -> Bool {
        guard tracked.count >= maxTrackedAlerts else { return true }
        if evictable == nil {
            let resolved = tracked.values.lazy.filter { $0.state == .resolved }
                .map { (at: $0.resolvedAt ?? 0, fingerprint: $0.fingerprint) }
            evictable = resolved.sorted { ($0.at, $0.fingerprint) < ($1.at, $1.fingerprint) }.map(\.fingerprint)[...]
        }
        guard let oldest = evictable?.popFirst() else { return false }
        tracked[oldest] = nil
        return true
    }

    /// The firing starts within the window, the current episode's always included once
    /// it has fired (a steady alert firing for hours counts 1, not 0). Counted when they
    /// change: a new episode, a firing, a start leaving the window (`starts` holds only
    /// starts within the window: `FiringStarts.forget` ran first).
    private static func countFlaps(_ alert: inout TrackedAlert, starts: FiringStarts) {
        let earlier = starts[alert.fingerprint]?.count { $0 != alert.firedAt } ?? 0
        alert.flapCount = earlier + (alert.firedAt == nil ? 0 : 1)
    }
}
