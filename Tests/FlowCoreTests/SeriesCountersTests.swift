import FlowTestKit
import Testing

@testable import FlowCore

/// Window sums from the two rings agree with a plain per-minute count.
@Suite struct SeriesCountersTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(bound))
        }
    }

    @Test func windowSumsMatchANaiveCountIncludingLateEvents() {
        var rng = LCG(state: 42)
        var series = SeriesCounters(window: .rolling(days: 30))
        var naive: [Int64: SLICounts] = [:]
        let base = TimeMath.minute(of: TestTime.start)
        var newest = base
        for _ in 0..<20_000 {
            // Mostly forward in time, sometimes up to 2 days late.
            newest += rng.next(3) == 0 ? 1 : 0
            let minute = rng.next(10) == 0 ? newest - rng.next(2 * 24 * 60) : newest
            let counts = SLICounts(good: rng.next(2), total: 1)
            series.record(counts, at: minute * 60_000 + rng.next(60_000))
            naive[minute, default: .zero] += counts
        }
        func naiveSum(_ range: ClosedRange<Int64>) -> SLICounts {
            range.reduce(SLICounts.zero) { $0 + (naive[$1] ?? .zero) }
        }
        let whole = naive.values.reduce(SLICounts.zero, +)
        #expect(series.window(endingAtHour: TimeMath.hour(of: newest * 60_000), hours: 30 * 24) == whole)
        for _ in 0..<200 {
            // Queries end within the hour of slack the minute ring keeps past 6 hours.
            let end = newest - rng.next(60)
            for w in BurnWindow.allCases {
                let length = w.millis / 60_000
                let (counts, scale) = series.tierWindow(endingAtMinute: end, minutes: length)
                if length <= 6 * 60 {
                    #expect(scale == 1 && counts == naiveSum((end - length + 1)...end), "window \(w.rawValue) at \(end)")
                    #expect(series.window(endingAtMinute: end, minutes: length) == counts)
                    continue
                }
                // Longer: whole minutes in 15ths, the oldest quarter hour weighted by
                // the minutes of it inside.
                let start = end - length + 1
                let firstQuarter = TimeMath.floorDiv(start, 15)
                let inside = (firstQuarter + 1) * 15 - start
                let exact = naiveSum(((firstQuarter + 1) * 15)...end)
                let edge = naiveSum((firstQuarter * 15)...(firstQuarter * 15 + 14))
                let expected = SLICounts(good: 15 * exact.good + inside * edge.good,
                                         total: 15 * exact.total + inside * edge.total)
                #expect(scale == 15 && counts == expected, "window \(w.rawValue) at \(end)")
                if inside == 15 {
                    // A window starting on a quarter hour is exact.
                    let plain = naiveSum(start...end)
                    #expect(counts == SLICounts(good: 15 * plain.good, total: 15 * plain.total))
                }
            }
        }
    }

    /// Sliding windows at any instant: the minute rule up to 6 hours, the quarter-hour rule
    /// beyond, both matching a plain count of whole buckets plus the oldest one weighted.
    @Test func slidingWindowsWeighTheirOldestBucket() {
        var rng = LCG(state: 9)
        var series = SeriesCounters(window: .rolling(days: 30))
        var naive: [Int64: SLICounts] = [:]
        let start = TestTime.start
        var t = start
        for _ in 0..<30_000 {
            t += rng.next(20_000)
            let counts = SLICounts(good: rng.next(4) == 0 ? 0 : 1, total: 1)
            series.record(counts, at: t)
            naive[TimeMath.minute(of: t), default: .zero] += counts
        }
        func bucketSum(_ bucket: Int64, minutes per: Int64) -> SLICounts {
            ((bucket * per)...(bucket * per + per - 1)).reduce(SLICounts.zero) { $0 + (naive[$1] ?? .zero) }
        }
        for _ in 0..<100 {
            let now = t - rng.next(30 * 60_000)
            for w in BurnWindow.allCases {
                let per: Int64 = w.minutes <= 6 * 60 ? 1 : 15
                let bucketMillis = per * 60_000
                let count = w.minutes / per
                let end = TimeMath.floorDiv(now, bucketMillis)
                var expected = WindowCounts()
                for b in (end - count + 1)...end { expected = expected + WindowCounts(bucketSum(b, minutes: per)) }
                expected = expected + WindowCounts(bucketSum(end - count, minutes: per),
                                                   weight: SeriesCounters.insideShare(of: now, bucket: bucketMillis))
                let got = series.window(endingAt: now, minutes: w.minutes)
                #expect(abs(got.total - expected.total) < 1e-6 && abs(got.good - expected.good) < 1e-6,
                        "window \(w.rawValue) at \(now)")
            }
        }
    }

    /// A checkpoint of layouts 1 to 3 (3 days of minutes, hours, as running totals)
    /// becomes today's rings with every count they cover: each window answers the same as
    /// rings fed the events directly.
    @Test func olderCountersConvertWithEveryCountTheRingsCover() {
        var rng = LCG(state: 5)
        var legacy = LegacySeriesCounters(minutes: PrefixRing(capacity: LegacySeriesCounters.minuteCapacity),
                                          hours: PrefixRing(capacity: SeriesCounters.hourCapacity(for: .rolling(days: 30))))
        var series = SeriesCounters(window: .rolling(days: 30))
        var t = TestTime.start
        for _ in 0..<40_000 {
            t += rng.next(240_000)
            let late = rng.next(8) == 0 ? rng.next(6 * 3_600_000) : 0
            let counts = SLICounts(good: rng.next(5) == 0 ? 0 : 1, total: 1)
            series.record(counts, at: t - late)
            legacy.minutes.add(counts, at: TimeMath.minute(of: t - late))
            legacy.hours.add(counts, at: TimeMath.hour(of: t - late))
        }
        let converted = legacy.converted()
        let minute = TimeMath.minute(of: t)
        #expect(converted.newestMinute == series.newestMinute)
        for (a, b) in [(converted.minutes, series.minutes), (converted.hours, series.hours)] {
            #expect(a.heldBuckets().map(\.bucket) == b.heldBuckets().map(\.bucket))
            #expect(a.heldBuckets().map(\.counts) == b.heldBuckets().map(\.counts))
        }
        // Windows ending in the last half hour: a 3-day window then starts within the
        // 3 days and an hour of minutes the older ring held.
        for end in (minute - 30)...minute {
            for w in BurnWindow.allCases {
                #expect(converted.tierWindow(endingAtMinute: end, minutes: w.minutes)
                        == series.tierWindow(endingAtMinute: end, minutes: w.minutes), "\(w.rawValue) at \(end)")
                let now = end * 60_000 + 17_000
                #expect(converted.window(endingAt: now, minutes: w.minutes) == series.window(endingAt: now, minutes: w.minutes))
            }
        }
        // And back: the older shape of rings whose events are all within 7 hours is the
        // one the older build kept.
        var recent = SeriesCounters(window: .rolling(days: 30))
        var old = LegacySeriesCounters(minutes: PrefixRing(capacity: LegacySeriesCounters.minuteCapacity),
                                       hours: PrefixRing(capacity: SeriesCounters.hourCapacity(for: .rolling(days: 30))))
        for i in 0..<500 {
            let at = t + Int64(i) * 40_000 - rng.next(3_600_000)
            let c = SLICounts(good: rng.next(2), total: 1)
            recent.record(c, at: at)
            old.minutes.add(c, at: TimeMath.minute(of: at))
            old.hours.add(c, at: TimeMath.hour(of: at))
        }
        let rebuilt = LegacySeriesCounters(recent)
        #expect(rebuilt.minutes.newest == old.minutes.newest && rebuilt.hours.newest == old.hours.newest)
        let m = rebuilt.minutes.newest ?? 0
        #expect(((m - 4_380)...m).allSatisfy { rebuilt.minutes.sum((m - 4_380)...$0) == old.minutes.sum((m - 4_380)...$0) })
    }
}

