/// One alert the book follows: where it stands in its lifecycle and the times that got
/// it there. Values out of the book; only `AlertBook` changes them.
///
/// Times follow Prometheus' alert fields: `activeAt` is when the condition started
/// holding in this episode, `firedAt` when `for` was met, `resolvedAt` when it stopped
/// firing (past `keep_firing_for`). An episode runs from `activeAt` to `resolvedAt`; a
/// condition that holds again after resolving starts a new one, same fingerprint.
///
/// ```swift
/// for alert in book.alerts where alert.state == .firing {
///     print(alert.labels["alertname"] ?? "?", alert.severity ?? "-", alert.flapCount)
/// }
/// ```
public struct TrackedAlert: Sendable, Hashable, Codable {
    /// `labels.fingerprint`, kept so lookups need not hash the labels again.
    public internal(set) var fingerprint: String
    public internal(set) var labels: AlertLabels
    /// From the last observation that held.
    public internal(set) var annotations: [String: String]
    /// Pending, firing or resolved; inactive alerts are not tracked.
    public internal(set) var state: AlertLifecycleState
    /// When the condition started holding in this episode (Prometheus `activeAt`).
    public internal(set) var activeAt: EpochMillis
    /// When this episode started firing; `nil` while pending.
    public internal(set) var firedAt: EpochMillis?
    /// When this episode stopped firing; `nil` unless resolved.
    public internal(set) var resolvedAt: EpochMillis?
    /// The first evaluation that saw a firing alert's condition not hold, while
    /// `keep_firing_for` keeps it firing (Prometheus `KeepFiringSince`); `nil` otherwise.
    public internal(set) var keepFiringSince: EpochMillis?
    /// The value of the last observation that held.
    public internal(set) var lastValue: Double?
    public internal(set) var lastEvaluatedAt: EpochMillis
    /// The rule's `for` and `keep_firing_for`, from the last observation that held; the
    /// book needs `keep_firing_for` exactly when no observation comes.
    public internal(set) var forMillis: EpochMillis
    public internal(set) var keepFiringForMillis: EpochMillis
    /// How many times this alert started firing within the flap window (one hour by
    /// default), this episode included once it has fired, however long ago that was.
    public internal(set) var flapCount: Int
    /// Who acknowledged this episode and when; cleared when a new episode starts.
    public internal(set) var acknowledgedBy: String?
    public internal(set) var acknowledgedAt: EpochMillis?
    /// This episode's serial in the book's episode log, once it has fired.
    var episodeSerial: Int?

    /// `labels["severity"]`: `page` or `ticket` by convention.
    public var severity: String? { labels["severity"] }
    /// `labels["slo"]`: the SLO an alert is about, when it is about one.
    public var slo: String? { labels["slo"] }
    public var isAcknowledged: Bool { acknowledgedAt != nil }

    /// The condition holds again at this evaluation: what the observation says now
    /// (annotations, value, the rule's `for` and `keep_firing_for`), and no countdown of
    /// `keep_firing_for` running.
    mutating func refresh(_ observation: AlertObservation) {
        annotations = observation.annotations
        lastValue = observation.value
        forMillis = observation.forMillis
        keepFiringForMillis = observation.keepFiringForMillis
        keepFiringSince = nil
    }

    /// A new episode: pending from `at`, nothing fired, acknowledged or resolved yet.
    init(_ observation: AlertObservation, fingerprint: String, at: EpochMillis) {
        self.fingerprint = fingerprint
        labels = observation.labels
        annotations = observation.annotations
        state = .pending
        activeAt = at
        lastValue = observation.value
        lastEvaluatedAt = at
        forMillis = observation.forMillis
        keepFiringForMillis = observation.keepFiringForMillis
        flapCount = 0
    }

    /// The order of `AlertBook.alerts`: firing, then pending, then resolved; within a
    /// state `page` before `ticket` before any other severity before none; then the
    /// oldest (`activeAt`) first; then by fingerprint, so the order is total.
    static func listedBefore(_ a: TrackedAlert, _ b: TrackedAlert) -> Bool {
        let ka = listingKey(a), kb = listingKey(b)
        if ka != kb { return ka < kb }
        return a.fingerprint < b.fingerprint
    }

    /// What orders a listing before the fingerprint does: state, severity, `activeAt`.
    static func listingKey(_ alert: TrackedAlert) -> ListingKey {
        ListingKey(state: stateRank(alert.state), severity: severityRank(alert.severity), activeAt: alert.activeAt)
    }

    struct ListingKey: Comparable {
        var state: Int
        var severity: Int
        var activeAt: EpochMillis

        static func < (a: ListingKey, b: ListingKey) -> Bool {
            (a.state, a.severity, a.activeAt) < (b.state, b.severity, b.activeAt)
        }
    }

    static func stateRank(_ state: AlertLifecycleState) -> Int { AlertRank.state(state) }

    static func severityRank(_ severity: String?) -> Int { AlertRank.severity(severity) }
}
