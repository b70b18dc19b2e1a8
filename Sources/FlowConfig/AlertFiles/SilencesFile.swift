import FlowCore

/// Silences files: alerts muted by label matchers for a time, written before they are
/// needed (a planned deploy, a known outage) and loaded at start-up. The format is in
/// docs/alert-files.md; docs/examples/silences.yaml is a working start.
///
/// ```yaml
/// silences:
///   - matchers: ['slo="ai_request_success"', 'severity=~"page|ticket"']
///     starts_at: 2026-11-25T10:00:00Z
///     duration: 2h
///     created_by: alice
///     comment: deploy window
/// ```
///
/// ```swift
/// let silences = try SilencesFile.load(path: "silences.yaml", now: clock.now)
/// // silences.yaml:3:7: silences[0].matchers[1]: the regex `(page` does not compile: ...
/// ```
public enum SilencesFile {
    /// Reads and parses one file; a missing or unreadable file is a `SilencesFileError` too.
    /// `now` is the start of silences without `starts_at`.
    public static func load(path: String, now: EpochMillis) throws(SilencesFileError) -> [Silence] {
        try parse(try YAMLFileText.read(path: path, expecting: "a silences file (YAML with `silences:`)"), file: path,
                  now: now)
    }

    /// Parses the text of a silences file; `file` names it in errors. Silences come out in
    /// file order with empty ids. `silences: []` is a valid, empty file. A silence that
    /// has already ended is returned like any other (without `starts_at`, one whose
    /// `ends_at` has passed starts and ends at `ends_at`): the file says what was planned,
    /// and the caller decides what to do with the past (the silence book refuses it), so a
    /// file of old windows never stops flowtop from starting.
    public static func parse(_ yaml: String, file: String, now: EpochMillis) throws(SilencesFileError) -> [Silence] {
        let top = try YAMLFileText.root(of: yaml, file: file, expecting: "`silences:` with a list of silences")
            .mapping()
        try top.rejectUnknownKeys(allowed: ["silences"])
        guard let list = top.optional("silences") else {
            if top.keyNode("silences") != nil { return [] }  // `silences:` with nothing under it
            throw top.missing("silences", expecting: "a list of silences (`- matchers: [...]`)")
        }
        var silences: [Silence] = []
        for entry in try list.list() {
            silences.append(try SilenceField.parse(entry, now: now))
        }
        return silences
    }
}

/// A mistake in a silences file, pointing at the file, line, column and field:
/// `silences.yaml:4:15: silences[0].duration: give either ends_at or duration, not both`.
/// It is the SLO files' error type, since all of them are read the same way.
public typealias SilencesFileError = SLOFileError
