import Testing

@testable import FlowCore

/// `CountRing` against a plain count per bucket: any range, late events, jumps, counts
/// past 32 bits.
@Suite struct CountRingTests {
    /// The running-total ring that older checkpoints are read through answers the same.
    @Test(arguments: [(1, false), (15, false), (16, false), (17, false), (50, false), (420, false), (50, true)])
    func sumsAnyRangeWithLateEventsAndJumps(capacity: Int, prefix: Bool) {
        var ring: any TestRing = prefix ? PrefixRing(capacity: capacity) : CountRing(capacity: capacity)
        var naive: [Int64: SLICounts] = [:]
        var rng = SeriesCountersTests.LCG(state: UInt64(capacity) + (prefix ? 1 : 0))
        var newest: Int64 = -1_000
        let reach = Int64(capacity)
        for step in 0..<6_000 {
            // Forward, sometimes a jump longer than the ring, sometimes late (or too late).
            if step % 997 == 0 { newest += 3 * reach + 7 } else { newest += rng.next(4) == 0 ? 1 : 0 }
            let bucket = rng.next(5) == 0 ? newest - rng.next(reach + 20) : newest
            let c = SLICounts(good: rng.next(3), total: 2)
            if ring.add(c, at: bucket) { naive[bucket, default: .zero] += c }
            if step % 40 == 0, let held = ring.newestBucket {
                for _ in 0..<20 {
                    let hi = held + 3 - rng.next(reach + 30)
                    let lo = hi - rng.next(reach + 30)
                    var expected = SLICounts.zero
                    let first = max(lo, held - reach + 1)
                    let last = min(hi, held)
                    if first <= last {
                        for b in first...last { expected += naive[b] ?? .zero }
                    }
                    #expect(ring.sum(lo...hi) == expected, "sum \(lo)...\(hi), newest \(held), capacity \(capacity)")
                }
            }
        }
    }

    @Test func anEmptyRingSumsToZero() {
        let ring = CountRing(capacity: 5)
        #expect(ring.sum(-10...10) == .zero)
        #expect(ring.newest == nil)
        #expect(ring.heldBuckets().isEmpty)
        #expect(PrefixRing(capacity: 5).sum(-10...10) == .zero)
    }

    /// A bucket past 2^32 - 1 events keeps every one of them, and leaves the side table
    /// once it falls out of the ring.
    @Test func countsPast32BitsStayExact() {
        var ring = CountRing(capacity: 40)
        let huge = SLICounts(good: 3_000_000_000, total: 4_000_000_000)
        ring.add(huge, at: 7)
        ring.add(huge, at: 7)                                 // 8e9: past 32 bits
        ring.add(SLICounts(good: 1, total: 1), at: 8)
        ring.add(huge, at: 30)
        #expect(ring.counts(at: 7) == SLICounts(good: 6_000_000_000, total: 8_000_000_000))
        #expect(ring.sum(0...40) == SLICounts(good: 9_000_000_001, total: 12_000_000_001))
        ring.add(SLICounts(good: 0, total: 1), at: 7)
        #expect(ring.counts(at: 7) == SLICounts(good: 6_000_000_000, total: 8_000_000_001))
        #expect(ring.sum(8...30) == SLICounts(good: 3_000_000_001, total: 4_000_000_001))
        ring.add(SLICounts(good: 1, total: 1), at: 200)       // 7 and 30 leave the ring
        #expect(ring.sum(0...300) == SLICounts(good: 1, total: 1))
        ring.add(SLICounts(good: 1, total: 1), at: 199)
        #expect(ring.counts(at: 199) == SLICounts(good: 1, total: 1))
    }

    /// At most 16 KiB a series for a 30-day SLO (issue 17), and the figure the doc states.
    @Test func aSeriesOfAThirtyDaySLOTakesUnder16KiB() {
        #expect(SeriesCounters.bytes(for: .rolling(days: 30)) == 13_680)
        #expect(SeriesCounters.bytes(for: .calendarMonth) <= 16 * 1024)
        #expect(SeriesCounters.bytes(for: .rolling(days: 7)) == 13_680)
    }
}

/// `forEach` reads what `counts(at:)` reads, inside the ring and on both sides of it.
@Suite struct CountRingWalkTests {
    @Test func walkingARangeGivesEachBucketsCounts() {
        var ring = CountRing(capacity: 40)
        var rng = SeriesCountersTests.LCG(state: 3)
        for b in Int64(100)...Int64(190) where rng.next(3) != 0 {
            ring.add(SLICounts(good: rng.next(4), total: 4), at: b)
        }
        ring.add(SLICounts(good: 3_000_000_000, total: 4_000_000_000), at: 170)
        ring.add(SLICounts(good: 3_000_000_000, total: 4_000_000_000), at: 170)   // past 32 bits
        for (lo, hi) in [(Int64(120), Int64(200)), (140, 160), (151, 151), (0, 10), (195, 230), (100, 190)] {
            var walked: [SLICounts] = []
            ring.forEach(lo...hi) { walked.append($0) }
            #expect(walked == (lo...hi).map { ring.counts(at: $0) }, "\(lo)...\(hi)")
        }
        var empty: [SLICounts] = []
        CountRing(capacity: 5).forEach(1...3) { empty.append($0) }
        #expect(empty == [.zero, .zero, .zero])
    }
}
