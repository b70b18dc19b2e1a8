import FlowCore
import FlowFormats

/// A change to the engine's alerting that a viewer asks for: the dashboard's `s`, `a` and
/// `x` keys, whether the dashboard holds the engine or watches it from afar. The engine
/// carries it out (`execute(on:author:)`) and every viewer sees it in its next snapshot.
///
/// ```swift
/// let outcome = ViewerCommand.acknowledge(fingerprint: fp, alert: "ai_request_success page").execute(on: host, author: "alice")
/// ```
public enum ViewerCommand: Codable, Sendable, Equatable {
    /// Silence what `matchers` match for `duration` (Prometheus syntax: `30m`, `2h`, `1d`).
    case silence(matchers: [LabelMatcher], duration: String, comment: String, alert: String)
    /// Acknowledges `fingerprint` and, for a group (`a` on a grouped row), the alerts in
    /// `also`: a field added in version 1 as optional, so an older engine still takes the
    /// first alert and an older viewer's command still decodes.
    case acknowledge(fingerprint: String, alert: String, also: [String]? = nil)
    case unacknowledge(fingerprint: String, alert: String, also: [String]? = nil)
    case expireSilences(ids: [String])

    /// Carries the command out on the engine; `author` signs silences and acknowledgements.
    /// The silence starts at the host clock's now, the time the engine checks it against;
    /// its duration is parsed as a silences file's are, so both say the same about `90 min`.
    public func execute(on host: EngineHost, author: String) -> ViewerOutcome {
        switch self {
        case .silence(let matchers, let duration, let comment, _):
            let millis: EpochMillis
            do { millis = try PrometheusDuration.millis(duration) } catch { return .refused(error.description) }
            guard millis > 0 else { return .refused("a silence needs a duration above 0, such as 30m, 2h or 1d") }
            let now = host.clock.now()
            let (end, overflow) = now.addingReportingOverflow(millis)
            let silence = Silence(id: "", matchers: matchers, start: now, end: overflow ? .max : end, author: author,
                                  comment: comment)
            do {
                return .silenced(id: try host.addSilence(silence), until: silence.end)
            } catch {
                return .refused(error.description)
            }
        case .acknowledge(let fingerprint, let alert, let also):
            // One refusal only when none could be acknowledged: a group's member resolving
            // meanwhile does not make the rest a failure.
            let done = ([fingerprint] + (also ?? [])).filter { host.acknowledge(fingerprint: $0, by: author) }
            return !done.isEmpty
                ? .done : .refused("\(alert) could not be acknowledged: it resolved or was acknowledged meanwhile")
        case .unacknowledge(let fingerprint, let alert, let also):
            let done = ([fingerprint] + (also ?? [])).filter { host.unacknowledge(fingerprint: $0) }
            return !done.isEmpty
                ? .done : .refused("\(alert) is no longer acknowledged: someone took it back, or the engine forgot it")
        case .expireSilences(let ids):
            let missed = ids.filter { !host.expireSilence(id: $0) }
            return missed.isEmpty ? .done : .refused("\(missed.joined(separator: ", ")) had expired already")
        }
    }
}

/// How a `ViewerCommand` went.
public enum ViewerOutcome: Codable, Sendable, Equatable {
    case done
    /// The silence was added: the id the engine gave it and when it ends.
    case silenced(id: String, until: EpochMillis)
    /// Not done, and why, in words the user can act on.
    case refused(String)
}
