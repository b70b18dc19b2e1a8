import FlowTestKit
import Testing

@testable import FlowCore

/// The ring's windows against a brute-force merge of the events in the buckets each one
/// covers (with the library's own histograms), over random streams with late events,
/// gaps and jumps; the layout arithmetic against the library; the count forms.
@Suite struct LatencyRingTests {
    // MARK: Layout

    @Test func theLayoutIndexesValuesAsTheLibraryDoes() {
        let library = LatencyWindows.makeHistogram()
        for index in 0..<LatencyLayout.countsLength {
            let low = LatencyLayout.lowestValue(at: index)
            #expect(library.lowestEquivalentForValue(low) == low)
            #expect(LatencyLayout.index(of: low) == index)
            let high = LatencyLayout.reportedValues[index]
            #expect(high == library.highestEquivalentForValue(low))
            #expect(LatencyLayout.index(of: high) == index)
            if index + 1 < LatencyLayout.countsLength {
                #expect(LatencyLayout.lowestValue(at: index + 1) == high + 1)
            }
        }
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let value = UInt64.random(in: 0...LatencyWindows.highestTrackableUnits, using: &rng)
            #expect(LatencyLayout.lowestValue(at: LatencyLayout.index(of: value)) == library.lowestEquivalentForValue(value))
        }
        // Past the last count: out of the layout, as the library refuses to record it.
        #expect(LatencyLayout.index(of: 67_108_863) == LatencyLayout.countsLength - 1)
        #expect(LatencyLayout.index(of: 67_108_864) >= LatencyLayout.countsLength)
        #expect(LatencyLayout.index(of: .max) >= LatencyLayout.countsLength)
    }

    // MARK: Counts

    func contents(_ counts: LatencyCounts) -> [Int: UInt64] {
        var out: [Int: UInt64] = [:]
        counts.forEachNonZero { out[$0] = $1 }
        return out
    }

    @Test func countsAddAndSubtractLikeADictionaryInEveryForm() {
        var rng = SeededGenerator(seed: 5)
        for round in 0..<40 {
            var counts = LatencyCounts(), model: [Int: UInt64] = [:]
            var parts: [LatencyCounts] = []
            // Narrow rounds stay sparse; wide ones go dense; big counts go past 2^20 or 2^32.
            let spread = round % 4 == 0 ? 2_560 : 40
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                var part = LatencyCounts()
                for _ in 0..<Int.random(in: 1...700, using: &rng) {
                    let index = Int.random(in: 0..<spread, using: &rng) * (2_560 / spread)
                    let big = round % 5 == 1 && Int.random(in: 0..<50, using: &rng) == 0
                    let count = big ? UInt64.random(in: 1_000_000...3_000_000_000, using: &rng) : 1
                    part.add(count, at: index)
                    model[index, default: 0] += count
                }
                counts.add(part)
                parts.append(part)
                #expect(contents(counts) == model)
                #expect(counts.total == model.values.reduce(0, +))
            }
            // Take the parts away again, compacting as a sum does.
            for part in parts.shuffled(using: &rng) {
                counts.subtract(part)
                counts.compact()
                part.forEachNonZero { model[$0]! -= $1 }
                model = model.filter { $0.value > 0 }
                #expect(contents(counts) == model)
            }
            #expect(counts.isEmpty && counts.form == "sparse" && counts.bytes == 0)
        }
    }

    @Test func countsTakeTheSmallestFormThatHoldsThem() {
        var counts = LatencyCounts()
        for index in 0..<1_024 { counts.add(1, at: index) }
        #expect(counts.form == "sparse" && counts.bytes <= 32 + 4 * 2_048)
        counts.add(1, at: 2_000)   // the 1,025th distinct value
        #expect(counts.form == "dense")
        counts.add(UInt64(UInt32.max), at: 3)   // past 32 bits
        #expect(counts.form == "wide")
        #expect(contents(counts)[3] == UInt64(UInt32.max) + 1)

        var narrow = LatencyCounts()
        narrow.add(UInt64(LatencyCounts.countMask), at: 7)
        #expect(narrow.form == "sparse")
        narrow.add(1, at: 7)   // past 20 bits
        #expect(narrow.form == "dense")
        narrow.subtract(2, at: 7)
        narrow.compact()
        #expect(narrow.form == "sparse" && contents(narrow) == [7: UInt64(LatencyCounts.countMask) - 1])
    }

    // MARK: The ring against a brute-force merge

    struct Recorded {
        let bucket: Int64
        let value: UInt64
    }

    /// The reference: each event's bucket held (no newer bucket of its slot accepted,
    /// which is what the ring keeps) and in `[end - span, end]`, merged by the library.
    func bruteForce(_ events: [Recorded], capacity: Int64, span: Int64, end: Int64) -> LatencyDistribution? {
        var newestOfSlot: [Int64: Int64] = [:]
        for event in events {
            let slot = TimeMath.floorMod(event.bucket, capacity)
            newestOfSlot[slot] = max(newestOfSlot[slot] ?? .min, event.bucket)
        }
        var histogram = LatencyWindows.makeHistogram()
        var any = false
        for event in events where (end - span...end).contains(event.bucket)
            && newestOfSlot[TimeMath.floorMod(event.bucket, capacity)] == event.bucket {
            histogram.record(event.value)
            any = true
        }
        return any ? LatencyDistribution(histogram) : nil
    }

    func expectSame(_ ring: LatencyDistribution?, _ reference: LatencyDistribution?, _ what: String) {
        #expect((ring == nil) == (reference == nil), "\(what): held or not")
        guard let ring, let reference else { return }
        #expect(ring.counts == reference.counts, "\(what): counts")
        #expect(ring.total == reference.total && ring.max == reference.max && ring.min == reference.min, "\(what): extremes")
        #expect(LatencyWindows.percentiles(of: ring) == LatencyWindows.percentiles(of: reference), "\(what): percentiles")
    }

    /// A value as latencies come: mostly a narrow band, a tail, some zeros and clamped ones.
    func value(using rng: inout SeededGenerator) -> UInt64 {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0: 0
        case 1: LatencyWindows.highestTrackableUnits
        case 2..<15: UInt64.random(in: 0...LatencyWindows.highestTrackableUnits, using: &rng)
        default: UInt64.random(in: 800...3_000, using: &rng)
        }
    }

    /// The spans of each stream's ring, by seed: the minute ring's, a small one that wraps
    /// often, one bucket, the hour ring's.
    static let spansBySeed: [UInt64: [Int]] = [1: [5, 60], 2: [3, 7], 3: [1], 4: [24]]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func windowsAgreeWithABruteForceMergeOverRandomStreams(seed: UInt64) throws {
        let spans = try #require(Self.spansBySeed[seed])
        var rng = SeededGenerator(seed: seed)
        let width: Int64 = 1_000
        var ring = LatencyRing(bucketMillis: width, spans: spans)
        let capacity = Int64(ring.capacity)
        var events: [Recorded] = []
        var head: Int64?
        var t: Int64 = 1_700_000_000_000
        for step in 0..<3_000 {
            // Mostly the same or the next bucket; sometimes a gap of a few buckets, of
            // more than the ring holds, or a jump of years.
            switch Int.random(in: 0..<200, using: &rng) {
            case 0: t += Int64.random(in: 1...(3 * capacity), using: &rng) * width
            case 1: t += Int64.random(in: 1...1_000_000_000, using: &rng) * width
            case 2..<60: t += width
            default: t += Int64.random(in: 0..<(width / 4), using: &rng)
            }
            // One event in four is late, by up to a little more than the ring holds.
            let late = Int.random(in: 0..<4, using: &rng) == 0
            let time = late ? t - Int64.random(in: 0...((capacity + 2) * width), using: &rng) : t
            let bucket = TimeMath.floorDiv(time, width)
            let v = value(using: &rng)
            let expectedKept = head.map { bucket > $0 - capacity } ?? true
            let kept = ring.record(v, at: time)
            #expect(kept == expectedKept)
            if expectedKept {
                events.append(Recorded(bucket: bucket, value: v))
                head = max(head ?? bucket, bucket)
            }
            guard step % 7 == 0, let newest = head else { continue }
            // The newest bucket (the sums), later (quiet) and earlier (looking back).
            for end in [newest, newest + 1, newest + Int64.random(in: 2...(2 * capacity), using: &rng),
                        newest - Int64.random(in: 1...capacity, using: &rng)] {
                for span in ring.spans {
                    expectSame(ring.distribution(span: span, now: end * width + Int64.random(in: 0..<width, using: &rng)),
                               bruteForce(events, capacity: capacity, span: span, end: end),
                               "step \(step), span \(span), bucket \(end - newest) from the newest")
                }
            }
        }
    }

    @Test func theSlidingSumsStayEqualToSumsRebuiltFromTheBuckets() throws {
        var rng = SeededGenerator(seed: 9)
        var ring = LatencyRing(bucketMillis: 60_000, spans: [5, 60])
        var t: Int64 = 1_700_000_000_000
        for _ in 0..<20_000 {
            t += Int64.random(in: 0...40_000, using: &rng)
            let late = Int.random(in: 0..<5, using: &rng) == 0
            ring.record(value(using: &rng), at: late ? t - Int64.random(in: 0...4_000_000, using: &rng) : t)
        }
        let rebuilt = try LatencyRing(bucketMillis: ring.bucketMillis, spans: ring.spans, slots: ring.slots,
                                      keys: ring.keys, head: ring.head)
        for i in ring.spans.indices {
            #expect(!ring.sums[i].isEmpty)
            #expect(contents(ring.sums[i]) == contents(rebuilt.sums[i]))
        }
    }

    @Test func aJumpOfAnyLengthEmptiesTheSumsAtOnce() {
        var ring = LatencyRing(bucketMillis: 60_000, spans: [5, 60])
        let t: Int64 = 1_700_000_000_000
        for m in 0..<100 { ring.record(1_000 + UInt64(m), at: t + Int64(m) * 60_000) }
        // 2^40 minutes later: O(span) work, not one step per minute skipped.
        let later = t + (1 << 40) * 60_000
        ring.record(5_000, at: later)
        #expect(ring.sums.allSatisfy { $0.isEmpty })
        #expect(ring.distribution(span: 60, now: later)?.total == 1)
        #expect(ring.distribution(span: 60, now: later + 60_000)?.total == 1)
        #expect(ring.distribution(span: 5, now: later + 6 * 60_000) == nil)
    }

    @Test func theNewestBucketGoesDenseWhenBusyAndIsPackedWhenItCloses() {
        var ring = LatencyRing(bucketMillis: 60_000, spans: [5])
        for index in 0..<100 { ring.record(LatencyLayout.lowestValue(at: 300 + index), at: 0) }
        #expect(ring.slots[0].counts.form == "dense")
        ring.record(5, at: -60_000)   // late: a closed bucket, sparse
        #expect(ring.slots[ring.slot(-1)].counts.form == "sparse")
        ring.record(5, at: 60_000)
        #expect(ring.slots[0].counts.form == "sparse" && ring.slots[0].counts.total == 100)
        #expect(ring.distribution(span: 5, now: 60_000)?.total == 102)
    }

    @Test func aValuePastTheLayoutIsDroppedWithoutOpeningABucket() {
        var ring = LatencyRing(bucketMillis: 60_000, spans: [5])
        let kept = ring.record(1 << 40, at: 0)
        #expect(!kept)
        #expect(ring.head == nil && ring.distribution(span: 5, now: 0) == nil)
    }
}
