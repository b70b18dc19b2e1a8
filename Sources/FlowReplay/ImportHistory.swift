import FlowConfig
import FlowCore
import FlowReports
import FlowStore
import Foundation
import Logging
import TerminalUI

/// What `flowtop import` did, for its summary: lines read, applied and rejected (by
/// reason, as `sync_ack` and the dashboard name them), the span of event time kept, and
/// what it cost.
public struct ImportSummary: Sendable {
    /// The input as given (`-`: standard input) and the data directory it went into.
    public var input: String
    public var dataDirectory: String
    public var applied: Int64
    public var rejected: RejectionCounts
    /// The earliest and latest time of an applied event; nil when none was.
    public var firstEventTime: EpochMillis?
    public var lastEventTime: EpochMillis?
    /// The checkpoint that keeps the import: its size and the journal position it includes.
    public var checkpointBytes: Int64
    public var checkpointPosition: UInt64
    /// Reading and applying the file, and the whole import (opening and checkpoint too).
    public var replayTook: Duration
    public var took: Duration

    /// Lines that held an event (blank lines and `sync` are not counted).
    public var read: Int64 { applied + rejected.total }

    /// Events read per second of the whole import.
    public var eventsPerSecond: Double {
        let seconds = Self.seconds(took)
        return seconds > 0 ? Double(read) / seconds : 0
    }

    /// The summary `flowtop import` prints:
    ///
    /// ```
    /// imported history.ndjson into /home/ops/.local/state/flowtop
    /// events     1204 read: 1200 applied, 4 rejected (invalid_json 3, ts_too_old 1)
    /// span       2026-05-01T00:00:00Z to 2026-05-31T23:59:12Z
    /// took       0.84 s (replay 0.61 s), 1433 events/s; checkpoint 2.1 MiB at journal position 0
    /// ```
    public var text: String {
        let source = input == "-" ? "standard input" : input
        var events = "events     \(read) read: \(applied) applied, \(rejected.total) rejected"
        if rejected.total > 0 { events += " (" + rejected.summary + ")" }
        let span = if let first = firstEventTime, let last = lastEventTime {
            ReportFormatting.rfc3339(first) + " to " + ReportFormatting.rfc3339(last)
        } else {
            "none (no event applied)"
        }
        let took = "took       \(Self.secondsText(self.took)) (replay \(Self.secondsText(replayTook))), "
            + "\(Int(eventsPerSecond.rounded())) events/s; checkpoint \(StoreStatus.byteText(checkpointBytes)) "
            + "at journal position \(checkpointPosition)"
        return ["imported \(source) into \(dataDirectory)".escapingControlCharacters, events,
                "span       \(span)", took].joined(separator: "\n") + "\n"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func secondsText(_ duration: Duration) -> String {
        String(format: "%.2f s", seconds(duration))
    }
}

/// `flowtop import FILE|-`: replays a history file into the engine kept in a data
/// directory, so a team starts with last month's data instead of an empty dashboard.
///
/// Why this shape:
/// - It takes the directory's lock like `watch` and `serve` (a running flowtop on it makes
///   the import refuse, naming its pid) and restores the engine the same way, configured
///   by the same options, so the next start finds the checkpoint of its own configuration.
/// - The events go through `Replay`, the path `report` takes: batches applied straight to
///   the engine value, no lock and no journal entry per event, so it runs as fast as a
///   report. Times are judged against `now` (the wall clock) as the live engine judges
///   them: what it would not keep (`ts_too_old`, `ts_in_future`) is counted, not applied.
/// - All or nothing: the import is kept by one checkpoint written at the end (a temporary
///   file renamed), at the journal position the directory's own entries reach, so they are
///   neither lost nor replayed twice. Killed before that, the directory is as it was.
///
/// Files are read before the directory is touched, so a missing input or a bad `--slo`
/// changes nothing.
///
/// ```swift
/// let summary = try importHistory(input: "may.ndjson", dataDir: nil, configuration: EngineConfiguration(),
///                                 now: WallClock().now())
/// print(summary.text, terminator: "")
/// ```
public func importHistory(input: String, dataDir: String?, configuration: EngineConfiguration,
                          silencesFile: String? = nil, now: EpochMillis,
                          logger: Logger = importLogger()) throws(UserFacingError) -> ImportSummary {
    let started = ContinuousClock.now
    let silences = try loadSilences(file: silencesFile, now: now)
    let handle: FileHandle
    do { handle = try Replay.open(input) } catch { throw UserFacingError(error.description) }
    defer { if input != "-" { try? handle.close() } }

    let (restored, store) = try EngineStore.open(dataDirectory: dataDir, fsyncIntervalMillis: 1_000,
                                                 configuration: configuration, logger: logger)
    defer {
        store.journal.close()
        store.directory.close()
    }
    var replay = Replay(engine: restored, now: now, realTime: now)
    do { try replay.feed(handle: handle, path: input) } catch { throw UserFacingError(error.description) }
    let replayTook = ContinuousClock.now - started
    if let silencesFile {
        try replay.withEngine { engine throws(UserFacingError) in
            try addSilences(silences, from: silencesFile, to: &engine, at: now)
        }
    }
    let record: EngineStore.CheckpointRecord
    do {
        record = try store.checkpoint(unjournaled: replay.engine, now: now)
    } catch {
        throw UserFacingError("\(error); nothing was imported")
    }
    return ImportSummary(input: input, dataDirectory: store.directory.path, applied: replay.accepted,
                         rejected: replay.rejected, firstEventTime: replay.firstEventTime,
                         lastEventTime: replay.lastEventTime, checkpointBytes: record.bytes,
                         checkpointPosition: record.position.offset, replayTook: replayTook,
                         took: ContinuousClock.now - started)
}

/// The import's log: warnings about the directory (a checkpoint set aside, a corrupt
/// journal, a changed configuration) on standard error; not the routine "engine restored".
public func importLogger() -> Logger {
    var logger = Logger(label: "flowtop", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = .notice
    return logger
}
