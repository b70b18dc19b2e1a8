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
        let whole = naive.values.reduce(SLICounts.zero, +)
        #expect(series.window(endingAtHour: TimeMath.hour(of: newest * 60_000), hours: 30 * 24) == whole)
        for _ in 0..<200 {
            // Queries end within the hour of slack the minute ring keeps past 3 days.
            let end = newest - rng.next(60)
            for w in BurnWindow.allCases {
                let length = w.millis / 60_000
                var expected = SLICounts.zero
                for m in (end - length + 1)...end { expected += naive[m] ?? .zero }
                #expect(series.window(endingAtMinute: end, minutes: length) == expected, "window \(w.rawValue) at \(end)")
            }
        }
    }

    @Test(arguments: [true, false])
    func ringDropsBucketsOlderThanItHolds(prefix: Bool) {
        var ring: any TestRing = prefix ? PrefixRing(capacity: 10) : BucketRing(capacity: 10)
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

/// Both rings answer the same questions; one test drives either.
protocol TestRing {
    @discardableResult mutating func add(_ counts: SLICounts, at bucket: Int64) -> Bool
    func counts(at bucket: Int64) -> SLICounts
    func sum(_ range: ClosedRange<Int64>) -> SLICounts
}

extension BucketRing: TestRing {}
extension PrefixRing: TestRing {}

@Suite struct PrefixRingTests {
    @Test func sumsAnyRangeWithLateEventsAndJumps() {
        var ring = PrefixRing(capacity: 50)
        var naive: [Int64: SLICounts] = [:]
        var rng = SeriesCountersTests.LCG(state: 7)
        var newest: Int64 = 1_000
        for step in 0..<5_000 {
            // Forward, sometimes a jump longer than the ring, sometimes late.
            if step % 997 == 0 { newest += 120 } else { newest += rng.next(4) == 0 ? 1 : 0 }
            let bucket = rng.next(5) == 0 ? newest - rng.next(60) : newest
            let c = SLICounts(good: rng.next(2), total: 1)
            if ring.add(c, at: bucket) { naive[bucket, default: .zero] += c }
            if step % 50 == 0, let held = ring.newest {
                // The ring's newest can lag `newest` after a jump followed by a late event.
                for _ in 0..<20 {
                    let hi = held + 3 - rng.next(70)
                    let lo = hi - rng.next(60)
                    var expected = SLICounts.zero
                    let first = max(lo, held - 49)
                    let last = min(hi, held)
                    if first <= last {
                        for b in first...last { expected += naive[b] ?? .zero }
                    }
                    #expect(ring.sum(lo...hi) == expected, "sum \(lo)...\(hi), newest \(held)")
                }
            }
        }
    }

    @Test func anEmptyRingSumsToZero() {
        let ring = PrefixRing(capacity: 5)
        #expect(ring.sum(-10...10) == .zero)
        #expect(ring.newest == nil)
    }
}
