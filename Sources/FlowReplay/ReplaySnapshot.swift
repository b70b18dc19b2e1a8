import FlowConfig
import FlowCore
import FlowFormats

/// Replays `input` (a path or `-`) through an engine so configured and takes one
/// snapshot at `now` (default: last event); `realTime` is the wall clock's now (`Replay`).
/// With `silencesFile`, its silences are read and added as of that time, after the events.
public func replaySnapshot(input: String, now: EpochMillis?, realTime: EpochMillis, query: SnapshotQuery,
                           configuration: EngineConfiguration = EngineConfiguration(),
                           silencesFile: String? = nil) throws -> EngineSnapshot {
    var replay = Replay(engine: Engine(configuration: configuration), now: now, realTime: realTime)
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
/// allowed), read as strictly as the config files read theirs (no February 30, no second
/// 60), or Unix seconds.
public func parseTimestamp(_ text: String) -> EpochMillis? {
    if let secs = Double(text), secs.isFinite, abs(secs) < 1e12 {
        return EpochMillis((secs * 1000).rounded())
    }
    return try? RFC3339.millis(text, leapSecond: .refused)
}
