/// One evaluation of one alert's condition: what a rule saw at one instant. The
/// `AlertBook` turns a list of these into lifecycle transitions; it never looks at
/// metrics itself, so rule evaluation and lifecycle can be tested apart.
///
/// `forMillis` and `keepFiringForMillis` travel with every observation (rather than
/// living in the book) because they belong to the rule, and a rules reload may change
/// them; the book keeps the last ones seen, which is what Prometheus does too.
///
/// ```swift
/// let cost = AlertObservation(
///     labels: AlertLabels(["alertname": "AICostHigh", "severity": "ticket"]),
///     annotations: ["summary": "AI spend above $50 an hour"],
///     holds: spend > 50, value: spend,
///     forMillis: 10 * 60_000, keepFiringForMillis: 15 * 60_000)
/// book.evaluate([cost], at: now)
/// ```
public struct AlertObservation: Sendable {
    /// The alert's identity (`alertname` included); its fingerprint keys the book.
    public var labels: AlertLabels {
        didSet { knownFingerprint = nil }
    }
    /// `labels.fingerprint` when the maker had it at hand (a cache), so the book does
    /// not hash the labels again.
    private var knownFingerprint: String?
    /// Shown and sent, not part of identity; refreshed while the condition holds.
    public var annotations: [String: String]
    /// Whether the condition holds now. An observation that does not hold is the same
    /// as no observation at all (Prometheus: the expression returned no element).
    public var holds: Bool
    /// The value the condition looked at, for display (`nil`: there was none).
    public var value: Double?
    /// How long the condition must hold before the alert fires (Prometheus `for`).
    public var forMillis: EpochMillis
    /// How long a firing alert keeps firing once the condition stops holding
    /// (Prometheus `keep_firing_for`), against flapping.
    public var keepFiringForMillis: EpochMillis

    /// - Parameter fingerprint: `labels.fingerprint`, if the caller has it (never another value).
    public init(labels: AlertLabels, fingerprint: String? = nil, annotations: [String: String] = [:], holds: Bool,
                value: Double? = nil, forMillis: EpochMillis = 0, keepFiringForMillis: EpochMillis = 0) {
        self.labels = labels
        knownFingerprint = fingerprint
        self.annotations = annotations
        self.holds = holds
        self.value = value
        self.forMillis = forMillis
        self.keepFiringForMillis = keepFiringForMillis
    }

    /// The labels' fingerprint, the key of the alert in the book.
    public var fingerprint: String { knownFingerprint ?? labels.fingerprint }
}

/// Equal when every field but the cached fingerprint is: the cache only repeats `labels`.
extension AlertObservation: Hashable {
    public static func == (a: AlertObservation, b: AlertObservation) -> Bool {
        a.labels == b.labels && a.annotations == b.annotations && a.holds == b.holds && a.value == b.value
            && a.forMillis == b.forMillis && a.keepFiringForMillis == b.keepFiringForMillis
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels)
        hasher.combine(annotations)
        hasher.combine(holds)
        hasher.combine(value)
        hasher.combine(forMillis)
        hasher.combine(keepFiringForMillis)
    }
}
