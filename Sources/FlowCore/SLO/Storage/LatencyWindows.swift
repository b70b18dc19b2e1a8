import Histogram

/// p50/p90/p95/p99 latency over one window, in milliseconds, for display beside an SLO.
///
/// Why: a burn rate says how fast the budget goes, not how slow the slow requests are;
/// percentiles answer that. They are display only: burn rates come from exact good/total
/// counts. An empty window is "no data" (count 0, every percentile nil), never 0 ms.
///
/// ```swift
/// let p = windows.percentiles(.h1, now: now)
/// p.p99.map { "p99 \($0) ms" } ?? "no data"
/// ```
public struct LatencyPercentiles: Sendable, Equatable, Codable {
    /// Events in the window (values above the histogram's range count, clamped).
    public var count: Int64
    public var p50: Double?
    public var p90: Double?
    public var p95: Double?
    public var p99: Double?

    public init(count: Int64, p50: Double?, p90: Double?, p95: Double?, p99: Double?) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
    }

    /// No data: count 0 and no percentile.
    public static let empty = LatencyPercentiles(count: 0, p50: nil, p90: nil, p95: nil, p99: nil)
}

/// The windows latency percentiles are shown for: `m5`, `h1` and `d1` beside the burn
/// rates of the same names, `slo` over the SLO's own window. The raw value is the label.
public enum PercentileWindow: String, Sendable, CaseIterable, Hashable, Codable, CodingKeyRepresentable {
    case m5 = "5m", h1 = "1h", d1 = "1d", slo = "slo"
}

/// Latency percentiles of one SLO's events over the last 5 minutes, hour, day and SLO
/// window, from latency distributions kept per minute, hour and day (`LatencyRing`).
///
/// Why this shape: percentiles cannot be added up like counts, but distributions can be
/// merged, and (kept as plain counts) subtracted. Keeping one distribution per minute
/// (last hour), per hour (last day) and per day (the SLO window) bounds memory whatever
/// the traffic, lets a late event land in its own bucket, and lets buckets expire lazily
/// as time moves.
///
/// Window edges are bucket-granular, counted in UTC buckets since the epoch:
/// - `5m`: the current minute plus the 5 whole minutes before it (5 to 6 minutes);
/// - `1h`: the current minute plus the 60 whole minutes before it (60 to 61 minutes);
/// - `1d`: the current hour plus the 24 whole hours before it (24 to 25 hours);
/// - `slo`: the current day plus the `sloWindowDays` whole days before it. Windows over
///   31 days use buckets of `ceil(days / 31)` days, so the edge is that coarse (a 90-day
///   window is 30 buckets of 3 days: 90 to 93 days).
///
/// Precision: values are kept in units of 0.1 ms from 0.1 ms to 1 hour with 2
/// significant digits (HdrHistogram's layout, `LatencyLayout`), so a reported percentile
/// is the upper edge of a bucket 0.1 ms wide below 25.6 ms and at most 0.8% wide above
/// (as the library's `valueAtPercentile`), clamped to the smallest and largest values
/// seen in the window. A latency above 1 hour is counted as 1 hour.
///
/// Memory (`bytes` says what is held now): 61 minute + 25 hour + up to 32 day buckets
/// and 4 sliding sums, each a `LatencyCounts`: nothing before its first event, 4 bytes
/// per distinct value (of 2,560) while sparse, 10 KiB dense; 20 KiB only once one count
/// passes 2^32. A ring's newest bucket goes dense past 64 distinct values and is packed
/// when it closes; a sum goes dense past 128. Fixed parts: 9 KiB. Measured over 30 days
/// at 10 latencies a minute: 161 KiB for 0.2 to 6 s, 126 KiB for 20 to 400 ms, and still
/// 100 KiB at one a minute: a day of a broad distribution has 500 to 600 distinct values,
/// so the 31 day buckets are most of it. The ceiling, every bucket and sum dense, is
/// 1.2 MiB for any window (`worstCaseBytes`); the library's histograms held 2.5 MB
/// whatever the traffic. Less needs coarser precision, which was decided against: one
/// distribution per latency SLO, never per tenant or model series, costs little beside
/// the series' counters (docs/benchmarks.md, "Latency windows").
///
/// Cost: `record` finds the value's count in three buckets (an index in a dense newest
/// bucket, a binary search in a sparse one); the first event of a new minute, hour or
/// day slides that ring's sums (per span: add the bucket that closed, subtract the ones
/// that left, in work of their distinct values, not of the span). A query at the newest
/// bucket adds one sum and one bucket into 2,560 counts and scans them; at a later `now`
/// (a series that went quiet) it adds the window's buckets one by one. Measured in
/// release on this project's 2-core machines (docs/benchmarks.md, "Latency windows"): a
/// minute rollover of a latency SLO 6.5 µs where merging whole histograms took 70.
///
/// ```swift
/// var windows = LatencyWindows(sloWindowDays: 30)
/// windows.record(latencyMs: 840, at: now - 120_000)   // two minutes ago
/// windows.percentiles(.m5, now: now).p50              // about 840
/// windows.percentiles(.d1, now: now + 2 * 86_400_000) // .empty: no data
/// ```
struct LatencyWindows: Sendable, Codable {
    /// Histogram units per millisecond: values are kept in tenths of a millisecond.
    static let unitsPerMillisecond = 10.0
    /// One hour, in units: larger latencies are clamped here.
    static let highestTrackableUnits: UInt64 = 36_000_000
    /// The longest SLO window accepted, in days (shorter or longer ones are clamped).
    static let maximumWindowDays = 400
    /// Day buckets kept before the current one, at most; longer windows use wider buckets.
    static let maximumDayBuckets = 31
    static let dayMillis: Int64 = 86_400_000

