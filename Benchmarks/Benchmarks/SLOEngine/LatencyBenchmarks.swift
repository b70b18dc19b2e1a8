import Benchmark
import FlowCore

/// Cost of the latency windows of one latency SLO (`ai_response_latency` alone, one
/// tenant, no per-model series): a minute rollover, an event between minutes, the SLO's
/// status with its percentiles, and 30 days replayed from scratch with the heap they
/// leave. Figures and how to read them: ../../../docs/benchmarks.md, "Latency windows".
func latencyBenchmarks() {
    rolloverBenchmark()
    recordBenchmark()
    statusBenchmark(quietFor: 0)
    statusBenchmark(quietFor: 90_000)
    monthBenchmark()
}

/// ns per minute rollover: each iteration applies the rest of the current simulated
/// minute unmeasured, then measures the first event of the next one. That event opens a
/// minute bucket in the SLO's windows and in the engine's rule-metric ring (and, once in
/// 60 and once in 1,440, an hour or a day bucket), and makes the engine evaluate the
/// SLO's tiers on the minute just completed, as `SLO minute rollover, 1 tenant` measures
/// for an SLO without latencies. Two days of history first, so every minute and hour
/// bucket is held.
private func rolloverBenchmark() {
    Benchmark(
        "Latency minute rollover, 1 SLO",
        configuration: .init(maxDuration: .seconds(5))
    ) { benchmark, loaded in
        loaded.stream.feedToEndOfMinute(&loaded.engine)
        let event = loaded.stream.next()
        benchmark.startMeasurement()
        loaded.engine.apply(CollectionOfOne(event), receivedAt: event.time)
    } setup: {
        LatencyEngine(days: 2)
    }
}

/// ns per event inside a minute: each iteration measures one event that is not the
/// first of its minute (a first one is applied unmeasured before).
private func recordBenchmark() {
    Benchmark(
        "Latency record between minutes, 1 SLO",
        configuration: .init(maxDuration: .seconds(3))
    ) { benchmark, loaded in
        if loaded.stream.atMinuteStart {
            let first = loaded.stream.next()
            loaded.engine.apply(CollectionOfOne(first), receivedAt: first.time)
        }
        let event = loaded.stream.next()
        benchmark.startMeasurement()
        loaded.engine.apply(CollectionOfOne(event), receivedAt: event.time)
    } setup: {
        LatencyEngine(days: 2)
    }
}

/// ns per `Engine.seriesStatus` of the SLO's total series, whose percentiles cover
/// every window (5m, 1h, 1d, 30-day SLO window) from the latency windows: at the time of
/// the newest event (the sums), or `quietFor` ms later, past the newest minute (every
/// covered bucket merged one by one), after 31 days of history.
private func statusBenchmark(quietFor: EpochMillis) {
    Benchmark(
        "Latency status query\(quietFor > 0 ? " after a quiet minute" : ""), 1 SLO",
        configuration: .init(maxDuration: .seconds(3))
    ) { (benchmark: Benchmark, query: OpaqueQuery<SLOStatus?>) in
        for i in benchmark.scaledIterations {
            blackHole(query.run(query.now + Int64(i)))
        }
    } setup: {
        let loaded = LatencyEngine(days: 31)
        let now = loaded.stream.now - LatencyStream.spacing + quietFor
        return OpaqueQuery(now: now) { now in
            loaded.engine.seriesStatus(slo: LatencyStream.slo, series: .total, now: now)
        }
    }
}

/// 30 days of the stream (432,000 events) applied to a fresh engine in batches of 1,000:
/// the wall clock of the replay and the heap it leaves (`memoryLeakedBytes`: malloc'd
/// minus freed), which is the SLO's counters plus its latency windows.
private func monthBenchmark() {
    Benchmark(
        "Latency 30 days replayed, 1 SLO",
        configuration: .init(
            metrics: [.wallClock, .memoryLeakedBytes],
            units: [.memoryLeakedBytes: .count],
            warmupIterations: 0, maxIterations: 3)
    ) { benchmark in
        var stream = LatencyStream()
        var engine = Engine(configuration: LatencyStream.configuration)
        benchmark.startMeasurement()
        stream.feed(&engine, minutes: 30 * 1_440)
        benchmark.stopMeasurement()
        let status = engine.seriesStatus(slo: LatencyStream.slo, series: .total, now: stream.now)
        precondition(status?.percentiles[.slo]?.count ?? 0 > 400_000, "the month should be in the SLO window")
    }
}

/// The latency benchmarks' workload: one `ai_response_latency` event every 6 simulated
/// seconds (10 a minute, as the golden workload's busy hours), one tenant; latencies 200
/// to 1,800 ms, one in ten 2.5 to 6 s, in whole milliseconds, from a hash of the event
/// number, so every run sees the same stream.
struct LatencyStream {
    static let slo = "ai_response_latency"
    /// 2026-11-01T00:00:00Z.
    static let start: EpochMillis = 1_793_491_200_000
    static let spacing: EpochMillis = 6_000
    static let eventsPerMinute: Int64 = 60_000 / spacing

    /// The one latency SLO, whole-tenant series only; its threshold (8 s) above every
    /// latency of the stream, so no alert fires (alerting is not what is measured here).
    static let configuration = EngineConfiguration(
        slos: [SLODefinition(name: slo, kind: .aiResponseLatency(thresholdMs: 8_000), objective: 0.99, perModel: false)])

    private(set) var produced: Int64 = 0

    /// Event time of the next event.
    var now: EpochMillis { Self.start + produced * Self.spacing }
    var atMinuteStart: Bool { produced % Self.eventsPerMinute == 0 }

    mutating func next() -> Event {
        let hash = Self.mix(UInt64(produced))
        let slow = hash % 10 == 0
        let ms = slow ? 2_500 + Double(hash / 10 % 3_501) : 200 + Double(hash / 10 % 1_601)
        let event = Event(time: now, tenant: "t0", body: .aiResponseLatency(latencyMs: ms, model: "gpt-4o"))
        produced += 1
        return event
    }

    /// Applies `minutes` simulated minutes in batches of 1,000 events.
    mutating func feed(_ engine: inout Engine, minutes: Int) {
        var left = Int64(minutes) * Self.eventsPerMinute
        var batch: [Event] = []
        batch.reserveCapacity(1_000)
        while left > 0 {
            batch.removeAll(keepingCapacity: true)
            for _ in 0..<min(1_000, left) { batch.append(next()) }
            engine.apply(batch, receivedAt: now)
            left -= Int64(batch.count)
        }
    }

    /// Applies the rest of the current minute, so that the next event opens a new one.
    mutating func feedToEndOfMinute(_ engine: inout Engine) {
        while !atMinuteStart {
            let event = next()
            engine.apply(CollectionOfOne(event), receivedAt: event.time)
        }
    }

    /// SplitMix64's finaliser: a well-spread hash of the event number.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An engine with its latency stream, shared by the iterations of one benchmark.
final class LatencyEngine {
    var engine = Engine(configuration: LatencyStream.configuration)
    var stream = LatencyStream()

    init(days: Int) {
        stream.feed(&engine, minutes: days * 1_440)
    }
}