/// The ring kinds hold the same buckets: the test drives each.
@Suite struct RingKindTests {
    @Test(arguments: [0, 1, 2])
    func ringDropsBucketsOlderThanItHolds(kind: Int) {
        var ring: any TestRing = switch kind {
        case 0: PrefixRing(capacity: 10)
        case 1: BucketRing(capacity: 10)
        default: CountRing(capacity: 10)
        }
        let kept = ring.add(SLICounts(good: 1, total: 1), at: 100)
        let late = ring.add(SLICounts(good: 1, total: 1), at: 91)
        let tooLate = ring.add(SLICounts(good: 1, total: 1), at: 90)
        #expect(kept && late && !tooLate)
        #expect(ring.sum(0...200) == SLICounts(good: 2, total: 2))
        ring.add(SLICounts(good: 0, total: 1), at: 105)   // clears 101...105's slots only
        #expect(ring.counts(at: 91) == .zero)              // 91 is now outside (96...105)
        #expect(ring.counts(at: 100) == SLICounts(good: 1, total: 1))
        #expect(ring.sum(96...105) == SLICounts(good: 1, total: 2))
    }
}

/// The rings answer the same questions; one test drives each.
protocol TestRing {
    var newestBucket: Int64? { get }
    @discardableResult mutating func add(_ counts: SLICounts, at bucket: Int64) -> Bool
    func counts(at bucket: Int64) -> SLICounts
    func sum(_ range: ClosedRange<Int64>) -> SLICounts
}

extension BucketRing: TestRing {
    var newestBucket: Int64? { newest }
}
extension PrefixRing: TestRing {
    var newestBucket: Int64? { newest }
}
extension CountRing: TestRing {
    var newestBucket: Int64? { newest }
}
