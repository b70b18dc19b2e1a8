import FlowCore
import FlowReplay
import FlowStore
import FlowTestKit
import Foundation
import Testing

/// `flowtop import` in a temporary data directory: what it keeps is what `report` computes
/// from the same file, it keeps the directory's own journal exactly once, and it refuses
/// (changing nothing) where `watch` would.
@Suite("import")
struct ImportHistoryTests {
    static let now: EpochMillis = 1_764_000_000_000

    /// A fresh folder under /tmp, removed by the caller.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "flowtop-import-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A day of AI requests (every tenth failing), latencies and two leads before `now`,
    /// plus three lines the engine cannot keep.
    static func history(in folder: String) throws -> String {
        var lines: [String] = []
        for i in 0..<500 {
            let ts = Double(now - 86_400_000 + Int64(i) * 172_000) / 1000
            lines.append(#"{"type":"ai_request","provider":"p","model":"m\#(i % 3)","success":\#(i % 10 != 0),"tenant":"t\#(i % 2)","ts":\#(ts)}"#)
            lines.append(#"{"type":"ai_response_latency","latency_ms":\#(i * 7 % 4000),"model":"m\#(i % 3)","ts":\#(ts)}"#)
        }
        lines.append(#"{"type":"lead_created","lead_id":"L1","source":"whatsapp","ts":\#(now / 1000 - 3600)}"#)
        lines.append(#"{"type":"lead_stage","lead_id":"L1","stage":"won","revenue":900,"ts":\#(now / 1000 - 60)}"#)
        lines.append("not json")
        lines.append(#"{"type":"bogus"}"#)
        lines.append(#"{"type":"ai_request","provider":"p","model":"m","ts":1000}"#)
        let path = folder + "/history.ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The engine the data directory holds now, opened and closed again.
    static func reopened(_ path: String, configuration: EngineConfiguration = EngineConfiguration()) throws -> Engine {
        let directory = try DataDirectory.open(path)
        defer { directory.close() }
        let (store, engine, _) = try EngineStore.open(directory, configuration: configuration)
        store.journal.close()
        return engine
    }

    @Test func theImportedEventsAreWhatReportComputesAfterReopening() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = try Self.history(in: folder)
        let summary = try importHistory(input: input, dataDir: folder + "/data", configuration: EngineConfiguration(),
                                        now: Self.now)
        #expect(summary.applied == 1002)
        #expect(summary.rejected.total == 3 && summary.read == 1005)
        #expect(summary.rejected[.invalidJSON] == 1 && summary.rejected[.unknownType] == 1 && summary.rejected[.tsTooOld] == 1)
        #expect(summary.firstEventTime == Self.now - 86_400_000 && summary.lastEventTime == Self.now - 60_000)
        #expect(summary.text.contains("1005 read: 1002 applied, 3 rejected ("), "\(summary.text)")
        #expect(summary.text.contains("span       2025-11-23T16:00:00Z to 2025-11-24T15:59:00Z"), "\(summary.text)")

        var engine = try Self.reopened(folder + "/data")
        let query = SnapshotQuery()
        let imported = engine.snapshot(query, now: Self.now)
        let reported = try replaySnapshot(input: input, now: Self.now, realTime: Self.now, query: query)
        #expect(imported.slos == reported.slos)
        #expect(imported.slos.first { $0.name == "ai_request_success" }.map { ($0.total, $0.good) } ?? (0, 0) == (500, 450))
        #expect(imported.funnel == reported.funnel)
        #expect(imported.ingest.rejected == reported.ingest.rejected)
    }

    @Test func entriesAlreadyInTheJournalAreKeptOnceAcrossTheImport() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data"
        // A flowtop that journaled 40 requests and died without a checkpoint.
        do {
            let directory = try DataDirectory.open(path)
            let (store, engine, _) = try EngineStore.open(directory, configuration: EngineConfiguration())
            let clock = ManualClock(at: Self.now - 30_000)
            let host = EngineHost(engine: engine, clock: clock, journal: store.journal)
            host.apply(EventBuilder.aiRequests(good: 30, bad: 10, from: Self.now - 60_000, until: Self.now - 30_000))
            store.journal.close()
            directory.close()
        }
        let input = try Self.history(in: folder)
        let summary = try importHistory(input: input, dataDir: path, configuration: EngineConfiguration(), now: Self.now)
        #expect(summary.checkpointPosition > 0, "the checkpoint includes the journal's entries")
        for _ in 0..<2 {   // twice: a second start must not replay the journal again
            var engine = try Self.reopened(path)
            let slo = engine.snapshot(SnapshotQuery(), now: Self.now).slos.first { $0.name == "ai_request_success" }
            #expect(slo?.total == 540 && slo?.good == 480)
        }
    }

    @Test func aLockedDirectoryIsRefusedAndKeepsWhatItHad() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data"
        let input = try Self.history(in: folder)
        _ = try importHistory(input: input, dataDir: path, configuration: EngineConfiguration(), now: Self.now)
        let before = try FileManager.default.contentsOfDirectory(atPath: path + "/checkpoints")
        let holder = try DataDirectory.open(path)
        #expect {
            try importHistory(input: input, dataDir: path, configuration: EngineConfiguration(), now: Self.now)
        } throws: { error in
            "\(error)".contains("is in use by another flowtop (pid \(ProcessInfo.processInfo.processIdentifier))")
        }
        holder.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: path + "/checkpoints") == before)
        var engine = try Self.reopened(path)
        #expect(engine.snapshot(SnapshotQuery(), now: Self.now).slos.first { $0.name == "ai_request_success" }?.total == 500)
    }

    @Test func aMissingFileIsAnErrorThatTouchesNoDirectory() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try importHistory(input: folder + "/nope.ndjson", dataDir: folder + "/data", configuration: EngineConfiguration(),
                              now: Self.now)
        } throws: { error in
            "\(error)" == "cannot read input file \(folder)/nope.ndjson: no such file or not readable"
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/data"))
        #expect(throws: UserFacingError.self) {
            try importHistory(input: folder, dataDir: folder + "/data", configuration: EngineConfiguration(), now: Self.now)
        }
    }

    @Test func aFileOfOnlyBadLinesImportsNothingAndSaysSo() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/bad.ndjson"
        try "{\n\u{1b}[2J\n{\"type\":\"ai_request\"}\n\n".write(toFile: input, atomically: true, encoding: .utf8)
        let summary = try importHistory(input: input, dataDir: folder + "/data", configuration: EngineConfiguration(),
                                        now: Self.now)
        #expect(summary.applied == 0 && summary.rejected.total == 3)
        #expect(summary.rejected[.missingField] == 1)
        #expect(summary.text.contains("span       none (no event applied)"), "\(summary.text)")
    }
}
