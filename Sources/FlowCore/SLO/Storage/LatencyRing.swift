/// Latency distributions for the last few time buckets of one width (a minute, an hour,
/// a day), keyed by absolute bucket number modulo the slot count, like a ring buffer.
///
/// Why: a percentile over a sliding window needs the distribution of that window. Each
/// bucket keeps its own counts (`LatencyCounts`, sparse while it has few distinct values)
/// and the exact smallest and largest value recorded in it, so a query can merge the
/// buckets its window covers. Memory is bounded by the slot count; a slot holds nothing
/// until its first event, and is cleared lazily when a newer bucket claims it, so no
/// timer expires anything. A late (out-of-order) event still lands in its bucket, and in
/// every window sum covering it, while that bucket is held.
///
/// Sliding sums: for each window span it serves, the ring keeps the counts of the whole
/// buckets before the newest one (`sums`, buckets `head - span ... head - 1`). When a
/// newer bucket opens, each sum adds the bucket that just closed and subtracts the ones
/// that left it: per span, work in the two buckets' distinct values once the sum is
/// dense (a busy series' are), plus the sum's own at most 128 while it is sparse, never
/// in the span's length. A jump of many buckets costs at most `span` subtractions (all
/// of a sum's buckets leaving empties it at once). A query at the
/// newest bucket reads one sum and one bucket; the window's min and max, which cannot
/// be subtracted, come from the covered buckets' own (one comparison per slot).
///
/// ```swift
/// var ring = LatencyRing(bucketMillis: 60_000, spans: [5, 60])
/// ring.record(1_200, at: 600_000)           // 120 ms in minute 10
/// ring.record(800, at: 540_000)             // late: minute 9, still held
/// ring.distribution(span: 5, now: 600_000)  // both events: minutes 5...10
/// ```
struct LatencyRing: Sendable {
    /// One bucket's counts and the exact extremes recorded in it.
    struct Bucket: Sendable {
        var counts = LatencyCounts()
        /// The smallest nonzero value recorded; `UInt64.max` before one (as the library).
        var minNonZero: UInt64 = .max
        /// The largest value recorded; 0 before one.
        var max: UInt64 = 0

        mutating func record(_ value: UInt64, at index: Int) {
            counts.add(1, at: index)
            if value > max { max = value }
            if value != 0, value < minNonZero { minNonZero = value }
        }
    }

    /// Width of one bucket in milliseconds.
    let bucketMillis: Int64
    /// Window spans served, in whole buckets before the current one (`[5, 60]`).
    let spans: [Int64]
    private(set) var slots: [Bucket]
    /// The absolute bucket number each slot holds; `Int64.min` for one never written.
    private(set) var keys: [Int64]
    /// The newest bucket written; nil before the first event.
    private(set) var head: Int64?
    /// Per span (same index as `spans`): counts of buckets `head - span ... head - 1`.
    private(set) var sums: [LatencyCounts]

    /// - Parameters:
    ///   - bucketMillis: width of a bucket (> 0).
    ///   - spans: the windows served, each in whole buckets before the current one (> 0);
    ///     the ring holds `max(spans) + 1` buckets.
    init(bucketMillis: Int64, spans: [Int]) {
        precondition(bucketMillis > 0 && !spans.isEmpty && spans.allSatisfy { $0 > 0 }, "invalid ring shape")
        self.bucketMillis = bucketMillis
        self.spans = spans.map { Int64($0) }
        let capacity = (spans.max() ?? 1) + 1
        slots = Array(repeating: Bucket(), count: capacity)
        keys = Array(repeating: .min, count: capacity)
        sums = Array(repeating: LatencyCounts(sparseLimit: LatencyCounts.sumSparseLimit), count: spans.count)
    }

    /// Buckets held: the largest span plus the current bucket.
    var capacity: Int { slots.count }

