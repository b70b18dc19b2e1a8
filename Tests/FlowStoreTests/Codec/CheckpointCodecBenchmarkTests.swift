@testable import FlowCore
@testable import FlowStore
import FlowTestKit
import Foundation
import Testing

/// A by-hand measure of the checkpoint codec at the scale a checkpoint has: the built-in
/// SLOs with 30 days of minute data at 50 tenants and 5 models (a healthy system: every
/// latency within its SLO's threshold, 1 request in 2,000 failing, so no alert fires),
/// and 20,000 leads with touches and stages. Prints the encoded size and the encode and decode times (best of
/// three), and the same for Foundation's JSON coders, the yardstick `StateEncoder`'s
/// comment quotes; then the same engine at the default cap of 200,000 leads (no JSON);
/// asserts nothing about time. Off unless `FLOWTOP_BENCH=1`:
///
///     FLOWTOP_BENCH=1 swift test -c release --filter CheckpointCodecBenchmark
///
/// With `FLOWTOP_BENCH_DATA_DIR=DIR` as well, the 200,000-lead engine, its 30 days ending
/// now, is also written to DIR as its checkpoint: a data directory to time a restart with
/// (`flowtop serve --data-dir DIR`; docs/benchmarks.md).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["FLOWTOP_BENCH"] == "1"))
struct CheckpointCodecBenchmarkTests {
    static let start: EpochMillis = 1_764_000_000_000
    static let days: Int64 = 30

    static func engine(leads: Int = 20_000, start: EpochMillis = start,
                       configuration: EngineConfiguration = EngineConfiguration()) -> Engine {
        var engine = Engine(configuration: configuration)
        var rng = SeededGenerator(seed: 30)
        let tenants = (0..<50).map { "tenant-\($0)" }
        let models = ["gpt-4o", "claude", "mistral", "llama", "gemini"]
        let channels = ["whatsapp", "email", "website", "instagram", "linkedin", "phone", "facebook", "referral"]
        let minutesPerDay: Int64 = 1_440
        for day in 0..<days {
            var events: [Event] = []
            events.reserveCapacity(Int(minutesPerDay) * tenants.count * 3 + 5_000)
            for minute in 0..<minutesPerDay {
                let t = start + TestTime.days(day) + TestTime.minutes(minute)
                for (i, tenant) in tenants.enumerated() {
                    let at = t + Int64(i) * 1_000
                    let model = models[(Int(minute) + i) % models.count]
                    events.append(EventBuilder.aiRequest(success: rng.next() % 2_000 != 0, model: model,
                                                         cost: 0.002, tenant: tenant, at: at))
                    events.append(EventBuilder.aiLatency(Double(rng.next() % 1_900), model: model, tenant: tenant,
                                                         at: at + 10))
                    events.append(EventBuilder.messageProcessing(Double(rng.next() % 480), tenant: tenant, at: at + 20))
                }
            }
            // The leads spread over the 30 days, each with a few touches and stages.
            let leadsPerDay = leads / Int(days) + 1
            let spacing = min(120_000, TestTime.days(1) / Int64(leadsPerDay))
            for k in 0..<leadsPerDay {
                let lead = Int(day) * leadsPerDay + k
                let id = "L-\(lead)"
                let tenant = tenants[lead % tenants.count]
                let t = start + TestTime.days(day) + Int64(k) * spacing
                events.append(EventBuilder.leadCreated(id, source: channels[lead % channels.count], tenant: tenant, at: t))
                for touch in 0..<Int(rng.next() % 8) {
                    events.append(EventBuilder.touch(id, channel: channels[Int(rng.next() % 8)], cost: 0.1,
                                                     aiAssisted: rng.next() % 2 == 0, tenant: tenant,
                                                     at: t + Int64(touch) * 60_000))
                }
                let reached = Int(rng.next() % 6)
                for (s, stage) in [Stage.contacted, .qualified, .meeting, .proposal, .won].prefix(reached).enumerated() {
                    events.append(EventBuilder.stage(id, stage, revenue: stage == .won ? 1_000 : 0, tenant: tenant,
                                                     at: t + 600_000 + Int64(s) * 60_000))
                }
            }
            events.sort { $0.time < $1.time }
            engine.apply(events, receivedAt: start + TestTime.days(day + 1))
        }
        return engine
    }

