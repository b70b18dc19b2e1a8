import FlowCore

/// Everything one `HotPathFuzzing` run chooses besides the bytes themselves: where the
/// stream is cut into chunks, each chunk's receive time, the framer's line limit, the
/// engine's configuration and the snapshot query.
///
/// Why derived from a hash of the input instead of from leading bytes: the input stays a
/// plain NDJSON file (seeds are readable, crashers can be pasted into `flowtop emit`),
/// and still every input gets its own cuts and clocks. A run is a pure function of the
/// bytes.
///
/// Receive and snapshot times stay plausible for a wall clock (within 400 days of the
/// protocol example's 2026-11-24T10:15:02Z): a trap on an absurd `now` would say nothing
/// about real input, while event times, which do come from the wire, are as extreme as
/// the parser allows.
struct FuzzRunShape {
    /// The receive time of the first chunk: EVENTS.md's example `ts`.
    static let firstClock: EpochMillis = 1_795_515_302_000
    static let minute: EpochMillis = 60_000
    static let hour: EpochMillis = 3_600_000
    static let day: EpochMillis = 86_400_000

    /// Two or three consecutive ranges covering the input.
    var chunks: [Range<Int>]
    /// One receive time per chunk: the fixed clock, then times derived from the input.
    var clocks: [EpochMillis]
    /// When the final snapshot and metrics are read.
    var snapshotAt: EpochMillis
    var maxLineLength: Int
    var configuration: EngineConfiguration
    var query: SnapshotQuery

    init(_ bytes: UnsafeRawBufferPointer) {
        var rng = SeededGenerator(seed: Self.fnv1a(bytes))
        let count = bytes.count

        let firstCut = Int.random(in: 0...count, using: &rng)
        let secondCut = Bool.random(using: &rng) ? Int.random(in: firstCut...count, using: &rng) : count
        chunks = [0..<firstCut, firstCut..<secondCut, secondCut..<count]
        if secondCut == count { chunks.removeLast() }

        // The second clock may run behind the first (a stepped wall clock); the third
        // follows it. Mostly within minutes: every minute the clocks move on is an alert
        // evaluation of every series and rule (up to 3 days of minutes, `AlertClock`),
        // which dominated the first profiles at 1-50 runs/s. One run in eight jumps up to
        // 400 days and across hour edges, so that path is fuzzed too.
        let far = Int.random(in: 0..<8, using: &rng) == 0
        let span = far ? 400 * Self.day : 10 * Self.minute
        let second = Self.firstClock + Int64.random(in: -span...span, using: &rng)
        let third = second + Int64.random(in: 0...(far ? 3 * Self.hour : 20 * Self.minute), using: &rng)
        clocks = [Self.firstClock, second, third]
        snapshotAt = third + Int64.random(in: 0...2 * Self.minute, using: &rng)

        // Mostly the real limit; sometimes a tiny one, so over-long lines (within one chunk
        // and across chunks) are cut and skipped.
        maxLineLength = Int.random(in: 0..<8, using: &rng) == 0 ? Int.random(in: 0...200, using: &rng) : 64 * 1024

        // Small caps, so a few lines already fold tenants and models into `other`, evict
        // leads and drop touches. One run in eight adds a rule on every engine metric, so
        // threshold alerts run (they make each minute's evaluation several times dearer).
        configuration = EngineConfiguration(
            maxSeriesPerSLO: 3, maxLeads: 12, maxTouchesPerLead: 4,
            leadRetentionDays: [0, 1, 180].randomElement(using: &rng) ?? 180)
        configuration.analysisRefreshMillis = Bool.random(using: &rng) ? 0 : 1_000
        if Int.random(in: 0..<8, using: &rng) == 0 {
            configuration.alertRules = RuleMetric.allCases.map {
                ThresholdRule(name: $0.rawValue, metric: $0, comparison: .above, threshold: 0, forMillis: 60_000)
            }
        }

        query = Self.query(using: &rng)
    }

    /// A snapshot query within what the dashboard, the reports and the HTTP API can ask.
    private static func query(using rng: inout SeededGenerator) -> SnapshotQuery {
        let tenant = [nil, "default", "acme", "other"].randomElement(using: &rng) ?? nil
        let funnel = FunnelQuery(
            periodDays: Int.random(in: 0...90, using: &rng),
            conversionWindowDays: Bool.random(using: &rng) ? nil : Int.random(in: -1...30, using: &rng),
            stalledAfterDays: Int.random(in: -1...30, using: &rng),
            breakdown: FunnelBreakdown.allCases.randomElement(using: &rng) ?? .none,
            breakdownLimit: Int.random(in: 0...4, using: &rng))
        let attribution = AttributionParameters(
            lookbackDays: Bool.random(using: &rng) ? nil : Double.random(in: 0...90, using: &rng),
            halfLifeDays: Double.random(in: 0...30, using: &rng),
            markovOrder: Int.random(in: 1...3, using: &rng),
            maxChannels: Int.random(in: 1...6, using: &rng))
        let detail: SLODetailQuery? = Bool.random(using: &rng)
            ? nil
            : SLODetailQuery(
                slo: SLODefinition.builtIn.randomElement(using: &rng)?.name ?? "",
                series: [.total, .tenant("default"), .model("m")].randomElement(using: &rng) ?? .total,
                range: SLOHistoryRange.allCases.randomElement(using: &rng) ?? .h1)
        return SnapshotQuery(
            tenant: tenant, model: AttributionModel.allCases.randomElement(using: &rng) ?? .linear,
            detail: detail, funnel: funnel, attributionPeriodDays: Int.random(in: 1...90, using: &rng),
            attribution: attribution)
    }

    /// FNV-1a, 64-bit: cheap, and a one-byte change moves every choice.
    private static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