    /// Bytes held now: the slot and key arrays and every bucket's and sum's counts.
    var bytes: Int {
        let fixed = 3 * 32 + capacity * (MemoryLayout<Bucket>.stride + MemoryLayout<Int64>.stride)
            + sums.count * MemoryLayout<LatencyCounts>.stride
        return fixed + slots.reduce(0) { $0 + $1.counts.bytes } + sums.reduce(0) { $0 + $1.bytes }
    }

    /// Records one value (in 0.1 ms units) at time `t`: a binary search among the
    /// bucket's distinct values (an index once it is dense), plus one per sum for a late
    /// event; opening a newer bucket first slides the sums. Returns false, dropping the
    /// value, when its bucket is older than the ring holds or the value is past the
    /// layout (above 67,108,863; latencies are clamped to 36,000,000 before).
    @discardableResult
    mutating func record(_ value: UInt64, at t: EpochMillis) -> Bool {
        let index = LatencyLayout.index(of: value)
        guard index < LatencyLayout.countsLength else { return false }
        let bucket = self.bucket(of: t)
        if let head {
            if bucket <= head - Int64(capacity) { return false }
            // Before the new bucket's slot is reused: it may hold a bucket leaving a sum.
            if bucket > head { slide(from: head, to: bucket) }
        }
        let s = slot(bucket)
        if keys[s] != bucket {
            // The slot holds a bucket at least `capacity` older (in no sum): reuse it.
            let newest = bucket > (head ?? .min)
            slots[s] = Bucket(counts: LatencyCounts(
                sparseLimit: newest ? LatencyCounts.headSparseLimit : LatencyCounts.bucketSparseLimit))
            keys[s] = bucket
        }
        slots[s].record(value, at: index)
        guard let head, bucket < head else {
            head = bucket
            return true
        }
        // Late: also count it in every sum whose span covers its bucket.
        for i in spans.indices where bucket >= head - spans[i] { sums[i].add(1, at: index) }
        return true
    }

    /// Moves the sums from newest bucket `old` to `new` (> `old`): each adds `old`, now
    /// closed, if its span still covers it, and subtracts the held buckets that left it.
    /// Buckets between `old` and `new` were never written, so `old` is the only one to add.
    private mutating func slide(from old: Int64, to new: Int64) {
        // The bucket closing no longer takes most events: pack it if it fits.
        slots[slot(old)].counts.limitSparse(to: LatencyCounts.bucketSparseLimit)
        for i in spans.indices {
            let low = new - spans[i]   // the new window: low ... new - 1
            if low >= old {
                // Every bucket of the old window (old - span ... old - 1) left.
                sums[i].removeAll()
            } else {
                for leaving in (old - spans[i])..<low {
                    let s = slot(leaving)
                    if keys[s] == leaving { sums[i].subtract(slots[s].counts) }
                }
                sums[i].compact()
            }
            if old >= low { sums[i].add(slots[slot(old)].counts) }
        }
    }

    /// The distribution of the current bucket of `now` and the `span` whole buckets
    /// before it; nil when none of them is held.
    func distribution(span: Int64, now: EpochMillis) -> LatencyDistribution? {
        let bucket = TimeMath.floorDiv(now, bucketMillis)
        var merged: LatencyDistribution?
        if bucket == head, let i = spans.firstIndex(of: span) {
            // The newest bucket: one sum and one bucket; extremes from the covered slots.
            var window = LatencyDistribution()
            sums[i].add(into: &window.counts)
            window.total = sums[i].total
            for s in slots.indices where keys[s] <= bucket && keys[s] >= bucket - span {
                window.merge(extremesOf: slots[s])
                if keys[s] == bucket { window.add(slots[s].counts) }
            }
            merged = window
        } else {
            // `now` is not at the newest bucket (the series went quiet, or a report looks
            // back): merge the covered buckets one by one.
            for s in slots.indices where keys[s] <= bucket && keys[s] >= bucket - span {
                if merged == nil { merged = LatencyDistribution() }
                merged?.add(slots[s].counts)
                merged?.merge(extremesOf: slots[s])
            }
        }
        return merged
    }

