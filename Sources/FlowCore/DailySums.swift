/// A sum per UTC day over the last `DailySums.days` days, for totals over a period (the
/// AI spend of an attribution period). A value older than the ring is dropped; one
/// from the future beyond the newest day moves the ring forward.
///
/// Why days: a period is a whole number of days, and 400 doubles a tenant is small.
/// A period's total counts the whole day its start falls in.
///
/// ```swift
/// var spend = DailySums()
/// spend.add(0.02, at: now)
/// spend.total(days: 30, now: now)   // 0.02
/// ```
struct DailySums: Sendable, Equatable {
    static let days = 400
    static let dayMillis: EpochMillis = 86_400_000

    private var sums = [Double](repeating: 0, count: DailySums.days)
    /// The day each slot holds (days since the epoch); a slot holding another day is 0.
    private var stamp = [Int64](repeating: .min, count: DailySums.days)

    static func day(_ t: EpochMillis) -> Int64 {
        t >= 0 ? t / dayMillis : (t - dayMillis + 1) / dayMillis
    }

    private static func slot(_ day: Int64) -> Int {
        let n = Int64(days)
        return Int(((day % n) + n) % n)
    }

    mutating func add(_ value: Double, at t: EpochMillis) {
        guard value.isFinite else { return }
        let d = Self.day(t)
        let s = Self.slot(d)
        if stamp[s] != d {
            // An older day than the slot holds is past the ring: drop it.
            if stamp[s] != .min, stamp[s] > d { return }
            stamp[s] = d
            sums[s] = 0
        }
        sums[s] += value
    }

    /// The sum over the days from the one `days` days before `now` up to `now`'s day.
    func total(days: Int, now: EpochMillis) -> Double {
        let last = Self.day(now)
        let first = last - Int64(min(max(0, days), Self.days - 1))
        var sum = 0.0
        for d in first...last where stamp[Self.slot(d)] == d { sum += sums[Self.slot(d)] }
        return sum
    }
}
