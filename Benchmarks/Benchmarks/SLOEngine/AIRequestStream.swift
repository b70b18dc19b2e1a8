import FlowCore

/// The SLO benchmarks' workload: AI-request events for `ai_request_success`, spread
/// round-robin over `tenantCount` tenants, one event per simulated millisecond (1,000 a
/// simulated second), so a minute rolls over every 60,000 events and the engine's alert
/// evaluation runs as it would live. About 1 in 2,000 requests fails (half the 99.9%
/// budget), chosen by a hash of the event number, so every run sees the same stream.
///
/// ```swift
/// var stream = AIRequestStream(tenantCount: 100)
/// var engine = Engine(configuration: AIRequestStream.configuration)
/// var batch = stream.emptyBatch(count: 1_000)
/// stream.fill(&batch)
/// engine.apply(batch, receivedAt: stream.now)
/// ```
struct AIRequestStream {
    static let slo = "ai_request_success"
    /// 2026-11-01T00:00:00Z.
    static let start: EpochMillis = 1_793_491_200_000
    /// One event per simulated millisecond.
    static let eventsPerMinute: Int64 = 60_000
    /// One failure in this many requests, on average.
    static let failureOneIn: UInt64 = 2_000

    /// One SLO, whole-tenant series only; the cap leaves room for 10,000 tenants.
    static let configuration = EngineConfiguration(
        slos: [SLODefinition(name: slo, kind: .aiRequestSuccess, objective: 0.999, perModel: false)],
        maxSeriesPerSLO: 20_000)

    let tenants: [String]
    /// Events produced so far; event k has time `start + k` and tenant `k % tenantCount`.
    private(set) var produced: Int64 = 0

    init(tenantCount: Int) {
        precondition(tenantCount > 0, "the stream needs at least one tenant")
        tenants = (0..<tenantCount).map { "t\($0)" }
    }

    /// Event time of the next event; the last one produced is `now - 1`.
    var now: EpochMillis { Self.start + produced }

    /// The next event of the stream.
    mutating func next() -> Event {
        let k = produced
        produced += 1
        let success = Self.mix(UInt64(k)) % Self.failureOneIn != 0
        return Event(
            time: Self.start + k, tenant: tenants[Int(k % Int64(tenants.count))],
            body: .aiRequest(AIRequest(provider: "openai", model: "gpt-4o", success: success)))
    }

    /// A batch of `count` placeholder events to be overwritten by `fill`.
    func emptyBatch(count: Int) -> [Event] {
        Array(repeating: Event(time: Self.start, body: .aiRequest(AIRequest(provider: "", model: ""))), count: count)
    }

    /// Overwrites every event of `batch` with the next events of the stream.
    mutating func fill(_ batch: inout [Event]) {
        for i in batch.indices { batch[i] = next() }
    }

    /// Applies `events` more events in batches of 1,000: history before a measurement.
    mutating func feed(_ engine: inout Engine, events: Int) {
        var batch = emptyBatch(count: 1_000)
        var left = events
        while left > 0 {
            if left < batch.count { batch.removeLast(batch.count - left) }
            fill(&batch)
            engine.apply(batch, receivedAt: now)
            left -= batch.count
        }
    }

    /// Applies the rest of the current simulated minute, so that the next event is the
    /// first of a new minute (the one that makes the engine evaluate the minute just done).
    mutating func feedToEndOfMinute(_ engine: inout Engine) {
        let left = (Self.eventsPerMinute - produced % Self.eventsPerMinute) % Self.eventsPerMinute
        feed(&engine, events: Int(left))
    }

    /// SplitMix64's finaliser: a well-spread hash of the event number.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An engine with its stream, shared by the iterations of one benchmark (the engine is a
/// value type and the benchmark hands its setup result to each iteration by value).
final class LoadedEngine {
    var engine: Engine
    var stream: AIRequestStream

    /// An engine that has seen `minutes` simulated minutes of the stream, so every
    /// tenant's series exists and minute rollovers have happened.
    init(tenantCount: Int, minutes: Int) {
        engine = Engine(configuration: AIRequestStream.configuration)
        stream = AIRequestStream(tenantCount: tenantCount)
        stream.feed(&engine, events: max(minutes * Int(AIRequestStream.eventsPerMinute), tenantCount))
    }
}
