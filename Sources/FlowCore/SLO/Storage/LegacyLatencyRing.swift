/// A `LatencyRing` as engine layouts 1 and 2 stored it: each written bucket, the shared
/// empty histogram and one merged histogram per span (the sums), all whole `Histogram<UInt64>`s
/// of hdrhistogram-swift 0.2.0 (2,560 `UInt64` counts each).
///
/// Why a copy of the old shape: a checkpoint of layout 2 must still restore (docs/storage.md,
/// "Upgrades"). Decoding converts it: each written bucket's counts, exact min and max carry
/// over, and the sums are rebuilt (the stored ones are the same merges). Encoding to it
/// exists for the tests that prove the upgrade (`CodingUserInfoKey.engineLayout` 2).
struct LegacyLatencyRing: Codable {
    var bucketMillis: Int64
    var spans: [Int64]
    var keys: [Int64]
    var head: Int64?
    var empty: LegacyHistogram
    /// nil for a slot never written.
    var slots: [LegacyHistogram?]
    var closedSums: [LegacyHistogram]

    /// The old shape of `ring`, as the old code would have held it: sums of the buckets
    /// `head - span ... head - 1` with their extremes.
    init(_ ring: LatencyRing) {
        bucketMillis = ring.bucketMillis
        spans = ring.spans
        keys = ring.keys
        head = ring.head
        empty = LegacyHistogram()
        slots = ring.slots.indices.map { ring.keys[$0] == .min ? nil : LegacyHistogram(ring.slots[$0]) }
        closedSums = ring.spans.map { span in
            var sum = LatencyRing.Bucket()
            if let head = ring.head {
                for s in ring.slots.indices where ring.keys[s] < head && ring.keys[s] >= head - span {
                    sum.counts.add(ring.slots[s].counts)
                    sum.minNonZero = min(sum.minNonZero, ring.slots[s].minNonZero)
                    sum.max = max(sum.max, ring.slots[s].max)
                }
            }
            return LegacyHistogram(sum)
        }
    }

    /// The ring this one holds; throws `DecodingError` for a shape no ring had.
    func ring(codingPath: [any CodingKey]) throws -> LatencyRing {
        func corrupted(_ what: String) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: codingPath,
                                                 debugDescription: "a layout 2 latency ring with \(what)"))
        }
        guard slots.count == keys.count, closedSums.count == spans.count else {
            throw corrupted("\(slots.count) slots, \(keys.count) keys, \(closedSums.count) sums and spans \(spans)")
        }
        var buckets: [LatencyRing.Bucket] = []
        buckets.reserveCapacity(slots.count)
        for (s, stored) in slots.enumerated() {
            guard keys[s] != .min, let stored else {
                buckets.append(LatencyRing.Bucket())
                continue
            }
            guard stored.hasTheLayout else { throw corrupted("a histogram of another layout in slot \(s)") }
            var bucket = LatencyRing.Bucket(minNonZero: stored.minNonZeroValue, max: stored.maxValue)
            for (index, count) in stored.counts.enumerated() where count != 0 {
                guard !bucket.counts.total.addingReportingOverflow(count).overflow else { throw corrupted("overflowing counts") }
                bucket.counts.add(count, at: index)
            }
            buckets.append(bucket)
        }
        do {
            return try LatencyRing(bucketMillis: bucketMillis, spans: spans, slots: buckets, keys: keys, head: head)
        } catch {
            throw corrupted(error.description)
        }
    }
}

/// The stored fields of hdrhistogram-swift 0.2.0's `Histogram<UInt64>`, in the order its
/// synthesized `Codable` writes them, for the layout `LatencyWindows.makeHistogram()`
/// makes. A copy rather than the library's type: it gives the raw min (the library shows
/// only a rounded one when a 0 was recorded), and keeps layout 2 readable should a newer
/// library change its fields. `LatencyRingUpgradeTests` checks it against the library.
struct LegacyHistogram: Codable {
    var lowestDiscernibleValue: UInt64 = 1
    var highestTrackableValue: UInt64 = LatencyWindows.highestTrackableUnits
    var bucketCount = 19
    var subBucketMask: UInt64 = 255
    var maxValue: UInt64 = 0
    var minNonZeroValue: UInt64 = .max
    var counts = [UInt64](repeating: 0, count: LatencyLayout.countsLength)
    var _totalCount: UInt64 = 0
    /// `SignificantDigits.two`.
    var numberOfSignificantValueDigits: Int8 = 2
    var autoResize = false
    var subBucketHalfCountMagnitude: UInt8 = 7
    var leadingZeroCountBase: UInt8 = 56
    var unitMagnitude: UInt8 = 0

    /// An empty histogram of the layout.
    init() {}

    /// The histogram the old ring held for `bucket`.
    init(_ bucket: LatencyRing.Bucket) {
        bucket.counts.add(into: &counts)
        _totalCount = bucket.counts.total
        maxValue = bucket.max
        minNonZeroValue = bucket.minNonZero
    }

    /// Whether this has `LatencyLayout`'s shape (every ring of layouts 1 and 2 did).
    var hasTheLayout: Bool {
        lowestDiscernibleValue == 1 && numberOfSignificantValueDigits == 2 && unitMagnitude == 0
            && subBucketHalfCountMagnitude == 7 && counts.count == LatencyLayout.countsLength
    }
}
