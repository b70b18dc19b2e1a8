/// A sum per time bucket (a minute, a day) over the last `count` buckets, for totals over
/// a recent span: the AI spend of an attribution period (days), AI cost over the last
/// hour (minutes). A value older than the ring is dropped; a newer one reuses the slot.
///
/// Why buckets: a span's total is a few reads, and a ring of doubles is small (a day ring
/// of 400 is 6.4 KB). A span's total counts the whole bucket its start falls in.
///
/// ```swift
/// var spend = TimeSums.days()
/// spend.add(0.02, at: now)
/// spend.total(last: 30, now: now)   // 0.02: today and the 30 days before
/// ```
struct TimeSums: Sendable, Equatable, Codable {
    static let dayMillis: EpochMillis = 86_400_000

    let bucketMillis: EpochMillis
    private var sums: [Double]
    /// The bucket each slot holds (buckets since the epoch); a slot holding another is 0.
    private var stamp: [Int64]

    init(bucketMillis: EpochMillis, count: Int) {
        self.bucketMillis = max(1, bucketMillis)
        sums = [Double](repeating: 0, count: max(1, count))
        stamp = [Int64](repeating: .min, count: max(1, count))
    }

    /// 400 days: the attribution period's AI spend.
    static func days() -> TimeSums { TimeSums(bucketMillis: dayMillis, count: 400) }

    var count: Int { sums.count }

    func bucket(_ t: EpochMillis) -> Int64 {
        t >= 0 ? t / bucketMillis : (t - bucketMillis + 1) / bucketMillis
    }

    private func slot(_ bucket: Int64) -> Int {
        let n = Int64(sums.count)
        return Int(((bucket % n) + n) % n)
    }

    mutating func add(_ value: Double, at t: EpochMillis) {
        guard value.isFinite else { return }
        let b = bucket(t)
        let s = slot(b)
        if stamp[s] != b {
            // An older bucket than the slot holds is past the ring: drop it.
            if stamp[s] != .min, stamp[s] > b { return }
            stamp[s] = b
            sums[s] = 0
        }
        sums[s] += value
    }

    /// The sum over `now`'s bucket and the `last` buckets before it. One division for the
    /// first slot, then a walk: a snapshot asks it of every tenant (10,000 at the cap).
    func total(last: Int, now: EpochMillis) -> Double {
        let newest = bucket(now)
        let oldest = newest - Int64(min(max(0, last), sums.count - 1))
        var sum = 0.0
        var s = slot(oldest)
        for b in oldest...newest {
            if stamp[s] == b { sum += sums[s] }
            s += 1
            if s == sums.count { s = 0 }
        }
        return sum
    }
}
