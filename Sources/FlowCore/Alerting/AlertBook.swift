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
    private var firingStarts: [String: [EpochMillis]] = [:]

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
    public var alerts: [TrackedAlert] { tracked.values.sorted(by: TrackedAlert.listedBefore) }

    public func alert(fingerprint: String) -> TrackedAlert? { tracked[fingerprint] }

    /// The last `episodeLogCapacity` episodes that fired, oldest first.
    public var episodes: [AlertEpisode] { log.episodes }

    /// Applies one evaluation. Every tracked alert without a holding observation here
    /// counts as its condition not holding. Two observations with one fingerprint: the
    /// later wins. `at` must not go back in time.
    public mutating func evaluate(_ observations: [AlertObservation], at now: EpochMillis) {
        var holding: [String: AlertObservation] = [:]
        for observation in observations where observation.holds {
            holding[observation.fingerprint] = observation
        }
        forgetOldFiringStarts(at: now)
        // In fingerprint order, not the dictionary's: alerts that fire in one evaluation
        // get their episode serials (and their places in the log, which drops the oldest)
        // in this order, and hash order differs between processes and between an engine
        // and the same engine restored from a checkpoint.
        for fingerprint in tracked.keys.sorted() {
            guard var alert = tracked[fingerprint] else { continue }
            if let observation = holding.removeValue(forKey: fingerprint) {
                if alert.state == .resolved {
                    alert = TrackedAlert(observation, fingerprint: fingerprint, at: now)
                } else {
                    alert.annotations = observation.annotations
                    alert.lastValue = observation.value
                    alert.forMillis = observation.forMillis
                    alert.keepFiringForMillis = observation.keepFiringForMillis
                    alert.keepFiringSince = nil
                }
                fireIfDue(&alert, at: now)
            } else if !stillTracked(&alert, at: now) {
                tracked[fingerprint] = nil
                continue
            }
            alert.lastEvaluatedAt = now
            countFlaps(&alert)
            tracked[fingerprint] = alert
        }
        for (fingerprint, observation) in holding.sorted(by: { $0.key < $1.key }) {
            guard makeRoom() else {
                droppedNewAlerts += 1
                continue
            }
            var alert = TrackedAlert(observation, fingerprint: fingerprint, at: now)
            fireIfDue(&alert, at: now)
            countFlaps(&alert)
            tracked[fingerprint] = alert
        }
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

    private mutating func fireIfDue(_ alert: inout TrackedAlert, at now: EpochMillis) {
        guard alert.state == .pending, now - alert.activeAt >= alert.forMillis else { return }
        alert.state = .firing
        alert.firedAt = now
        firingStarts[alert.fingerprint, default: []].append(now)
        alert.episodeSerial = log.append(AlertEpisode(
            fingerprint: alert.fingerprint, labels: alert.labels, firedAt: now,
            acknowledgedAt: alert.acknowledgedAt, acknowledgedBy: alert.acknowledgedBy))
    }

    /// An alert whose condition does not hold: false when it should be dropped.
    private mutating func stillTracked(_ alert: inout TrackedAlert, at now: EpochMillis) -> Bool {
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
            return now - (alert.resolvedAt ?? now) <= resolvedRetentionMillis
        }
    }

    /// True when a new alert may be tracked, evicting the longest-resolved one if full.
    private mutating func makeRoom() -> Bool {
        guard tracked.count >= maxTrackedAlerts else { return true }
        let oldest = tracked.values.filter { $0.state == .resolved }
            .min { ($0.resolvedAt ?? 0, $0.fingerprint) < ($1.resolvedAt ?? 0, $1.fingerprint) }
        guard let oldest else { return false }
        tracked[oldest.fingerprint] = nil
        return true
    }

    /// Drops firing starts that have left the flap window.
    private mutating func forgetOldFiringStarts(at now: EpochMillis) {
        let window = flapWindowMillis
        firingStarts = firingStarts.compactMapValues { starts in
            let recent = starts.filter { now - $0 < window }
            return recent.isEmpty ? nil : recent
        }
    }

    /// The firing starts within the window, the current episode's always included once
    /// it has fired (a steady alert firing for hours counts 1, not 0).
    private func countFlaps(_ alert: inout TrackedAlert) {
        let earlier = firingStarts[alert.fingerprint]?.count { $0 != alert.firedAt } ?? 0
        alert.flapCount = earlier + (alert.firedAt == nil ? 0 : 1)
    }
}
