import FlowCore
import Foundation

/// Replays `input` (a path or `-`) through an engine so configured and takes one
/// snapshot at `now` (default: last event).
/// With `silencesFile`, its silences are read and added as of that time, after the events.
public func replaySnapshot(input: String, now: EpochMillis?, query: SnapshotQuery,
                           configuration: EngineConfiguration = EngineConfiguration(),
                           silencesFile: String? = nil) throws -> EngineSnapshot {
    var replay = Replay(engine: Engine(configuration: configuration), now: now)
    do {
        try replay.feed(path: input)
    } catch let error as ReplayError {
        throw UserFacingError(error.description)
    }
    if let silencesFile {
        let at = replay.now
        let silences = try loadSilences(file: silencesFile, now: at)
        try replay.withEngine { engine throws(UserFacingError) in
            try addSilences(silences, from: silencesFile, to: &engine, at: at)
        }
    }
    return replay.snapshot(query)
}

/// Parses `--now`: RFC 3339 (`2026-11-24T10:15:00Z`, fractional seconds and offsets
/// allowed) or Unix seconds.
public func parseTimestamp(_ text: String) -> EpochMillis? {
    if let secs = Double(text), secs.isFinite, abs(secs) < 1e12 {
        return EpochMillis((secs * 1000).rounded())
    }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
    return EpochMillis((date.timeIntervalSince1970 * 1000).rounded())
}