    /// The SLO window in days, as given (clamped to 1...400).
    let sloWindowDays: Int
    /// Width of one SLO-window bucket in days: 1 up to 31 days.
    let daysPerBucket: Int
    private var minutes: LatencyRing
    private var hours: LatencyRing
    private var days: LatencyRing

    /// - Parameter sloWindowDays: the SLO window (31 for a calendar month), clamped to 1...400.
    init(sloWindowDays: Int) {
        let windowDays = min(max(sloWindowDays, 1), Self.maximumWindowDays)
        let perBucket = (windowDays + Self.maximumDayBuckets - 1) / Self.maximumDayBuckets
        self.sloWindowDays = windowDays
        daysPerBucket = perBucket
        minutes = LatencyRing(bucketMillis: TimeMath.minuteMillis, spans: [5, 60])
        hours = LatencyRing(bucketMillis: TimeMath.hourMillis, spans: [24])
        days = LatencyRing(bucketMillis: Int64(perBucket) * Self.dayMillis,
                           spans: [(windowDays + perBucket - 1) / perBucket])
    }

    /// Records one latency at event time `t`. Negative and NaN latencies are ignored;
    /// those above 1 hour count as 1 hour. An event older than a ring holds is kept by
    /// the longer rings only (a 2-hour-old event still counts for `1d` and `slo`).
    mutating func record(latencyMs: Double, at t: EpochMillis) {
        guard let value = Self.units(latencyMs: latencyMs) else { return }
        minutes.record(value, at: t)
        hours.record(value, at: t)
        days.record(value, at: t)
    }

    /// Percentiles over `window` ending at `now`; `.empty` when it holds no event.
    func percentiles(_ window: PercentileWindow, now: EpochMillis) -> LatencyPercentiles {
        let merged: LatencyDistribution? =
            switch window {
            case .m5: minutes.distribution(span: 5, now: now)
            case .h1: minutes.distribution(span: 60, now: now)
            case .d1: hours.distribution(span: 24, now: now)
            case .slo: days.distribution(span: days.spans[0], now: now)
            }
        return merged.map(Self.percentiles(of:)) ?? .empty
    }

    /// Percentiles over every window, for one SLO row or detail view.
    func allPercentiles(now: EpochMillis) -> [PercentileWindow: LatencyPercentiles] {
        var all: [PercentileWindow: LatencyPercentiles] = [:]
        for window in PercentileWindow.allCases {
            all[window] = percentiles(window, now: now)
        }
        return all
    }

