/// The shared vocabulary of alerting, as Prometheus has it: labels with a stable
/// fingerprint, the lifecycle states, threshold rules over the engine's own metrics,
/// silences by label matchers. The lifecycle, rule evaluation, silences and statistics
/// build on these types. Docs: docs/alerts.md.

/// Where one alert stands (Prometheus: inactive, pending, firing; plus resolved, which
/// Alertmanager shows for an alert that fired and stopped).
public enum AlertLifecycleState: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable {
    /// The condition does not hold (and the alert has not fired recently).
    case inactive
    /// The condition holds, but not yet for the rule's `for`.
    case pending
    /// The condition has held for `for`, or stopped holding less than `keep_firing_for` ago.
    case firing
    /// It fired and then stopped (past `keep_firing_for`); kept a while for the record.
    case resolved
}

/// An alert's identity: label names and values, sorted by name. `alertname` is a label
/// like any other, as in Prometheus.
///
/// ```swift
/// let labels = AlertLabels(["alertname": "AICostHigh", "severity": "ticket"])
/// labels.fingerprint   // "9c3f…" (16 hex digits, the same on every run and machine)
/// ```
public struct AlertLabels: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Sorted by name; names are unique.
    public private(set) var pairs: [Pair]

    public struct Pair: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Labels from a dictionary; empty values are dropped, as Prometheus drops them.
    public init(_ labels: [String: String]) {
        pairs = labels.filter { !$0.value.isEmpty }.map { Pair($0.key, $0.value) }.sorted { $0.name < $1.name }
    }

    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// These labels with `other`'s added (other wins on a clash).
    public func merging(_ other: [String: String]) -> AlertLabels {
        var all = Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.value) })
        for (k, v) in other { all[k] = v }
        return AlertLabels(all)
    }

    public var dictionary: [String: String] { Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.value) }) }

    /// FNV-1a (64-bit) over `name 0xff value 0xff` per pair in order, as 16 lower-case hex
    /// digits. Why not `Hasher`: it is seeded per process; a fingerprint must survive
    /// restarts (PagerDuty `dedup_key`, Alertmanager identity).
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        for pair in pairs {
            for b in pair.name.utf8 { mix(b) }
            mix(0xff)
            for b in pair.value.utf8 { mix(b) }
            mix(0xff)
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `{alertname="AICostHigh", severity="ticket"}`.
    public var description: String {
        "{" + pairs.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }
}

/// A value the engine computes that threshold rules can watch.
public enum RuleMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// `ai_request` `cost_usd` summed over the last hour, in dollars.
    case aiCostPerHour = "ai_cost_per_hour"
    /// Seconds since the last accepted event; before the first, since the engine started.
    case ingestSilenceSeconds = "ingest_silence_seconds"
    /// Rejected lines / all lines over the last 5 minutes (no value with no lines).
    case rejectedRatio = "rejected_ratio"
    /// Accepted events per second over the last minute.
    case eventsPerSecond = "events_per_second"
    /// p99 of `message_processing_latency` over the last 5 minutes, in ms (no value
    /// without events: the rule's condition does not hold).
    case messageProcessingP99Ms = "message_processing_p99_ms"
    /// p99 of AI response latency over the last 5 minutes, in ms.
    case aiResponseP99Ms = "ai_response_p99_ms"
}

public enum RuleComparison: String, Sendable, Hashable, Codable, CaseIterable {
    case above = ">", atLeast = ">=", below = "<", atMost = "<="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .above: value > threshold
        case .atLeast: value >= threshold
        case .below: value < threshold
        case .atMost: value <= threshold
        }
    }
}

/// One rule of a rules file: `metric comparison threshold` held for `forMillis`.
///
/// ```yaml
/// - alert: AICostHigh
///   expr: ai_cost_per_hour > 50
///   for: 10m
///   keep_firing_for: 15m
///   labels: {severity: ticket}
///   annotations: {summary: "AI spend above $50 an hour"}
/// ```
public struct ThresholdRule: Sendable, Hashable, Codable {
    public var name: String
    public var metric: RuleMetric
    public var comparison: RuleComparison
    public var threshold: Double
    public var forMillis: EpochMillis
    public var keepFiringForMillis: EpochMillis
    /// Added to the alert's labels (`alertname` is `name`); `severity` defaults to ticket.
    public var labels: [String: String]
    /// `summary`, `description`, `runbook_url`...: shown and sent, not part of identity.
    public var annotations: [String: String]

    public init(name: String, metric: RuleMetric, comparison: RuleComparison, threshold: Double,
                forMillis: EpochMillis = 0, keepFiringForMillis: EpochMillis = 0, labels: [String: String] = [:],
                annotations: [String: String] = [:]) {
        self.name = name
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.forMillis = forMillis
        self.keepFiringForMillis = keepFiringForMillis
        self.labels = labels
        self.annotations = annotations
    }

    /// `ai_cost_per_hour > 50`.
    public var expression: String { "\(metric.rawValue) \(comparison.rawValue) \(threshold)" }
}

/// How a silence matcher compares a label (Alertmanager's four).
public enum MatchOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~"
}

public struct LabelMatcher: Sendable, Hashable, Codable {
    public var name: String
    public var op: MatchOperator
    public var value: String

    public init(_ name: String, _ op: MatchOperator, _ value: String) {
        self.name = name
        self.op = op
        self.value = value
    }
}

/// Mutes the alerts whose labels match every matcher, from `start` until `end`.
public struct Silence: Sendable, Hashable, Codable {
    public var id: String
    public var matchers: [LabelMatcher]
    public var start: EpochMillis
    public var end: EpochMillis
    public var author: String
    public var comment: String

    public init(id: String, matchers: [LabelMatcher], start: EpochMillis, end: EpochMillis, author: String,
                comment: String) {
        self.id = id
        self.matchers = matchers
        self.start = start
        self.end = end
        self.author = author
        self.comment = comment
    }
}
