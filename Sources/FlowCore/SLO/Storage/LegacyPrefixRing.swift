/// Engine layouts 1 to 3 kept SLO series in these (`LegacySeriesCounters`); today only
/// older checkpoints are read through it, and `CountRing` holds the counts.
///
/// Consecutive time buckets holding running totals (prefix sums), so the sum over any
/// range of held buckets is one subtraction: `sum(a...b) = cum(b) - cum(a - 1)`.
///
/// Why: a burn-rate window over 3 days of minute buckets would otherwise read 4,320
/// slots per query; with prefix sums every window of every series costs two reads, so a
/// frame with thousands of series stays cheap.
///
/// Buckets are absolute numbers (minute or hour since the epoch) modulo the slot count,
/// like a ring buffer: memory is fixed, old buckets drop out as newer ones are written,
/// and moving forward carries the running total into the skipped slots (O(1) per bucket
/// of elapsed time, never per event). A late event in a bucket still held adds to that
/// bucket's total and every later one: O(1) for an event of the current bucket, one write
/// per bucket of lateness otherwise.
///
/// ```swift
/// var ring = PrefixRing(capacity: 60)
/// ring.add(SLICounts(good: 1, total: 1), at: 1_000)   // minute 1000
/// ring.add(SLICounts(good: 0, total: 1), at: 999)     // late, still kept
/// ring.sum(999...1_000)                               // good 1, total 2
/// ```
///
/// Memory: (`capacity` + 1) x 16 bytes; the extra slot holds the total before the
/// oldest bucket, so a sum starting at the oldest bucket is still one subtraction.
struct PrefixRing: Sendable {
    /// Running totals: `cum[slot(b)]` = everything counted in buckets up to `b`.
    private var cum: [SLICounts]
    /// The newest bucket written (or advanced to); nil before the first write.
    private(set) var newest: Int64?
    /// Buckets a sum can cover.
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a ring needs at least one bucket")
        self.capacity = capacity
        cum = Array(repeating: .zero, count: capacity + 1)
    }

    /// The oldest bucket still held, given the newest.
    var oldest: Int64? { newest.map { $0 - Int64(capacity) + 1 } }

    private func slot(_ bucket: Int64) -> Int { Int(TimeMath.floorMod(bucket, Int64(cum.count))) }

    /// Adds counts to `bucket`. Returns false (and drops them) when the bucket is older
    /// than the ring holds.
    @discardableResult
    mutating func add(_ counts: SLICounts, at bucket: Int64) -> Bool {
        guard let newest else {
            newest = bucket
            cum[slot(bucket)] = counts
            return true
        }
        if bucket > newest {
            advance(to: bucket)
        } else if bucket <= newest - Int64(capacity) {
            return false
        }
        let last = self.newest ?? bucket
        var b = bucket
        var i = slot(bucket)
        while b <= last {
            cum[i] += counts
            b += 1
            i += 1
            if i == cum.count { i = 0 }
        }
        return true
    }

    /// Moves the newest bucket forward, carrying the running total into the skipped
    /// slots (they hold no events of their own).
    mutating func advance(to bucket: Int64) {
        guard let newest, bucket > newest else { return }
        let carried = cum[slot(newest)]
        if bucket - newest >= Int64(cum.count) {
            for i in cum.indices { cum[i] = carried }
        } else {
            var b = newest + 1
            while b <= bucket {
                cum[slot(b)] = carried
                b += 1
            }
        }
        self.newest = bucket
    }

    /// Running total through `bucket`, for buckets from one before the oldest onwards;
    /// later buckets read the newest total, earlier ones the total before the oldest.
    private func cumulative(through bucket: Int64) -> SLICounts {
        guard let newest else { return .zero }
        let b = min(max(bucket, newest - Int64(capacity)), newest)
        return cum[slot(b)]
    }

    /// Sum over a range of buckets; those outside the ring count as zero. Two reads.
    func sum(_ range: ClosedRange<Int64>) -> SLICounts {
        guard let newest else { return .zero }
        let lo = max(range.lowerBound, newest - Int64(capacity) + 1)
        let hi = min(range.upperBound, newest)
        guard lo <= hi else { return .zero }
        let upper = cumulative(through: hi)
        let lower = cumulative(through: lo - 1)
        return SLICounts(good: upper.good - lower.good, total: upper.total - lower.total)
    }

    /// Counts of one bucket; zero when it is empty or outside the ring.
    func counts(at bucket: Int64) -> SLICounts { sum(bucket...bucket) }
}

/// Checkpoints (FlowStore) keep the ring as its capacity, newest bucket and running
/// totals, the totals flattened to `[good, total, good, total...]`: an array of `Int64`
/// that a binary coder copies in one go, where an array of `SLICounts` would cost a
/// container per slot (5,105 slots a series).
///
/// ```swift
/// let bytes = try StateEncoder.encode(ring)   // FlowStore
/// ```
extension PrefixRing: Codable {
    private enum CodingKeys: String, CodingKey {
        case capacity, newest, cumulative
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encodeIfPresent(newest, forKey: .newest)
        var flat: [Int64] = []
        flat.reserveCapacity(cum.count * 2)
        for c in cum {
            flat.append(c.good)
            flat.append(c.total)
        }
        try container.encode(flat, forKey: .cumulative)
    }

    /// Throws for a shape no ring has (a capacity below 1, totals of another length):
    /// the ring's arithmetic would trap on it.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        let newest = try container.decodeIfPresent(Int64.self, forKey: .newest)
        let flat = try container.decode([Int64].self, forKey: .cumulative)
        guard capacity > 0, capacity < Int.max / 2, flat.count == 2 * (capacity + 1) else {
            throw DecodingError.dataCorruptedError(
                forKey: .cumulative, in: container,
                debugDescription: "a ring of capacity \(capacity) with \(flat.count / 2) running totals")
        }
        self.capacity = capacity
        self.newest = newest
        cum = stride(from: 0, to: flat.count, by: 2).map { SLICounts(good: flat[$0], total: flat[$0 + 1]) }
    }
}
