import FlowCore

/// Decides which alerts to post to Alertmanager, the way Prometheus' rule manager does;
/// Alertmanager then does the grouping, routing, silencing and, in a cluster, the
/// de-duplication across its replicas, so nothing here groups.
///
/// Alertmanager forgets an alert whose `endsAt` has passed, so a firing alert is posted
/// again every `resendInterval` (Prometheus' `--rules.alert.resend-delay`, 1m) with
/// `endsAt` pushed to `at + 4 × max(resendInterval, evaluationInterval)`: two lost
/// evaluations or failed posts do not make it look resolved (Prometheus' comment: "allow
/// for two Eval or Alertmanager send failures"). A resolved alert is posted with
/// `endsAt = resolvedAt` at once, and again every `resendInterval` for
/// `resolvedRetention` (15m, as Prometheus keeps resolved alerts), so a post lost to a
/// network blip or an Alertmanager restart does not leave it firing until `endsAt`.
///
/// Where this differs from Prometheus: the engine evaluates on whole minutes, so a resend
/// is due when `at - lastSent >= resendInterval` (Prometheus' `>` would resend every
/// other minute); a new episode of the same alert is posted at once; pending, muted
/// (silenced or acknowledged in flowtop) and inhibited alerts are not posted. One that
/// becomes muted after it was posted is no longer refreshed, so Alertmanager sees it end
/// at its last `endsAt`: silence in Alertmanager when its view should stay right.
///
/// ```swift
/// var resender = AlertmanagerResender()
/// let posts = resender.plan(snapshot.alerts, at: now)   // every evaluation
/// for message in alertmanager.messages(for: posts) { queue.enqueue(message) }
/// ```
public struct AlertmanagerResender: Sendable {
    public let resendInterval: EpochMillis
    /// How often the engine evaluates alerts: each completed minute.
    public let evaluationInterval: EpochMillis
    public let resolvedRetention: EpochMillis

    /// Alerts posted and still listed, by fingerprint; bounded by the engine's alert book.
    private var posted: [String: Posted] = [:]

    /// What was posted and when, to keep across restarts: a restarted flowtop resends on
    /// schedule and still posts a resolution that was due.
    public struct Memory: Sendable, Equatable, Codable {
        fileprivate var posted: [String: Posted]
    }

    /// The resender's memory; setting it resumes where the kept one left off.
    public var memory: Memory {
        get { Memory(posted: posted) }
        set { posted = newValue.posted }
    }

    fileprivate struct Posted: Sendable, Equatable, Codable {
        var firedAt: EpochMillis
        var lastSentAt: EpochMillis
        var resolvedSent: Bool
    }

    public init(resendInterval: EpochMillis = 60_000, evaluationInterval: EpochMillis = 60_000,
                resolvedRetention: EpochMillis = 15 * 60_000) {
        self.resendInterval = max(1, resendInterval)
        self.evaluationInterval = evaluationInterval
        self.resolvedRetention = resolvedRetention
    }

    /// How far past `at` a firing alert's `endsAt` is set.
    public var validity: EpochMillis { 4 * max(resendInterval, evaluationInterval) }

    /// The alerts to post at `at`, in the order listed, given every alert the engine lists.
    public mutating func plan(_ alerts: [ListedAlert], at now: EpochMillis) -> [AlertmanagerPosting] {
        var out: [AlertmanagerPosting] = []
        var listed: Set<String> = []
        for entry in alerts {
            let alert = entry.alert
            guard let firedAt = alert.firedAt else { continue }
            listed.insert(alert.fingerprint)
            let previous = posted[alert.fingerprint].flatMap { $0.firedAt == firedAt ? $0 : nil }
            switch alert.state {
            case .firing:
                guard !entry.isMuted, !entry.inhibited else { continue }
                if let previous, now - previous.lastSentAt < resendInterval { continue }
                posted[alert.fingerprint] = Posted(firedAt: firedAt, lastSentAt: now, resolvedSent: false)
                out.append(AlertmanagerPosting(alert: alert, startsAt: firedAt, endsAt: now + validity))
            case .resolved:
                guard let previous, let resolvedAt = alert.resolvedAt else { continue }
                guard now - resolvedAt <= resolvedRetention else {
                    posted[alert.fingerprint] = nil
                    continue
                }
                if previous.resolvedSent, now - previous.lastSentAt < resendInterval { continue }
                posted[alert.fingerprint] = Posted(firedAt: firedAt, lastSentAt: now, resolvedSent: true)
                out.append(AlertmanagerPosting(alert: alert, startsAt: firedAt, endsAt: resolvedAt))
            case .pending, .inactive:
                continue
            }
        }
        posted = posted.filter { listed.contains($0.key) }
        return out
    }
}

/// One alert as posted to Alertmanager: `startsAt` is when it fired, `endsAt` its
/// resolution or, while firing, how long Alertmanager should believe it without news.
public struct AlertmanagerPosting: Sendable, Equatable, Codable {
    public var alert: TrackedAlert
    public var startsAt: EpochMillis
    public var endsAt: EpochMillis

    public init(alert: TrackedAlert, startsAt: EpochMillis, endsAt: EpochMillis) {
        self.alert = alert
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
