/// One sample of `/metrics` as a value: the family's sample name (`flowtop_slo_events_total`,
/// `flowtop_ai_response_latency_seconds_bucket`), its labels in the exposition's order
/// (empty values already left out), and its value.
///
/// Why a value here: the exposition (FlowHTTP) writes the samples, remote_write
/// (FlowRemoteWrite) sends them, and neither imports the other; both see FlowCore, so the
/// series remote_write sends are exactly the ones a scrape would see, named and labelled
/// by the one writer.
///
/// ```swift
/// MetricSample(name: "flowtop_slo_events_total", labels: [("slo", "ai_request_success"), ("series", "total")], value: 12)
/// ```
public struct MetricSample: Sendable, Equatable {
    public var name: String
    public var labels: [MetricLabelPair]
    public var value: Double

    public init(name: String, labels: [(String, String)], value: Double) {
        self.name = name
        self.labels = labels.map { MetricLabelPair(name: $0.0, value: $0.1) }
        self.value = value
    }

    public init(name: String, labels: [MetricLabelPair], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }
}

/// A label of a `MetricSample`: `tenant="acme"`.
public struct MetricLabelPair: Sendable, Hashable, Comparable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static func < (a: MetricLabelPair, b: MetricLabelPair) -> Bool {
        (a.name, a.value) < (b.name, b.value)
    }
}
