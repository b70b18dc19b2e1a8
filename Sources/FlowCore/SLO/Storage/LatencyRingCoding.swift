extension CodingUserInfoKey {
    /// The engine checkpoint layout (`UInt32`, FlowStore's `engineLayoutVersion`) a
    /// decoder reads, or an encoder writes; absent means this build's own. FlowStore sets
    /// it for every checkpoint it decodes, so a stored type whose encoding changed can
    /// read each layout the way it was written (`LatencyRing`: before layout 3, whole
    /// histograms). Encoding at an older layout exists only for tests that prove an
    /// upgrade (FlowStore always writes its own).
    public static let engineLayout = CodingUserInfoKey(rawValue: "flowtop.engineLayout")!
}

/// Checkpoints (FlowStore) keep, from engine layout 3 on, the keys, the newest bucket
/// and each bucket's nonzero counts as columns (index, count), with its min and max:
/// a bucket costs 10 bytes per distinct value plus 20, where layouts 1 and 2 wrote 20 KiB
/// per bucket written and per sum. The sums are not written: decoding rebuilds them
/// from the buckets (a few merges), so they cannot disagree with them.
///
/// A decoder whose `userInfo[.engineLayout]` is below 3 reads the ring as layouts 1
/// and 2 wrote it (`LegacyLatencyRing`: the library's histograms, whole) and converts it;
/// every count, min and max comes across, so every percentile stays the same.
///
/// ```swift
/// let ring = try StateDecoder.decode(LatencyRing.self, from: bytes)   // FlowStore
/// ```
extension LatencyRing: Codable {
    /// The first engine layout with this encoding.
    static let columnsLayout: UInt32 = 3

    private enum CodingKeys: String, CodingKey {
        case bucketMillis, spans, keys, head, lengths, indices, counts, minima, maxima
    }

    func encode(to encoder: any Encoder) throws {
        if let layout = encoder.userInfo[.engineLayout] as? UInt32, layout < Self.columnsLayout {
            try LegacyLatencyRing(self).encode(to: encoder)
            return
        }
        var lengths: [UInt32] = [], indices: [UInt16] = [], counts: [UInt64] = []
        lengths.reserveCapacity(capacity)
        for bucket in slots {
            var length: UInt32 = 0
            bucket.counts.forEachNonZero { index, count in
                indices.append(UInt16(index))
                counts.append(count)
                length += 1
            }
            lengths.append(length)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bucketMillis, forKey: .bucketMillis)
        try container.encode(spans, forKey: .spans)
        try container.encode(keys, forKey: .keys)
        try container.encodeIfPresent(head, forKey: .head)
        try container.encode(lengths, forKey: .lengths)
        try container.encode(indices, forKey: .indices)
        try container.encode(counts, forKey: .counts)
        try container.encode(slots.map(\.minNonZero), forKey: .minima)
        try container.encode(slots.map(\.max), forKey: .maxima)
    }

    /// Throws for a shape no ring has (columns that disagree, an index out of range or
    /// out of order, a zero count, a bucket in the wrong slot): `record` and the sums
    /// would trap or miscount on it.
    init(from decoder: any Decoder) throws {
        if let layout = decoder.userInfo[.engineLayout] as? UInt32, layout < Self.columnsLayout {
            self = try LegacyLatencyRing(from: decoder).ring(codingPath: decoder.codingPath)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func corrupted(_ what: String) -> DecodingError {
            .dataCorruptedError(forKey: .lengths, in: container, debugDescription: "a latency ring with \(what)")
        }
        let bucketMillis = try container.decode(Int64.self, forKey: .bucketMillis)
        let spans = try container.decode([Int64].self, forKey: .spans)
        let keys = try container.decode([Int64].self, forKey: .keys)
        let head = try container.decodeIfPresent(Int64.self, forKey: .head)
        let lengths = try container.decode([UInt32].self, forKey: .lengths)
        let indices = try container.decode([UInt16].self, forKey: .indices)
        let counts = try container.decode([UInt64].self, forKey: .counts)
        let minima = try container.decode([UInt64].self, forKey: .minima)
        let maxima = try container.decode([UInt64].self, forKey: .maxima)
        guard lengths.count == keys.count, minima.count == keys.count, maxima.count == keys.count,
              indices.count == counts.count, lengths.reduce(0, { $0 + Int($1) }) == counts.count
        else { throw corrupted("\(keys.count) keys, \(lengths.count) lengths, \(counts.count) counts") }
        var slots: [Bucket] = []
        slots.reserveCapacity(keys.count)
        var at = 0
        for s in keys.indices {
            var bucket = Bucket(minNonZero: minima[s], max: maxima[s])
            var previous = -1
            for _ in 0..<Int(lengths[s]) {
                let index = Int(indices[at])
                guard index > previous, index < LatencyLayout.countsLength, counts[at] > 0,
                      bucket.counts.total.addingReportingOverflow(counts[at]).overflow == false
                else { throw corrupted("count \(counts[at]) at index \(index) in slot \(s)") }
                bucket.counts.add(counts[at], at: index)
                previous = index
                at += 1
            }
            if keys[s] == .min, lengths[s] > 0 { throw corrupted("counts in slot \(s), never written") }
            slots.append(bucket)
        }
        do {
            self = try LatencyRing(bucketMillis: bucketMillis, spans: spans, slots: slots, keys: keys, head: head)
        } catch {
            throw corrupted(error.description)
        }
    }
}
