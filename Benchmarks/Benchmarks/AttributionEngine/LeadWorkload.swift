import FlowCore

/// The lead benchmarks' workload, the same on every run: `leads` leads, one created every
/// 20 simulated seconds (100,000 span 23 days, inside the dashboard's 30-day periods),
/// each with `touchesPerLead` touchpoints a minute apart over 8 channels (half of them
/// AI-assisted, a third of those naming an AI feature), and one lead in ten won for 1,000
/// after its touches. Channels, AI flags and wins come from SplitMix64 seeded with the
/// lead's number.
///
/// Lead ids are `L0`, `L1`, ... (short strings, stored inline), or with `longIDs`
/// 36-character ids like UUIDs, which Swift stores on the heap: the memory benchmarks
/// measure both.
///
/// ```swift
/// let workload = LeadWorkload(leads: 100_000, touchesPerLead: 10)
/// var engine = Engine()
/// workload.forEachBatch { engine.apply($0, receivedAt: workload.now) }
/// engine.snapshot(SnapshotQuery(model: .markov), now: workload.now)
/// ```
struct LeadWorkload {
    /// 2026-11-01T00:00:00Z.
    static let start: EpochMillis = 1_793_491_200_000
    static let leadSpacing: EpochMillis = 20_000
    static let touchSpacing: EpochMillis = 60_000
    static let channels = ["whatsapp", "email", "website", "instagram", "linkedin", "phone", "facebook", "referral"]
    static let features = ["auto_reply", "lead_scoring", "follow_up"]
    static let batchSize = 4_096

    let leads: Int
    let touchesPerLead: Int
    var longIDs = false

    /// An hour after the last lead was created: every event is in the past.
    var now: EpochMillis { Self.start + EpochMillis(leads) * Self.leadSpacing + 3_600_000 }

    /// Every event of lead `n`, in time order.
    func events(ofLead n: Int, into out: inout [Event]) {
        var rng = SplitMix64(seed: UInt64(n))
        let id = longIDs ? Self.longID(n) : "L\(n)"
        let created = Self.start + EpochMillis(n) * Self.leadSpacing
        out.append(Event(time: created, body: .leadCreated(leadID: id, source: Self.channels[Int(rng.next() % 8)])))
        for k in 0..<touchesPerLead {
            let ai = rng.next() % 2 == 0
            let feature = ai && rng.next() % 3 == 0 ? Self.features[Int(rng.next() % 3)] : nil
            out.append(Event(
                time: created + EpochMillis(k) * Self.touchSpacing,
                body: .touchpoint(Touchpoint(leadID: id, channel: Self.channels[Int(rng.next() % 8)],
                                             featureUsed: feature, aiAssisted: ai, cost: 0.1))))
        }
        if rng.next() % 10 == 0 {
            let won = created + EpochMillis(touchesPerLead) * Self.touchSpacing + 40_000
            out.append(Event(time: won, body: .leadStage(leadID: id, stage: .won, revenue: 1_000)))
        }
    }

    /// Every event, sorted by time (leads overlap: one starts every 20 s, its touches
    /// run for minutes), as a live stream would bring them.
    func allEvents() -> [Event] {
        var out: [Event] = []
        out.reserveCapacity(leads * (touchesPerLead + 2))
        for n in 0..<leads { events(ofLead: n, into: &out) }
        // Stable: a lead's own events keep their order on equal times.
        return out.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// The events lead by lead in batches of `batchSize`, built as they go (no array of
    /// every event, for the memory benchmarks).
    func forEachBatch(_ body: ([Event]) -> Void) {
        var batch: [Event] = []
        batch.reserveCapacity(Self.batchSize + touchesPerLead + 2)
        for n in 0..<leads {
            events(ofLead: n, into: &batch)
            if batch.count >= Self.batchSize {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { body(batch) }
    }

    /// `lead-00000000-0000-0000-0000-000042`: 36 bytes, like a UUID.
    static func longID(_ n: Int) -> String {
        let digits = String(n)
        return "lead-00000000-0000-0000-0000-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }
}

/// SplitMix64: a small seeded generator.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
