import Benchmark
import BenchmarkSupport
import FlowCore
#if canImport(Glibc)
import Glibc
#endif

/// Record and query cost of the SLO engine, and resident memory per series, with 1, 100
/// and 10,000 tenant series (each tenant is one series of `ai_request_success`, plus the
/// total). Figures and how to read them: ../../../docs/benchmarks.md, "SLO engine".
///
/// Each benchmark runs in its own process (the benchmark tool's default), so the memory
/// benchmarks start from a clean heap. Engines are built in `setup`, outside the measured
/// region; `Benchmarks/run-slo.sh` runs them all and prints the table.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000)

    for tenants in SLOBenchmarkSizes.tenantCounts {
        recordBenchmark(tenants: tenants)
        rolloverBenchmark(tenants: tenants)
        minuteSlicesBenchmark(tenants: tenants)
        statusBenchmark(tenants: tenants)
        snapshotBenchmark(tenants: tenants)
        memoryBenchmark(tenants: tenants)
    }
    latencyBenchmarks()
}

enum SLOBenchmarkSizes {
    static let tenantCounts = [1, 100, 10_000]
    /// Simulated minutes of the stream an engine has seen before a query is measured.
    static let historyMinutes = 10

    /// "1 tenant", "100 tenants": the suffix of every benchmark name.
    static func label(_ tenants: Int) -> String { tenants == 1 ? "1 tenant" : "\(tenants) tenants" }
}

/// ns per event: each iteration applies the next 1,000 events (one simulated second) in
/// one batch, as `EngineHost` does. One iteration in 60 also crosses a minute and pays
/// for the alert evaluation of every series; p50 is the cost between minute boundaries,
/// and "SLO minute rollover" measures the evaluation on its own.
private func recordBenchmark(tenants: Int) {
    final class Recording {
        let loaded: LoadedEngine
        var batch: [Event]

        init(tenants: Int) {
            loaded = LoadedEngine(tenantCount: tenants, minutes: 1)
            batch = loaded.stream.emptyBatch(count: BenchmarkScalingFactor.kilo.rawValue)
        }
    }
    Benchmark(
        "SLO record, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(warmupIterations: 60, scalingFactor: .kilo)
    ) { benchmark, recording in
        precondition(recording.batch.count == benchmark.scaledIterations.count)
        recording.loaded.stream.fill(&recording.batch)
        benchmark.startMeasurement()
        recording.loaded.engine.apply(recording.batch, receivedAt: recording.loaded.stream.now)
    } setup: {
        Recording(tenants: tenants)
    }
}

/// ns per completed minute: each iteration applies the rest of the current simulated
/// minute unmeasured, then measures the first event of the next one, which makes the
/// engine evaluate every alert tier of every series on the minute just completed (every
/// series has had traffic in it, as at 1,000 events a second). Paid once per 60,000 events.
private func rolloverBenchmark(tenants: Int) {
    Benchmark(
        "SLO minute rollover, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(maxDuration: .seconds(5))
    ) { benchmark, loaded in
        loaded.stream.feedToEndOfMinute(&loaded.engine)
        let event = loaded.stream.next()
        benchmark.startMeasurement()
        loaded.engine.apply(CollectionOfOne(event), receivedAt: event.time)
    } setup: {
        LoadedEngine(tenantCount: tenants, minutes: 1)
    }
}

/// The whole judgement of a completed minute, which the engine spreads over the batches
/// after it (`MinuteEvaluation`, `Engine.defaultSeriesPerBatch` series a batch): each
/// iteration applies the rest of the current minute unmeasured, then one event a batch
/// until the minute is judged. `wallClock` is all those batches together (the work a
/// minute costs); `slowest batch` the longest of them, the ingest stall a minute causes
/// (the "under 1 ms"), which the "minute rollover" above only shows for the first.
/// The slowest batch is timed in CPU time of the applying thread: on a shared machine,
/// wall time adds the waits for a core, which are not the engine's.
private func minuteSlicesBenchmark(tenants: Int) {
    Benchmark(
        "SLO minute slices, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(metrics: [.wallClock, .custom("slowest batch", useScalingFactor: false)],
                             maxDuration: .seconds(5))
    ) { benchmark, loaded in
        loaded.stream.feedToEndOfMinute(&loaded.engine)
        var slowest = 0
        benchmark.startMeasurement()
        repeat {
            let event = loaded.stream.next()
            let began = threadCPUNanoseconds()
            loaded.engine.apply(CollectionOfOne(event), receivedAt: event.time)
            slowest = max(slowest, threadCPUNanoseconds() - began)
        } while loaded.engine.isJudgingMinute
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("slowest batch", useScalingFactor: false), slowest)
    } setup: {
        LoadedEngine(tenantCount: tenants, minutes: 1)
    }
}

