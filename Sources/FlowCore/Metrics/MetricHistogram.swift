/// Fixed bucket boundaries, in seconds, of the exported latency histograms.
///
/// Why these: each set spans its events' usual range at about two buckets per factor of
/// ten, and holds the built-in SLOs' thresholds as boundaries (0.5 s for message
/// processing, 2 s for AI responses), so `rate(..._bucket{le="2"}[5m]) / rate(..._count[5m])`
/// is the SLI itself. Fixed, not configurable: changing a boundary breaks every query and
/// recording rule written against it.
public enum MetricBuckets {
    /// AI request durations and AI response latencies: 0.1 s to 2 minutes.
    public static let aiSeconds: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120]
    /// Message processing: 5 ms to 10 s (Prometheus' default set, with 0.5 s).
    public static let messageSeconds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
}

/// One exported histogram: cumulative counts per upper bound, as Prometheus wants them.
///
/// `cumulativeCounts` has one more entry than `upperBounds`: the last is `+Inf`, which is
/// also the observation count.
///
/// ```swift
/// let h = export.messageProcessing[0].latency
/// h.upperBounds[6]         // 0.5
/// h.cumulativeCounts[6]    // observations of 0.5 s or less
/// h.count                  // all of them
/// ```
public struct HistogramSnapshot: Sendable, Equatable {
    public var upperBounds: [Double]
    public var cumulativeCounts: [Int64]
    /// Sum of the observed values, in seconds.
    public var sum: Double

    public init(upperBounds: [Double], cumulativeCounts: [Int64], sum: Double) {
        self.upperBounds = upperBounds
        self.cumulativeCounts = cumulativeCounts
        self.sum = sum
    }

    public var count: Int64 { cumulativeCounts.last ?? 0 }
}

/// The histograms of every series of one family, in two flat arrays: per series, a count
/// per bucket (not cumulative: one add per observation) plus one for `+Inf`, and a sum.
///
/// Why flat: an array of per-series structs holding arrays would mutate through nested
/// accessors on the ingest path; this is two array adds and a short scan of the bounds.
///
/// ```swift
/// var h = MetricHistogramStore(upperBounds: MetricBuckets.messageSeconds)
/// h.appendSeries()
/// h.observe(0.095, slot: 0)
/// h.snapshot(slot: 0).cumulativeCounts[4]   // 1 (le 0.1)
/// ```
struct MetricHistogramStore: Sendable, Codable {
    let upperBounds: [Double]
    private var counts: [Int64] = []
    private var sums: [Double] = []

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
    }

    private var width: Int { upperBounds.count + 1 }

    mutating func appendSeries() {
        counts.append(contentsOf: repeatElement(0, count: width))
        sums.append(0)
    }

    /// Counts `value` (seconds) in the first bucket whose bound holds it, else `+Inf`.
    mutating func observe(_ value: Double, slot: Int) {
        var bucket = 0
        while bucket < upperBounds.count, value > upperBounds[bucket] { bucket += 1 }
        counts[slot * width + bucket] += 1
        sums[slot] += value
    }

    func snapshot(slot: Int) -> HistogramSnapshot {
        var cumulative: [Int64] = []
        cumulative.reserveCapacity(width)
        var running: Int64 = 0
        for i in (slot * width)..<((slot + 1) * width) {
            running += counts[i]
            cumulative.append(running)
        }
        return HistogramSnapshot(upperBounds: upperBounds, cumulativeCounts: cumulative, sum: sums[slot])
    }
}
