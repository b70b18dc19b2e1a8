/// An SLO series' counters as engine layouts 1 to 3 kept them: a running-total ring of
/// 3 days and an hour of minutes and one of the SLO window's hours (80 KiB a series).
/// Only read from an older checkpoint and converted (`converted()`); written only by the
/// tests that prove the upgrade (`CodingUserInfoKey.engineLayout` below 4).
///
/// ```swift
/// let counters = try LegacySeriesCounters(from: decoder).converted()
/// ```
struct LegacySeriesCounters: Codable {
    static let minuteCapacity = 3 * 24 * 60 + 60

    var minutes: PrefixRing
    var hours: PrefixRing

    /// Today's rings, with every count the older ones hold that today's still cover: the
    /// last 7 hours of minutes, the last 3 days by quarter hour, every hour.
    func converted() -> SeriesCounters {
        var newMinutes = CountRing(capacity: SeriesCounters.minuteCapacity)
        var quarters = CountRing(capacity: SeriesCounters.quarterCapacity)
        var newHours = CountRing(capacity: hours.capacity)
        if let oldest = hours.oldest, let newest = hours.newest {
            for h in oldest...newest {
                let c = hours.counts(at: h)
                if c.total > 0 { newHours.add(c, at: h) }
            }
            newHours.settle(at: newest)
        }
        if let oldest = minutes.oldest, let newest = minutes.newest {
            for m in oldest...newest {
                let c = minutes.counts(at: m)
                guard c.total > 0 else { continue }
                if m > newest - Int64(SeriesCounters.minuteCapacity) { newMinutes.add(c, at: m) }
                if m < newest { quarters.add(c, at: SeriesCounters.quarter(of: m)) }
            }
            newMinutes.settle(at: newest)
            quarters.settle(at: SeriesCounters.quarter(of: newest))
            // Today's hour ring holds every minute but the newest (`SeriesCounters.record`).
            let head = minutes.counts(at: newest)
            if head.total > 0 { newHours.add(SLICounts(good: -head.good, total: -head.total), at: SeriesCounters.hour(of: newest)) }
            newHours.settle(at: SeriesCounters.hour(of: newest))
        }
        return SeriesCounters(minutes: newMinutes, quarters: quarters, hours: newHours)
    }
}

extension LegacySeriesCounters {
    /// The older shape of `counters`, for the upgrade tests: exact while every event is
    /// within the last 7 hours; older minutes are gone, so a quarter hour's counts from
    /// before then stand on its first minute.
    init(_ counters: SeriesCounters) {
        minutes = PrefixRing(capacity: Self.minuteCapacity)
        hours = PrefixRing(capacity: counters.hours.capacity)
        if let newest = counters.minutes.newest, let reach = counters.minutes.oldest {
            let q = SeriesCounters.quarterMinutes
            for (quarter, c) in counters.quarters.heldBuckets() where quarter * q < reach {
                let held = counters.minutes((quarter * q)...(quarter * q + q - 1))
                let before = SLICounts(good: c.good - held.good, total: c.total - held.total)
                if before.total > 0 { minutes.add(before, at: quarter * q) }
            }
            for (m, c) in counters.minutes.heldBuckets() { minutes.add(c, at: m) }
            if minutes.newest == nil { minutes.add(.zero, at: newest) } else { minutes.advance(to: newest) }
        }
        for (h, c) in counters.hours.heldBuckets() { hours.add(c, at: h) }
        // The older ring held the newest minute too (today's takes it in when it ends).
        if let head = counters.minutes.newest {
            let c = counters.minute(head)
            if c.total > 0 { hours.add(c, at: SeriesCounters.hour(of: head)) }
        }
        if let newest = counters.hours.newest {
            if hours.newest == nil { hours.add(.zero, at: newest) } else { hours.advance(to: newest) }
        }
    }
}

extension CountRing {
    /// Makes `bucket` the newest, as a write there would.
    mutating func settle(at bucket: Int64) {
        if newest == nil { add(.zero, at: bucket) } else { advance(to: bucket) }
    }
}