/// ns per `Engine.seriesStatus` of one tenant's series (every burn window, budget,
/// sparklines), the query behind the SLO detail view.
private func statusBenchmark(tenants: Int) {
    let tenant = "t\(min(42, tenants - 1))"
    Benchmark(
        "SLO status, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(scalingFactor: .kilo, maxDuration: .seconds(2))
    ) { (benchmark: Benchmark, query: OpaqueQuery<SLOStatus?>) in
        for i in benchmark.scaledIterations {
            blackHole(query.run(query.now + Int64(i)))
        }
    } setup: {
        let loaded = LoadedEngine(tenantCount: tenants, minutes: SLOBenchmarkSizes.historyMinutes)
        return OpaqueQuery(now: loaded.stream.now) { now in
            loaded.engine.seriesStatus(slo: AIRequestStream.slo, series: .tenant(tenant), now: now)
        }
    }
}

/// ns per `Engine.snapshot` with the default query (the total's status, every tenant's
/// alerts, funnel, attribution): what one dashboard frame costs. 1,000 calls an iteration
/// like the other per-call benchmarks (one call is too short to time alone at 1 tenant).
private func snapshotBenchmark(tenants: Int) {
    Benchmark(
        "SLO snapshot, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(2))
    ) { (benchmark: Benchmark, query: OpaqueQuery<EngineSnapshot>) in
        for i in benchmark.scaledIterations {
            blackHole(query.run(query.now + Int64(i)))
        }
    } setup: {
        let loaded = LoadedEngine(tenantCount: tenants, minutes: SLOBenchmarkSizes.historyMinutes)
        return OpaqueQuery(now: loaded.stream.now) { now in
            loaded.engine.snapshot(SnapshotQuery(), now: now)
        }
    }
}

/// A query the measured loop calls through a closure it cannot see into.
///
/// Why: FlowCore's code is visible to this module (cross-module optimisation), so a direct
/// `blackHole(engine.seriesStatus(...))` in a loop was hoisted out of it: one real call per
/// 1,000. Behind a closure stored in a `var`, each call is made and returns its whole result. `now + i` keeps each call's arguments distinct as well (all within
/// the same simulated second).
final class OpaqueQuery<Result> {
    let now: EpochMillis
    var run: (EpochMillis) -> Result

    init(now: EpochMillis, run: @escaping (EpochMillis) -> Result) {
        self.now = now
        self.run = run
    }
}

/// Growth of the resident set (`/proc/self/statm`) per tenant series created, in bytes.
let residentBytesPerSeries = BenchmarkMetric.custom("residentBytesPerSeries", useScalingFactor: false)

/// Memory per series: a fresh engine, then one event for each of `tenants` new tenants
/// (each creates that tenant's series); resident growth divided by `tenants`. The engine's
/// own total series exists before the first reading and is not counted. `memoryLeakedBytes`
/// (malloc'd minus freed bytes in the measured region) is the heap side of the same growth,
/// for all `tenants` series together.
private func memoryBenchmark(tenants: Int) {
    Benchmark(
        "SLO memory, \(SLOBenchmarkSizes.label(tenants))",
        configuration: .init(
            metrics: [residentBytesPerSeries, .memoryLeakedBytes, .wallClock],
            units: [residentBytesPerSeries: .count, .memoryLeakedBytes: .count],
            warmupIterations: 1, maxIterations: 5)
    ) { benchmark in
        var stream = AIRequestStream(tenantCount: tenants)
        var batch = stream.emptyBatch(count: tenants)
        stream.fill(&batch)
        var engine = Engine(configuration: AIRequestStream.configuration)
        ResidentMemory.returnFreePages()
        let before = ResidentMemory.residentBytes()

        benchmark.startMeasurement()
        engine.apply(batch, receivedAt: stream.now)
        benchmark.stopMeasurement()

        benchmark.measurement(residentBytesPerSeries, (ResidentMemory.residentBytes() - before) / tenants)
        // Uses the state built (so none of it can be optimised away) and checks it.
        let last = engine.seriesStatus(slo: AIRequestStream.slo, series: .tenant("t\(tenants - 1)"), now: stream.now)
        precondition(last?.total == 1, "the last tenant's series should hold its one event")
    }
}

/// CPU time of the calling thread, ns.
private func threadCPUNanoseconds() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return spec.tv_sec * 1_000_000_000 + spec.tv_nsec
}
