/// Good and total events counted together: the unit every SLO bucket and window sum holds.
///
/// Window sums add counts, never ratios, so an SLI over a window is traffic-weighted:
/// `SLICounts(good: 990, total: 1000).bad == 10`.
public struct SLICounts: Sendable, Equatable, Codable {
    public var good: Int64
    public var total: Int64

    public init(good: Int64 = 0, total: Int64 = 0) {
        self.good = good
        self.total = total
    }

    public static let zero = SLICounts()

    public var bad: Int64 { total - good }
    public var isEmpty: Bool { total == 0 }

    public static func + (a: SLICounts, b: SLICounts) -> SLICounts {
        SLICounts(good: a.good + b.good, total: a.total + b.total)
    }

    public static func += (a: inout SLICounts, b: SLICounts) {
        a.good += b.good
        a.total += b.total
    }
}

/// A fixed number of consecutive time buckets, indexed by absolute bucket number
/// (minute or hour since the epoch) modulo the capacity.
///
/// Why: memory stays fixed however long the engine runs, and a late (out-of-order) event
/// still lands in the bucket it belongs to as long as that bucket is among the last
/// `capacity` ones. When a newer bucket is written, the slots it skips over are cleared
/// then (lazily), so no timer is needed to expire old data.
///
/// ```swift
/// var ring = BucketRing(capacity: 60)
/// ring.add(SLICounts(good: 1, total: 1), at: 1_000)   // minute 1000
/// ring.add(SLICounts(good: 0, total: 1), at: 999)     // late, still kept
/// ring.sum(999...1_000)                               // good 1, total 2
/// ```
///
/// Memory: `capacity` x 16 bytes (two `Int64` per slot).
struct BucketRing: Sendable, Codable {
    private var slots: [SLICounts]
    /// The newest bucket written (or advanced to); nil before the first write.
    private(set) var newest: Int64?

    init(capacity: Int) {
        precondition(capacity > 0, "a ring needs at least one bucket")
        slots = Array(repeating: .zero, count: capacity)
    }

    var capacity: Int { slots.count }

    /// The oldest bucket still held, given the newest.
    var oldest: Int64? { newest.map { $0 - Int64(capacity) + 1 } }

    private func slot(_ bucket: Int64) -> Int { Int(TimeMath.floorMod(bucket, Int64(capacity))) }

    /// Adds counts to `bucket`. Returns false (and drops them) when the bucket is older
    /// than the ring holds.
    @discardableResult
    mutating func add(_ counts: SLICounts, at bucket: Int64) -> Bool {
        if let newest {
            if bucket <= newest - Int64(capacity) { return false }
            if bucket > newest { advance(to: bucket) }
        } else {
            newest = bucket
        }
        slots[slot(bucket)] += counts
        return true
    }

    /// Makes `bucket` the newest, clearing the slots of the buckets skipped over.
    private mutating func advance(to bucket: Int64) {
        guard let newest else { return }
        if bucket - newest >= Int64(capacity) {
            for i in slots.indices { slots[i] = .zero }
        } else {
            var b = newest + 1
            while b <= bucket {
                slots[slot(b)] = .zero
                b += 1
            }
        }
        self.newest = bucket
    }

    /// Whether `bucket` is inside the range the ring holds (it may still be zero).
    func holds(_ bucket: Int64) -> Bool {
        guard let newest else { return false }
        return bucket <= newest && bucket > newest - Int64(capacity)
    }

    /// Counts of one bucket; zero when it is empty or outside the ring.
    func counts(at bucket: Int64) -> SLICounts {
        holds(bucket) ? slots[slot(bucket)] : .zero
    }

    /// Sum over a range of buckets; those outside the ring count as zero.
    func sum(_ range: ClosedRange<Int64>) -> SLICounts {
        guard let newest else { return .zero }
        let lo = max(range.lowerBound, newest - Int64(capacity) + 1)
        let hi = min(range.upperBound, newest)
        guard lo <= hi else { return .zero }
        var total = SLICounts.zero
        var b = lo
        var i = slot(lo)
        while b <= hi {
            total += slots[i]
            b += 1
            i += 1
            if i == slots.count { i = 0 }
        }
        return total
    }
}
