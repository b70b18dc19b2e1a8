import FlowConfig
import FlowCore

/// The alert rules and silences a command runs with: `--rules FILE` and `--silences FILE`.
///
/// Why here: the dashboard, `report` and `snapshot` must judge the same rules, and a
/// mistake in either file must stop start-up with the file's own error (file:line:column
/// and the key), never be half applied.
///
/// ```swift
/// var configuration = EngineConfiguration()
/// configuration.alertRules = try loadAlertRules(file: "rules.yaml")
/// ```
public func loadAlertRules(file: String?) throws(UserFacingError) -> [ThresholdRule] {
    guard let file else { return [] }
    do {
        return try RulesFile.load(path: file)
    } catch {
        throw UserFacingError(error.description)
    }
}

/// The silences of `file`, read as of `now` (a silence without `starts_at` starts then).
public func loadSilences(file: String?, now: EpochMillis) throws(UserFacingError) -> [Silence] {
    guard let file else { return [] }
    do {
        return try SilencesFile.load(path: file, now: now)
    } catch {
        throw UserFacingError(error.description)
    }
}

/// Adds `silences` to `engine` at `now`; the first one the engine refuses (no matcher, an
/// end before its start...) is an error naming it, with `file`. Silences that ended
/// already are skipped, not refused: a file of planned windows outlives its past ones.
/// Returns how many were skipped.
@discardableResult
public func addSilences(_ silences: [Silence], from file: String, to engine: inout Engine,
                        at now: EpochMillis) throws(UserFacingError) -> Int {
    var skipped = 0
    for (i, silence) in silences.enumerated() {
        if silence.end <= now {
            skipped += 1
            continue
        }
        do {
            _ = try engine.addSilence(silence, at: now)
        } catch {
            throw UserFacingError("\(file): silences[\(i)]: \(error.description)")
        }
    }
    return skipped
}
