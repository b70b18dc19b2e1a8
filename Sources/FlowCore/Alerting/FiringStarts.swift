/// When each alert started firing, within the flap window: what `flapCount` counts.
///
/// Why a queue beside the map: dropping the starts that left the window used to filter
/// the list of every fingerprint that ever fired, at every minute's evaluation; at
/// thousands of alerts that pass cost as much as the rest of the lifecycle. Starts are
/// appended in time order (evaluations never go back in time), so the oldest are at the
/// queue's head, and each minute drops exactly the starts that left the window: the same
/// map as filtering everything, for the work of what left.
///
/// The queue is derived from the map: checkpoints keep the map alone (the layout they
/// always had), and a decoded value rebuilds the queue on first use. Equality and
/// hashing look at the map alone for the same reason.
///
/// ```swift
/// var starts = FiringStarts()
/// starts.append(fingerprint, at: t)
/// starts.forget(at: t + 3_600_000, window: 3_600_000)   // drops the start at t: [fingerprint]
/// ```
struct FiringStarts: Sendable, Hashable, Codable {
    /// Each fingerprint's starts, oldest first; no empty list.
    private(set) var byFingerprint: [String: [EpochMillis]] = [:]
    /// Every start of `byFingerprint` by age, oldest first from `head`; nil until built.
    private var queue: [(at: EpochMillis, fingerprint: String)]?
    private var head = 0

    init() {}

    init(from decoder: any Decoder) throws {
        byFingerprint = try decoder.singleValueContainer().decode([String: [EpochMillis]].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(byFingerprint)
    }

    static func == (a: FiringStarts, b: FiringStarts) -> Bool { a.byFingerprint == b.byFingerprint }

    func hash(into hasher: inout Hasher) { hasher.combine(byFingerprint) }

    /// The starts of one fingerprint still kept.
    subscript(fingerprint: String) -> [EpochMillis]? { byFingerprint[fingerprint] }

    /// A firing start at `now`, no earlier than any before it.
    mutating func append(_ fingerprint: String, at now: EpochMillis) {
        buildQueue()
        byFingerprint[fingerprint, default: []].append(now)
        queue?.append((now, fingerprint))
    }

    /// Drops the starts with `now - start >= window`; returns the fingerprints that lost
    /// one (their flap counts change).
    mutating func forget(at now: EpochMillis, window: EpochMillis) -> [String] {
        buildQueue()
        guard var queue else { return [] }
        self.queue = nil   // unique, so the pops below do not copy it
        var changed: [String] = []
        while head < queue.count, now - queue[head].at >= window {
            let fingerprint = queue[head].fingerprint
            head += 1
            guard var starts = byFingerprint.removeValue(forKey: fingerprint) else { continue }
            starts.removeFirst()
            if !starts.isEmpty { byFingerprint[fingerprint] = starts }
            changed.append(fingerprint)
        }
        if head > 256, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        self.queue = queue
        return changed
    }

    /// The queue of a new or decoded value, from the map.
    private mutating func buildQueue() {
        guard queue == nil else { return }
        var all: [(at: EpochMillis, fingerprint: String)] = []
        for (fingerprint, starts) in byFingerprint {
            for start in starts { all.append((start, fingerprint)) }
        }
        // Ties in any order: whichever goes first, both leave at the same evaluation.
        all.sort { $0.at < $1.at }
        queue = all
        head = 0
    }
}
