import FlowCore

/// The engines' SLO counts as Prometheus holds them, summed over the fleet: per SLO and
/// series (total, tenant, model), and per SLO and `instance` for the total series.
public struct FleetCounts: Sendable {
    /// When the queries were evaluated.
    public var at: EpochMillis
    /// SLO name -> series -> the series' window sums over every engine.
    public var series: [String: [SLOSeriesID: SummedWindows]] = [:]
    /// SLO name -> instance -> that engine's total series.
    public var instances: [String: [String: SummedWindows]] = [:]
    /// Events per second accepted by all engines over the last minute, and in total.
    public var eventsPerSecond: Double = 0
    public var eventsTotal: Double = 0
    /// The history of one series, when a detail asked for it: good and total per bucket of
    /// its range, oldest first, by arrival (`increase()` of the `_total` counters).
    public var history: (query: SLODetailQuery, counts: [SLICounts])?

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

    /// The fleet at `at` (Prometheus' now when nil; `now` then dates the counts), with the
    /// history of `detail`'s series when given.
    public func read(at: EpochMillis?, now: EpochMillis, detail: SLODetailQuery? = nil) async throws(UserFacingError)
        -> FleetCounts {
        var counts = FleetCounts(at: at ?? now)
        if let detail { counts.history = (detail, try await history(detail, at: at ?? now)) }
        let total = Self.joined("series=\"total\"", matchers)
        // The burn windows' gauges (by `window`) and the SLO window's; each summed per
        // series, and per engine for the total series.
        for (family, good, windowed) in [("flowtop_slo_window_events", false, true), ("flowtop_slo_window_good_events", true, true),
                                         ("flowtop_slo_period_events", false, false), ("flowtop_slo_period_good_events", true, false)] {
            let window = windowed ? ", window" : ""
            for sample in try await client.query(Self.sum(family, by: "slo, series, tenant, model" + window, matchers), at: at) {
                guard let (slo, id) = Self.series(sample.labels) else { continue }
                Self.add(sample, good: good, windowed: windowed, to: &counts.series[slo, default: [:]][id, default: SummedWindows()])
            }
            for sample in try await client.query(Self.sum(family, by: "slo, instance" + window, total), at: at) {
                guard let slo = sample.labels["slo"] else { continue }
                let instance = sample.labels["instance"] ?? ""
                Self.add(sample, good: good, windowed: windowed,
                         to: &counts.instances[slo, default: [:]][instance, default: SummedWindows()])
            }
        }
        let accepted = "flowtop_events_accepted_total{\(matchers)}"
        counts.eventsPerSecond = try await client.query("sum(rate(\(accepted)[1m]))", at: at).first?.value ?? 0
        counts.eventsTotal = try await client.query("sum(\(accepted))", at: at).first?.value ?? 0
        return counts
    }

    /// Good and total per bucket of `detail.range` ending at `at`, oldest first: the
    /// increase of the engines' `_total` counters over each bucket (events by arrival,
    /// extrapolated at the bucket's edges as `increase()` does), for the detail's charts.
    func history(_ detail: SLODetailQuery, at: EpochMillis) async throws(UserFacingError) -> [SLICounts] {
        let bucket = detail.range.bucketMillis
        let points = detail.range.pointCount
        let first = (at / bucket - Int64(points - 1)) * bucket
        let selector = Self.joined(Self.selector(slo: detail.slo, series: detail.series), matchers)
        var good = [Double](repeating: 0, count: points), total = good
        for (family, isGood) in [("flowtop_slo_events_total", false), ("flowtop_slo_good_events_total", true)] {
            let promql = "sum(increase(\(family){\(selector)}[\(bucket / 1000)s]))"
            let series = try await client.queryRange(promql, start: first + bucket, end: first + Int64(points) * bucket,
                                                     stepMillis: bucket)
            for (t, value) in series.first?.points ?? [] where value.isFinite {
                let i = Int((t - bucket - first) / bucket)
                guard (0..<points).contains(i) else { continue }
                if isGood { good[i] = value } else { total[i] = value }
            }
        }
        return zip(good, total).map { g, t in
            let total = Int64(t.rounded())
            return SLICounts(good: min(max(0, Int64(g.rounded())), total), total: max(0, total))
        }
    }

    /// The label matchers of one series of `slo` (an engine's series is its total).
    static func selector(slo: String, series: SLOSeriesID) -> String {
        let name = "slo=\(PrometheusLabelValue.quoted(slo))"
        switch series {
        case .total: return name + ",series=\"total\""
        case .tenant(let t): return name + ",series=\"tenant\",tenant=\(PrometheusLabelValue.quoted(t))"
        case .model(let m): return name + ",series=\"model\",model=\(PrometheusLabelValue.quoted(m))"
        case .instance(let i): return name + ",series=\"total\",instance=\(PrometheusLabelValue.quoted(i))"
        }
    }

    /// `sum by (LABELS) (FAMILY{MATCHERS})`.
    static func sum(_ family: String, by labels: String, _ matchers: String) -> String {
        "sum by (\(labels)) (\(family){\(matchers)})"
    }

    static func joined(_ a: String, _ b: String) -> String { b.isEmpty ? a : "\(a),\(b)" }

    /// One gauge's sample into `summed`: its burn window's counts (`windowed`, a sample
    /// without a known `window` is left out) or the SLO window's.
    static func add(_ sample: PromSample, good: Bool, windowed: Bool, to summed: inout SummedWindows) {
        let value = counts(sample.value, good)
        if !windowed {
            summed.addPeriod(value)
        } else if let w = window(sample.labels) {
            summed.add(w, value)
        }
    }

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