    static func best(of runs: Int = 3, _ body: () throws -> Void) rethrows -> Duration {
        var best = Duration.seconds(1_000)
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try body()
            best = min(best, ContinuousClock.now - started)
        }
        return best
    }

    @Test func checkpointCodecAtThirtyDaysFiftyTenantsTwentyThousandLeads() throws {
        let clock = ContinuousClock()
        var engine = Engine()
        let built = clock.measure { engine = Self.engine() }
        let now = Self.start + TestTime.days(Self.days)
        print("built the engine in \(built)")

        var bytes: [UInt8] = []
        let encode = try Self.best { bytes = try StateEncoder.encode(engine) }
        var decoded = Engine()
        let decode = try Self.best { decoded = try StateDecoder.decode(Engine.self, from: bytes) }
        print("state codec: \(bytes.count) bytes (\(bytes.count / 1_048_576) MiB), encode \(encode), decode \(decode)")

        let jsonEncoder = JSONEncoder(), jsonDecoder = JSONDecoder()
        jsonEncoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        jsonDecoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var json = Data()
        let jsonEncode = try Self.best(of: 1) { json = try jsonEncoder.encode(engine) }
        let jsonDecode = try Self.best(of: 1) { _ = try jsonDecoder.decode(Engine.self, from: json) }
        print("JSON: \(json.count) bytes (\(json.count / 1_048_576) MiB), encode \(jsonEncode), decode \(jsonDecode)")

        var a = engine, b = decoded
        #expect(a.snapshot(SnapshotQuery(), now: now) == b.snapshot(SnapshotQuery(), now: now))
    }

    /// The 200,000 leads as checkpoints write them now (columns, `LeadColumns`) and as
    /// layout 1 did (each lead whole through `Codable`, still read for upgrades), and the
    /// whole engine decoded from a body of each layout.
    @Test func checkpointCodecAtThirtyDaysFiftyTenantsTwoHundredThousandLeads() throws {
        let clock = ContinuousClock()
        var engine = Engine()
        let built = clock.measure { engine = Self.engine(leads: 200_000) }
        print("built the 200,000-lead engine in \(built)")
        var bytes: [UInt8] = []
        let encode = try Self.best { bytes = try StateEncoder.encode(engine) }
        var decoded = Engine()
        let decode = try Self.best { decoded = try StateDecoder.decode(Engine.self, from: bytes) }
        print("200,000 leads, engine: \(bytes.count) bytes (\(bytes.count / 1_048_576) MiB), encode \(encode), decode \(decode)")
        #expect(try StateEncoder.encode(decoded) == bytes)

        let table = engine.leads.table
        var columns: [UInt8] = [], rows: [UInt8] = []
        let columnsEncode = try Self.best { columns = try StateEncoder.encode(table) }
        let columnsDecode = try Self.best { _ = try StateDecoder.decode(LeadTable.self, from: columns) }
        let rowsEncode = try Self.best { rows = try StateEncoder.encode(table.entries) }
        let rowsDecode = try Self.best { _ = try StateDecoder.decode([LeadTable.Entry?].self, from: rows) }
        print("lead table of \(table.count) leads: columns \(columns.count) bytes, encode \(columnsEncode), decode \(columnsDecode); "
              + "slots row by row (layout 1) \(rows.count) bytes, encode \(rowsEncode), decode \(rowsDecode)")

        let old = try #require(try LeadTableFixtures.layoutOneBody(of: engine))
        var fromOld = Engine()
        let oldDecode = try Self.best { fromOld = try FlowStore.decodeEngine(old, layout: 1) }
        print("engine from a layout 1 body: \(old.count) bytes, decode \(oldDecode)")
        #expect(try StateEncoder.encode(fromOld) == bytes)
    }

    /// The data directory a restart is timed with (see the suite's comment), and beside it
    /// `DIR-layout1`, the same engine in a checkpoint of layout 1 (an upgrade's first start).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FLOWTOP_BENCH_DATA_DIR"] != nil))
    func aDataDirectoryOfThirtyDaysAtTheDefaultCaps() throws {
        let path = try #require(ProcessInfo.processInfo.environment["FLOWTOP_BENCH_DATA_DIR"])
        let day = TestTime.days(1)
        let now = EpochMillis(Date().timeIntervalSince1970 * 1_000)
        var configuration = EngineConfiguration()
        configuration.analysisRefreshMillis = 1_000   // as a live process has it: no reconfiguring at start
        let engine = Self.engine(leads: 200_000, start: now / day * day - TestTime.days(Self.days),
                                 configuration: configuration)
        let bytes = try StateEncoder.encode(engine)
        for (path, layout) in [(path, FlowStore.engineLayoutVersion), (path + "-layout1", 1)] {
            let directory = try DataDirectory.open(path)
            defer { directory.close() }
            let body = layout == 1 ? try #require(try LeadTableFixtures.layoutOneBody(of: engine)) : bytes
            try CheckpointFiles(directory: directory.checkpointPath).write(body, position: .zero)
            let file = directory.checkpointPath + "/" + CheckpointFiles.name(for: .zero)
            var written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            written[8] = UInt8(layout)   // the header's layout
            try Data(written).write(to: URL(fileURLWithPath: file))
            print("wrote \(body.count) bytes of checkpoint (layout \(layout)) to \(directory.checkpointPath)")
        }
    }
}
