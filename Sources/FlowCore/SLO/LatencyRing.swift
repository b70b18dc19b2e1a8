import Histogram

/// Latency histograms for the last few time buckets of one width (a minute, an hour, a
/// day), keyed by absolute bucket number modulo the slot count, like a ring buffer.
///
/// Why: a percentile over a sliding window needs the distribution of that window, and
/// distributions merge but do not subtract. So each bucket keeps its own histogram and a
/// query merges the buckets its window covers. Memory is bounded by the slot count: a
/// slot shares the storage of one empty histogram until its first write (so a ring that
/// never sees an event costs one histogram), and a slot is cleared lazily when a newer
/// bucket claims it, so no timer expires anything. A late (out-of-order) event still
/// lands in its bucket while that bucket is held.
///
/// To keep queries cheap, the ring also keeps, for each window span it serves, the merge
/// of the whole buckets before the newest one (`closedSums`). A query at the newest
/// bucket then merges two histograms instead of up to 61; the first event of a new bucket
/// pays for rebuilding those sums (65 merges, some 30 µs, for the minute ring).
///
/// ```swift
/// let empty = Histogram<UInt64>(highestTrackableValue: 36_000_000, numberOfSignificantValueDigits: .two)
/// var ring = LatencyRing(bucketMillis: 60_000, spans: [5, 60], empty: empty)
/// ring.record(1_200, at: 600_000)           // 120 ms in minute 10
/// ring.record(800, at: 540_000)             // late: minute 9, still held
/// ring.merged(span: 5, now: 600_000)        // both events: minutes 5...10
/// ```
struct LatencyRing: Sendable {
    /// Width of one bucket in milliseconds.
    let bucketMillis: Int64
    /// Window spans served, in whole buckets before the current one (`[5, 60]`).
    let spans: [Int64]
    private var slots: [Histogram<UInt64>]
    /// The absolute bucket number each slot holds; `Int64.min` for one never written.
    private var keys: [Int64]
    /// The newest bucket written; nil before the first event.
    private var head: Int64?
    /// Per span (same index as `spans`): merge of buckets `head - span ... head - 1`.
    private var closedSums: [Histogram<UInt64>]
    /// Assigned to clear a slot: O(1) now, and the slot's first write copies the counts
    /// (one 20 KB allocation per bucket opened), where `reset()` would run the library's
    /// unspecialized loop (20 to 50 µs).
    private let empty: Histogram<UInt64>

    /// - Parameters:
    ///   - bucketMillis: width of a bucket (> 0).
    ///   - spans: the windows served, each in whole buckets before the current one (> 0);
    ///     the ring holds `max(spans) + 1` buckets.
    ///   - empty: the empty histogram every slot starts from and is reset to; it fixes
    ///     the range and precision.
    init(bucketMillis: Int64, spans: [Int], empty: Histogram<UInt64>) {
        precondition(bucketMillis > 0 && !spans.isEmpty && spans.allSatisfy { $0 > 0 }, "invalid ring shape")
        self.bucketMillis = bucketMillis
        self.spans = spans.map { Int64($0) }
        let capacity = (spans.max() ?? 1) + 1
        self.empty = empty
        slots = Array(repeating: empty, count: capacity)
        closedSums = Array(repeating: empty, count: spans.count)
        keys = Array(repeating: .min, count: capacity)
    }

    /// Buckets held: the largest span plus the current bucket.
    var capacity: Int { slots.count }

    /// Bytes held once every slot and sum has been written, not counting the shared
    /// `empty` (conservative: counts plus the library's 512-byte overhead estimate each).
    var approximateBytes: Int {
        (capacity + spans.count) * empty.estimatedFootprintInBytes + capacity * MemoryLayout<Int64>.size
    }