    func slot(_ bucket: Int64) -> Int { Int(TimeMath.floorMod(bucket, Int64(capacity))) }

    /// The bucket of `t`; without a division when it is the newest (most events are).
    private func bucket(of t: EpochMillis) -> Int64 {
        if let head {
            let (start, overflow) = head.multipliedReportingOverflow(by: bucketMillis)
            let (offset, under) = t.subtractingReportingOverflow(start)
            if !overflow, !under, offset >= 0, offset < bucketMillis { return head }
        }
        return TimeMath.floorDiv(t, bucketMillis)
    }

    /// A ring holding `slots` (bucket `keys[s]` in slot `s`, `Int64.min` for none) with
    /// newest bucket `head`, its sums rebuilt from them: what decoding makes. Throws a
    /// description of the first part that no ring has, which `record` or the sums would
    /// trap on.
    init(bucketMillis: Int64, spans: [Int64], slots: [Bucket], keys: [Int64], head: Int64?) throws(ShapeError) {
        guard bucketMillis > 0, let longest = spans.max(), spans.allSatisfy({ $0 > 0 }), longest < Int64(Int32.max),
              Int64(slots.count) == longest + 1, keys.count == slots.count
        else { throw ShapeError("\(slots.count) slots, \(keys.count) keys and spans \(spans)") }
        self.bucketMillis = bucketMillis
        self.spans = spans
        self.slots = slots
        self.keys = keys
        self.head = head
        sums = Array(repeating: LatencyCounts(sparseLimit: LatencyCounts.sumSparseLimit), count: spans.count)
        var total: UInt64 = 0
        // Bucket numbers of real times are far inside ±2^62: the ring's arithmetic
        // (head - capacity, bucket - span) cannot overflow.
        let sane = -(Int64(1) << 62)...(Int64(1) << 62)
        if let head, !sane.contains(head) { throw ShapeError("newest bucket \(head)") }
        for s in slots.indices where keys[s] != .min {
            guard let head, sane.contains(keys[s]), keys[s] <= head, slot(keys[s]) == s else {
                throw ShapeError("bucket \(keys[s]) in slot \(s) with newest bucket \(head.map { "\($0)" } ?? "none")")
            }
            let (sum, overflow) = total.addingReportingOverflow(slots[s].counts.total)
            guard !overflow else { throw ShapeError("more than 2^64 values") }
            total = sum
        }
        if let head {
            guard keys[slot(head)] == head else { throw ShapeError("newest bucket \(head) not held") }
            self.slots[slot(head)].counts.limitSparse(to: LatencyCounts.headSparseLimit)
        }
        for i in spans.indices {
            guard let head else { continue }
            for s in slots.indices where keys[s] < head && keys[s] >= head - spans[i] {
                sums[i].add(slots[s].counts)
            }
        }
    }

    /// What makes a decoded ring impossible.
    struct ShapeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// The merged counts of a window with its exact extremes: what percentiles are read from.
struct LatencyDistribution: Sendable, Equatable {
    /// One count per `LatencyLayout` index.
    var counts = [UInt64](repeating: 0, count: LatencyLayout.countsLength)
    var total: UInt64 = 0
    /// The smallest nonzero value recorded; `UInt64.max` when none.
    var minNonZero: UInt64 = .max
    /// The largest value recorded; 0 when none.
    var max: UInt64 = 0

    mutating func add(_ other: LatencyCounts) {
        other.add(into: &counts)
        total += other.total
    }

    mutating func merge(extremesOf bucket: LatencyRing.Bucket) {
        minNonZero = Swift.min(minNonZero, bucket.minNonZero)
        max = Swift.max(max, bucket.max)
    }

    /// The smallest value recorded, as the library's `Histogram.min`: 0 when a 0 was
    /// recorded (or nothing was).
    var min: UInt64 { counts[0] > 0 || total == 0 ? 0 : minNonZero }
}
