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
/// Each gets an id made from its content (`file-` and a hash), so the same file read again
/// at the next start, onto an engine restored from its data directory, replaces its
/// silences rather than adding copies. Returns how many were skipped.
@discardableResult
public func addSilences(_ silences: [Silence], from file: String, to engine: inout Engine,
                        at now: EpochMillis) throws(UserFacingError) -> Int {
    var skipped = 0
    for (i, silence) in silences.enumerated() {
        if silence.end <= now {
            skipped += 1
            continue
        }
        var silence = silence
        if silence.id.isEmpty { silence.id = contentID(of: silence) }
        do {
            _ = try engine.addSilence(silence, at: now)
        } catch {
            throw UserFacingError("\(file): silences[\(i)]: \(error.description)")
        }
    }
    return skipped
}

/// `file-` and 16 hex digits of FNV-1a over what the silence says: equal silences get equal ids.
func contentID(of silence: Silence) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ text: String) {
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= 0xff
        hash &*= 0x0000_0100_0000_01b3
    }
    for matcher in silence.matchers { mix(matcher.name); mix("\(matcher.op)"); mix(matcher.value) }
    mix("\(silence.start)"); mix("\(silence.end)"); mix(silence.author); mix(silence.comment)
    let hex = String(hash, radix: 16)
    return "file-" + String(repeating: "0", count: 16 - hex.count) + hex
}