    /// Records one value (in histogram units) at time `t`: O(1) and allocation-free in
    /// a bucket already open; opening a bucket allocates its counts and, for the newest
    /// bucket, rebuilds the closed sums. Returns false, dropping the value, when its
    /// bucket is older than the ring holds.
    @discardableResult
    mutating func record(_ value: UInt64, at t: EpochMillis) -> Bool {
        let bucket = TimeMath.floorDiv(t, bucketMillis)
        if let head, bucket <= head - Int64(capacity) { return false }
        let s = slot(bucket)
        if keys[s] != bucket {
            // The slot holds a bucket at least `capacity` older: expired, reuse it.
            slots[s] = empty
            keys[s] = bucket
        }
        slots[s].record(value)
        guard let head, bucket <= head else {
            advanceHead(to: bucket)
            return true
        }
        // Late: also count it in every closed sum whose span covers its bucket.
        for i in spans.indices where bucket < head && bucket >= head - spans[i] {
            closedSums[i].record(value)
        }
        return true
    }

    /// The merged histogram of the current bucket of `now` and the `span` whole buckets
    /// before it; nil when none of them holds a value.
    func merged(span: Int64, now: EpochMillis) -> Histogram<UInt64>? {
        let bucket = TimeMath.floorDiv(now, bucketMillis)
        if bucket == head, let i = spans.firstIndex(of: span) {
            let current = slots[slot(bucket)]
            if closedSums[i].totalCount == 0 { return current }
            var merged = closedSums[i]
            merged.add(current)
            return merged
        }
        // `now` is not at the newest bucket (the series went quiet, or a report looks
        // back): merge the covered buckets one by one.
        var merged: Histogram<UInt64>?
        for s in slots.indices where keys[s] <= bucket && keys[s] >= bucket - span {
            if merged == nil { merged = slots[s] } else { merged?.add(slots[s]) }
        }
        return merged
    }

    private func slot(_ bucket: Int64) -> Int { Int(TimeMath.floorMod(bucket, Int64(capacity))) }

    /// Makes `bucket` the newest and rebuilds each closed sum from the slots it covers.
    private mutating func advanceHead(to bucket: Int64) {
        head = bucket
        for i in spans.indices {
            closedSums[i] = empty
            for s in slots.indices where keys[s] < bucket && keys[s] >= bucket - spans[i] {
                closedSums[i].add(slots[s])
            }
        }
    }
}

/// Checkpoints (FlowStore) keep every field, but write a slot never written (`keys` is
/// `.min`) as nil and read it back as `empty` itself, so the decoded ring shares one
/// empty histogram between its idle slots as the live one does, instead of holding a
/// 20 KB copy for each (and writing it).
extension LatencyRing: Codable {
    private enum CodingKeys: String, CodingKey {
        case bucketMillis, spans, keys, head, empty, slots, closedSums
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bucketMillis, forKey: .bucketMillis)
        try container.encode(spans, forKey: .spans)
        try container.encode(keys, forKey: .keys)
        try container.encodeIfPresent(head, forKey: .head)
        try container.encode(empty, forKey: .empty)
        let written: [Histogram<UInt64>?] = slots.indices.map { keys[$0] == .min ? nil : slots[$0] }
        try container.encode(written, forKey: .slots)
        try container.encode(closedSums, forKey: .closedSums)
    }

    /// Throws for a shape no ring has (slot, key and span counts that disagree): `record`
    /// and `merged` would index out of range on it.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bucketMillis = try container.decode(Int64.self, forKey: .bucketMillis)
        spans = try container.decode([Int64].self, forKey: .spans)
        keys = try container.decode([Int64].self, forKey: .keys)
        head = try container.decodeIfPresent(Int64.self, forKey: .head)
        empty = try container.decode(Histogram<UInt64>.self, forKey: .empty)
        let written = try container.decode([Histogram<UInt64>?].self, forKey: .slots)
        closedSums = try container.decode([Histogram<UInt64>].self, forKey: .closedSums)
        guard bucketMillis > 0, let longest = spans.max(), spans.allSatisfy({ $0 > 0 }),
              Int64(written.count) == longest &+ 1, keys.count == written.count, closedSums.count == spans.count
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .slots, in: container,
                debugDescription: "a ring of \(written.count) slots, \(keys.count) keys and spans \(spans)")
        }
        let empty = self.empty
        slots = written.map { $0 ?? empty }
    }
}