    /// Bytes held now: the three rings' slots, sums and counts.
    var bytes: Int { MemoryLayout<Self>.size + minutes.bytes + hours.bytes + days.bytes }

    /// Bytes held at most with `sloWindowDays`: every bucket and sum dense with 32-bit
    /// counts (more than 1,024 distinct values each), over the fixed parts. Only a count
    /// past 2^32 in one bucket (4 billion latencies within 0.8% of each other in one day)
    /// makes a bucket wider, 20 KiB.
    static func worstCaseBytes(sloWindowDays: Int) -> Int {
        let empty = LatencyWindows(sloWindowDays: sloWindowDays)
        let buckets = [empty.minutes, empty.hours, empty.days].reduce(0) { $0 + $1.capacity + $1.spans.count }
        var dense = LatencyCounts()
        for index in 0...LatencyCounts.bucketSparseLimit { dense.add(1, at: index) }
        return empty.bytes + buckets * dense.bytes
    }

    /// Histogram units for a latency: nil for negative or NaN, clamped to one hour.
    static func units(latencyMs: Double) -> UInt64? {
        guard latencyMs >= 0 else { return nil }
        let scaled = (latencyMs * unitsPerMillisecond).rounded()
        return scaled < Double(highestTrackableUnits) ? UInt64(scaled) : highestTrackableUnits
    }

    /// An empty histogram: 0.1 ms .. 1 hour, 2 significant digits (2,560 counts).
    static func makeHistogram() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableUnits,
                  numberOfSignificantValueDigits: .two)
    }

    /// The four percentiles of a library histogram of `makeHistogram()`'s layout (the
    /// tests' reference).
    static func percentiles(of histogram: Histogram<UInt64>) -> LatencyPercentiles {
        percentiles(of: LatencyDistribution(histogram))
    }

    /// The four percentiles in one pass over the counts.
    ///
    /// Same answer as the library's `valueAtPercentile` for each level (the first index
    /// whose running count reaches the level, reported as its highest equivalent value
    /// and clamped to the recorded min and max), but one scan instead of four.
    static func percentiles(of distribution: LatencyDistribution) -> LatencyPercentiles {
        let total = distribution.total
        guard total > 0 else { return .empty }
        let levels: [Double] = [50, 90, 95, 99]
        let targets = levels.map { level in
            // As the library does: one ulp below the level, rounded up, at least 1.
            max(1, UInt64((level.nextDown * Double(total) / 100).rounded(.up)))
        }
        var found: [UInt64] = []
        found.reserveCapacity(levels.count)
        var running: UInt64 = 0
        let reported = LatencyLayout.reportedValues
        for (index, count) in distribution.counts.enumerated() where count != 0 {
            running += count
            while found.count < targets.count, running >= targets[found.count] {
                found.append(reported[index])
            }
            if found.count == targets.count { break }
        }
        let low = distribution.min, high = distribution.max
        let ms = found.map { Double(max(min($0, high), low)) / unitsPerMillisecond }
        guard ms.count == levels.count else { return .empty }
        return LatencyPercentiles(count: Int64(clamping: total), p50: ms[0], p90: ms[1], p95: ms[2], p99: ms[3])
    }
}

extension LatencyDistribution {
    /// The distribution a library histogram of `LatencyWindows.makeHistogram()`'s layout
    /// holds. Its min is exact only when no 0 was recorded (the library then shows a
    /// rounded one), which changes no percentile: a window holding a 0 is clamped at 0.
    init(_ histogram: Histogram<UInt64>) {
        self.init()
        for step in histogram.recordedValues() {
            counts[LatencyLayout.index(of: step.value)] += UInt64(step.count)
        }
        total = histogram.totalCount
        minNonZero = counts[0] > 0 ? histogram.minNonZero : histogram.min
        max = histogram.maxRecorded
        if total == 0 { minNonZero = .max }
    }
}
