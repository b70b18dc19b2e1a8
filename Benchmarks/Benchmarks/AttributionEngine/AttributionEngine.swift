import Benchmark
import BenchmarkSupport
import FlowCore

/// The engine at funnel and attribution scale: 100,000 leads with 1,000,000 touchpoints
/// (`LeadWorkload`), the size the dashboard must refresh every second. Measures applying
/// the events, a snapshot with the lead analysis cold (funnel and attribution computed
/// afresh, as every second live) under linear and Markov, a snapshot with it warm (only
/// the model changes, as when the user presses `m`), the hourly retention sweep, and memory
/// per lead. Figures and how to read them: ../../../docs/benchmarks.md, "Funnel and
/// attribution at lead scale"; `Benchmarks/run-leads.sh` runs them and prints the tables.
///
/// Only FlowCore's public API (`Engine`, `EngineConfiguration`, `Event`, `SnapshotQuery`).
/// Each benchmark runs in its own process; engines are loaded in `setup`, unmeasured.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20)

    applyBenchmark()
    for model in [AttributionModel.linear, .markov] { coldSnapshotBenchmark(model) }
    warmSnapshotBenchmark()
    retentionSweepBenchmark()
    for touches in [0, 10, 32] { memoryBenchmark(LeadWorkload(leads: 100_000, touchesPerLead: touches)) }
    memoryBenchmark(LeadWorkload(leads: 100_000, touchesPerLead: 10, longIDs: true))
    // The default caps, full: 200,000 leads, each past its 32 touches.
    memoryBenchmark(LeadWorkload(leads: 200_000, touchesPerLead: 40))
}

/// 100,000 leads, 10 touches each: 1,000,000 touchpoints.
let dashboardScale = LeadWorkload(leads: 100_000, touchesPerLead: 10)

/// An engine that has applied the whole `dashboardScale` workload.
final class LoadedLeads {
    var engine: Engine
    let now: EpochMillis
    /// Iterations so far, for benchmarks that move time or the model on each.
    var step = 0

    init(_ configuration: EngineConfiguration = EngineConfiguration()) {
        engine = Engine(configuration: configuration)
        now = dashboardScale.now
        dashboardScale.forEachBatch { engine.apply($0, receivedAt: now) }
    }
}

/// ms to apply the 1.1M events (1,000,000 touchpoints, 100,000 created, about 10,000
/// won) to a fresh engine, in batches of 4,096 as a replay does.
private func applyBenchmark() {
    final class Batches {
        let batches: [[Event]]

        init() {
            let events = dashboardScale.allEvents()
            batches = stride(from: 0, to: events.count, by: LeadWorkload.batchSize).map {
                Array(events[$0..<min($0 + LeadWorkload.batchSize, events.count)])
            }
        }
    }
    Benchmark("Leads apply, 100k leads 1M touches") { benchmark, input in
        var engine = Engine()
        benchmark.startMeasurement()
        for batch in input.batches { engine.apply(batch, receivedAt: dashboardScale.now) }
        benchmark.stopMeasurement()
        let kept = engine.snapshot(SnapshotQuery(), now: dashboardScale.now).funnelAnalysis?.leadCount
        precondition(kept == dashboardScale.leads, "every lead should be kept, not \(kept ?? -1)")
    } setup: {
        Batches()
    }
}

/// ms per snapshot with no cached analysis (`analysisRefreshMillis` 0): the funnel
/// analysis and the attribution paths built from every lead, credited under every model.
/// Live, this is what the dashboard pays once a second.
private func coldSnapshotBenchmark(_ model: AttributionModel) {
    Benchmark("Leads snapshot cold, \(model.rawValue)") { benchmark, loaded in
        blackHole(loaded.engine.snapshot(SnapshotQuery(model: model), now: loaded.now))
    } setup: {
        LoadedLeads()
    }
}

/// µs per snapshot with the analysis cached and only the model changed (each iteration
/// the next of the eight models): what a frame costs between refreshes, or right after
/// `m`. The cache lives an hour here, so every iteration finds it.
private func warmSnapshotBenchmark() {
    var configuration = EngineConfiguration()
    configuration.analysisRefreshMillis = 3_600_000
    Benchmark(
        "Leads snapshot warm, model switch",
        configuration: .init(timeUnits: .microseconds, maxDuration: .seconds(3), maxIterations: 1_000)
    ) { (benchmark: Benchmark, loaded: LoadedLeads) in
        loaded.step += 1
        let model = AttributionModel.allCases[loaded.step % AttributionModel.allCases.count]
        blackHole(loaded.engine.snapshot(SnapshotQuery(model: model), now: loaded.now + EpochMillis(loaded.step)))
    } setup: {
        let loaded = LoadedLeads(configuration)
        _ = loaded.engine.snapshot(SnapshotQuery(), now: loaded.now)   // fills the caches
        return loaded
    }
}

/// µs per retention sweep in steady state: each iteration applies one event an hour
/// after the last, so the engine walks its ~95,000 leads and forgets the ~180 whose last
/// event is now more than 22 days old (one lead is created every 20 s). No SLOs, so the
/// hour's alert evaluations do not count.
private func retentionSweepBenchmark() {
    Benchmark(
        "Leads retention sweep, 100k leads",
        configuration: .init(timeUnits: .microseconds, warmupIterations: 2, maxIterations: 50)
    ) { benchmark, loaded in
        loaded.step += 1
        let time = loaded.now + EpochMillis(loaded.step) * 3_600_000
        let event = Event(time: time, body: .messageSent(channel: "email", messageType: "outbound"))
        benchmark.startMeasurement()
        loaded.engine.apply(CollectionOfOne(event), receivedAt: time)
    } setup: {
        LoadedLeads(EngineConfiguration(slos: [], leadRetentionDays: 22))
    }
}

/// Growth of the resident set (`/proc/self/statm`) per lead kept, in bytes.
let residentBytesPerLead = BenchmarkMetric.custom("residentBytesPerLead", useScalingFactor: false)

/// Memory per lead: a fresh engine (default configuration: up to 200,000 leads, 32
/// touches each, 180 days), then every event of `workload`, built in batches as they go;
/// resident growth per lead, and `memoryLeakedBytes` (malloc'd minus freed in the
/// measured region) for all leads together, the heap the engine keeps for them.
private func memoryBenchmark(_ workload: LeadWorkload) {
    let leads = workload.leads >= 1_000 ? "\(workload.leads / 1_000)k leads" : "\(workload.leads) leads"
    let ids = workload.longIDs ? ", 36-byte ids" : ""
    Benchmark(
        "Leads memory, \(leads) \(workload.touchesPerLead) touches\(ids)",
        configuration: .init(
            metrics: [residentBytesPerLead, .memoryLeakedBytes, .wallClock],
            timeUnits: .milliseconds, units: [residentBytesPerLead: .count, .memoryLeakedBytes: .count],
            warmupIterations: 1, maxIterations: 3)
    ) { benchmark in
        var engine = Engine()
        ResidentMemory.returnFreePages()
        let before = ResidentMemory.residentBytes()

        benchmark.startMeasurement()
        workload.forEachBatch { engine.apply($0, receivedAt: workload.now) }
        benchmark.stopMeasurement()

        benchmark.measurement(residentBytesPerLead, (ResidentMemory.residentBytes() - before) / workload.leads)
        let kept = engine.snapshot(SnapshotQuery(funnel: FunnelQuery(periodDays: 3650)), now: workload.now)
            .funnelAnalysis?.leadCount
        precondition(kept == workload.leads, "every lead should be kept, not \(kept ?? -1)")
    }
}
