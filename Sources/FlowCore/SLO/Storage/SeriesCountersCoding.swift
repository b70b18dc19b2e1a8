/// Checkpoints (FlowStore) keep, from engine layout 4 on, each ring's capacity, newest
/// bucket and the counts of its held buckets, oldest first, flattened to
/// `[good, total, good, total...]` in 32 bits (a bucket past 32 bits as the marker, its
/// counts in `wide` as `[bucket, good, total...]`): an array a binary coder copies in one
/// go. The block totals are not written: decoding rebuilds them from the buckets, so they
/// cannot disagree.
///
/// A decoder whose `userInfo[.engineLayout]` is below 4 reads the counters as layouts 1
/// to 3 wrote them (`LegacySeriesCounters`: 3 days of minutes and the hours as running
/// totals) and converts them: the last 7 hours of minutes, the last 3 days as quarter
/// hours and every hour come across exactly, so every window the rings answer keeps its
/// counts.
///
/// ```swift
/// let counters = try StateDecoder.decode(SeriesCounters.self, from: bytes)   // FlowStore
/// ```
extension SeriesCounters: Codable {
    /// The first engine layout with these rings.
    static let ringsLayout: UInt32 = 4

    private enum CodingKeys: String, CodingKey {
        case minutes, quarters, hours
    }

    func encode(to encoder: any Encoder) throws {
        if let layout = encoder.userInfo[.engineLayout] as? UInt32, layout < Self.ringsLayout {
            try LegacySeriesCounters(self).encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(quarters, forKey: .quarters)
        try container.encode(hours, forKey: .hours)
    }

    init(from decoder: any Decoder) throws {
        if let layout = decoder.userInfo[.engineLayout] as? UInt32, layout < Self.ringsLayout {
            self = try LegacySeriesCounters(from: decoder).converted()
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(minutes: try container.decode(CountRing.self, forKey: .minutes),
                  quarters: try container.decode(CountRing.self, forKey: .quarters),
                  hours: try container.decode(CountRing.self, forKey: .hours))
    }
}

extension CountRing: Codable {
    private enum CodingKeys: String, CodingKey {
        case capacity, newest, counts, wide
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encodeIfPresent(newest, forKey: .newest)
        var flat: [UInt32] = [], wide: [Int64] = []
        if let oldest, let newest {
            flat.reserveCapacity(2 * capacity)
            var bucket = oldest
            forEach(oldest...newest) { c in
                if c.total >= Int64(Self.marker) {
                    flat += [Self.marker, Self.marker]
                    wide += [bucket, c.good, c.total]
                } else {
                    flat += [UInt32(c.good), UInt32(c.total)]
                }
                bucket += 1
            }
        }
        try container.encode(flat, forKey: .counts)
        try container.encode(wide, forKey: .wide)
    }

    /// Throws for a shape no ring has (a capacity below 1, counts of another length, a
    /// good count above its total, a marker without its wide counts): the ring's
    /// arithmetic would trap or miscount on it.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        let newest = try container.decodeIfPresent(Int64.self, forKey: .newest)
        let flat = try container.decode([UInt32].self, forKey: .counts)
        let wideFlat = try container.decode([Int64].self, forKey: .wide)
        func corrupted(_ what: String) -> DecodingError {
            .dataCorruptedError(forKey: .counts, in: container, debugDescription: "a count ring with \(what)")
        }
        guard capacity > 0, capacity <= 1 << 24, flat.count == (newest == nil ? 0 : 2 * capacity),
              wideFlat.count % 3 == 0 else {
            throw corrupted("capacity \(capacity) and \(flat.count) counts")
        }
        var wide: [Int64: SLICounts] = [:]
        for i in stride(from: 0, to: wideFlat.count, by: 3) {
            let c = SLICounts(good: wideFlat[i + 1], total: wideFlat[i + 2])
            guard c.good >= 0, c.good <= c.total else { throw corrupted("wide counts \(c.good) of \(c.total)") }
            wide[wideFlat[i]] = c
        }
        self.init(capacity: capacity)
        guard let newest else { return }
        guard newest > Int64.min / 2, newest < Int64.max / 2 else { throw corrupted("newest bucket \(newest)") }
        let oldest = newest - Int64(capacity) + 1
        for i in 0..<capacity {
            let bucket = oldest + Int64(i)
            let (good, total) = (flat[2 * i], flat[2 * i + 1])
            let c: SLICounts
            if total == Self.marker {
                guard let w = wide[bucket] else { throw corrupted("no wide counts for bucket \(bucket)") }
                c = w
            } else {
                guard good <= total else { throw corrupted("\(good) good of \(total)") }
                c = SLICounts(good: Int64(good), total: Int64(total))
            }
            if c.total > 0 { add(c, at: bucket) }
        }
        if let at = self.newest, at > newest { throw corrupted("buckets past the newest") }
        settle(at: newest)
    }
}
