/// Counts of one group of leads (all, or one source or tenant) kept by where each lead
/// ended: a lead adds to one slot, and the stage counts are suffix sums at the end.
///
/// Why by highest stage: one increment per lead instead of one per stage passed, and the
/// drop-off of a stage (reached it, not the next) is then the slot itself.
struct FunnelTally: Sendable {
    static let stageCount = Stage.funnel.count

    /// Leads whose highest counted stage is each stage.
    var atHighest = [Int](repeating: 0, count: stageCount)
    /// Lost leads by their highest counted stage.
    var lostFrom = [Int](repeating: 0, count: stageCount)
    var wonRevenue: Double = 0

    var leads: Int { atHighest.reduce(0, +) }
    var lost: Int { lostFrom.reduce(0, +) }

    mutating func add(highest: Int, lost: Bool, revenue: Double) {
        atHighest[highest] += 1
        if lost { lostFrom[highest] += 1 }
        wonRevenue += revenue
    }

    mutating func merge(_ other: FunnelTally) {
        for i in 0..<Self.stageCount {
            atHighest[i] += other.atHighest[i]
            lostFrom[i] += other.lostFrom[i]
        }
        wonRevenue += other.wonRevenue
    }

    /// Leads that reached each stage or a later one.
    var counts: [Int] {
        var counts = atHighest
        for i in stride(from: Self.stageCount - 2, through: 0, by: -1) { counts[i] += counts[i + 1] }
        return counts
    }

    /// count / previous count (nil for the first stage), and count / first count.
    static func conversions(_ counts: [Int]) -> (step: [Double?], overall: [Double?]) {
        let step = counts.indices.map { i in i == 0 ? nil : ratio(counts[i], counts[i - 1]) }
        let overall = counts.map { ratio($0, counts.first ?? 0) }
        return (step, overall)
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    func row(_ label: FunnelLabel) -> FunnelBreakdownRow {
        let counts = counts
        let (step, overall) = Self.conversions(counts)
        return FunnelBreakdownRow(label: label, leads: counts[0], counts: counts, stepConversions: step,
                                  overallConversions: overall, lost: lost, wonRevenue: wonRevenue)
    }
}

/// The row cap of breakdowns: the largest entries by name, and the rest as one `other`.
enum FunnelRowCap {
    /// At most `limit` named entries, largest `size` first (ties by name), then the rest
    /// merged into one `.other` entry when there are more than `limit`.
    static func top<Value>(_ entries: [String: Value], limit: Int, size: (Value) -> Int,
                           merge: (inout Value, Value) -> Void) -> [(label: FunnelLabel, value: Value)] {
        let limit = max(1, limit)
        let sorted = entries.sorted { a, b in
            let (sa, sb) = (size(a.value), size(b.value))
            return sa != sb ? sa > sb : a.key < b.key
        }
        var result = sorted.prefix(limit).map { (label: FunnelLabel.named($0.key), value: $0.value) }
        let rest = sorted.dropFirst(limit)
        if var other = rest.first?.value {
            for entry in rest.dropFirst() { merge(&other, entry.value) }
            result.append((label: .other(labels: rest.count), value: other))
        }
        return result
    }
}
