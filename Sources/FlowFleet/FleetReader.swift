import FlowCore

/// The engines' SLO counts as Prometheus holds them, summed over the fleet: per SLO and
/// series (total, tenant, model), and per SLO and `instance` for the total series.
public struct FleetCounts: Sendable, Equatable {
    /// When the queries were evaluated.
    public var at: EpochMillis
    /// SLO name -> series -> the series' window sums over every engine.
    public var series: [String: [SLOSeriesID: SummedWindows]] = [:]
    /// SLO name -> instance -> that engine's total series.
    public var instances: [String: [String: SummedWindows]] = [:]
    /// Events per second accepted by all engines over the last minute, and in total.
    public var eventsPerSecond: Double = 0
    public var eventsTotal: Double = 0

    public init(at: EpochMillis) { self.at = at }

    /// Every instance that reported an SLO count, sorted.
    public var instanceNames: [String] {
        Set(instances.values.flatMap(\.keys)).sorted()
    }

    /// Every tenant with a series in some SLO, sorted.
    public var tenantNames: [String] {
        var names = Set<String>()
        for bySeries in series.values {
            for id in bySeries.keys { if case .tenant(let t) = id { names.insert(t) } }
        }
        return names.sorted()
    }
}

/// Reads `FleetCounts` with a handful of instant queries over the window gauges every
/// engine exports (docs/metrics.md, "SLOs"):
///
/// ```promql
/// sum by (slo, series, tenant, model, window) (flowtop_slo_window_events{SELECTOR})
/// sum by (slo, instance, window) (flowtop_slo_window_events{series="total",SELECTOR})
/// ```
///
/// Why the window gauges and not `rate()` over the `_total` counters: the gauges are each
/// engine's exact counts by event time, so their sum is what one engine fed every event
/// would count, late events included; `increase()` over counters extrapolates at the
/// window's edges and counts by arrival. (The shipped alerting rules use the counters,
/// because Prometheus' own rules must work from what it stores; docs/fleet.md compares.)
///
/// ```swift
/// let counts = try await FleetReader(client: client).read(at: nil, now: wall.now())
/// counts.series["ai_request_success"]?[.total]?.counts(.h1)
/// ```
public struct FleetReader: Sendable {
    public let client: PrometheusClient
    /// Extra label matchers for every selector, e.g. `env="prod"` (no braces); empty for all.
    public let matchers: String

    public init(client: PrometheusClient, matchers: String = "") {
        self.client = client
        self.matchers = matchers
    }

    /// The fleet at `at` (Prometheus' now when nil; `now` then dates the counts).
    public func read(at: EpochMillis?, now: EpochMillis) async throws(UserFacingError) -> FleetCounts {
        var counts = FleetCounts(at: at ?? now)
        let bySeries = "slo, series, tenant, model"
        for (family, good) in [("flowtop_slo_window_events", false), ("flowtop_slo_window_good_events", true)] {
            for sample in try await client.query(Self.sum(family, by: bySeries + ", window", matchers), at: at) {
                guard let (slo, id) = Self.series(sample.labels), let window = Self.window(sample.labels) else { continue }
                counts.series[slo, default: [:]][id, default: SummedWindows()].add(window, Self.counts(sample.value, good))
            }
            let total = Self.joined("series=\"total\"", matchers)
            for sample in try await client.query(Self.sum(family, by: "slo, instance, window", total), at: at) {
                guard let slo = sample.labels["slo"], let window = Self.window(sample.labels) else { continue }
                let instance = sample.labels["instance"] ?? ""
                counts.instances[slo, default: [:]][instance, default: SummedWindows()].add(window, Self.counts(sample.value, good))
            }
        }
        for (family, good) in [("flowtop_slo_period_events", false), ("flowtop_slo_period_good_events", true)] {
            for sample in try await client.query(Self.sum(family, by: bySeries, matchers), at: at) {
                guard let (slo, id) = Self.series(sample.labels) else { continue }
                counts.series[slo, default: [:]][id, default: SummedWindows()].addPeriod(Self.counts(sample.value, good))
            }
            let total = Self.joined("series=\"total\"", matchers)
            for sample in try await client.query(Self.sum(family, by: "slo, instance", total), at: at) {
                guard let slo = sample.labels["slo"] else { continue }
                let instance = sample.labels["instance"] ?? ""
                counts.instances[slo, default: [:]][instance, default: SummedWindows()].addPeriod(Self.counts(sample.value, good))
            }
        }
        let accepted = "flowtop_events_accepted_total{\(matchers)}"
        counts.eventsPerSecond = try await client.query("sum(rate(\(accepted)[1m]))", at: at).first?.value ?? 0
        counts.eventsTotal = try await client.query("sum(\(accepted))", at: at).first?.value ?? 0
        return counts
    }

    /// `sum by (LABELS) (FAMILY{MATCHERS})`.
    static func sum(_ family: String, by labels: String, _ matchers: String) -> String {
        "sum by (\(labels)) (\(family){\(matchers)})"
    }

    static func joined(_ a: String, _ b: String) -> String { b.isEmpty ? a : "\(a),\(b)" }

    /// A gauge's value as the total or the good part of a window's counts (NaN as 0).
    static func counts(_ value: Double, _ good: Bool) -> WindowCounts {
        let v = value.isFinite ? value : 0
        return good ? WindowCounts(good: v, total: 0) : WindowCounts(good: 0, total: v)
    }

    /// The SLO and series a sample's labels name; nil for a sample without them.
    static func series(_ labels: [String: String]) -> (String, SLOSeriesID)? {
        guard let slo = labels["slo"] else { return nil }
        switch labels["series"] {
        case "total": return (slo, .total)
        case "tenant": return labels["tenant"].map { (slo, .tenant($0)) }
        case "model": return labels["model"].map { (slo, .model($0)) }
        default: return nil
        }
    }

    static func window(_ labels: [String: String]) -> BurnWindow? {
        labels["window"].flatMap(BurnWindow.init(rawValue:))
    }
}
