/// The silences, as Alertmanager keeps them: label matchers muting alerts from `start`
/// until `end`, pending before, active between, expired after, and forgotten a day
/// after expiring. Created from the dashboard or a file, listed, expired by hand. A
/// value with no clock: every call takes the time.
///
/// Silencing mutes notifications; it does not stop evaluation. The dashboard still
/// lists silenced alerts, dimmed, in their own section (`silencing(_:at:)` says which).
///
/// ```swift
/// var silences = SilenceBook()
/// let id = try silences.add(Silence(id: "", matchers: [LabelMatcher("alertname", .equal, "AICostHigh")],
///                                   start: now, end: now + 2 * 3_600_000,
///                                   author: "ana", comment: "model migration, INC-42"), at: now)
/// silences.silencing(alert.labels, at: now)   // [id]
/// silences.expire(id: id, at: now + 600_000)  // true: ends now
/// ```
public struct SilenceBook: Sendable, Hashable, Codable {
    /// How long an expired silence stays listed after its end (Alertmanager keeps them
    /// for its `--data.retention`, 120 h by default; a day is enough on a dashboard).
    public let expiredRetentionMillis: EpochMillis
    private var stored: [String: StoredSilence] = [:]
    /// The number in the last id handed out (`silence-1`, `silence-2`...).
    private var lastNumber = 0

    private struct StoredSilence: Sendable, Hashable, Codable {
        var silence: Silence
        let matchers: [CompiledMatcher]
    }

    public init(expiredRetentionMillis: EpochMillis = 86_400_000) {
        self.expiredRetentionMillis = expiredRetentionMillis
    }

    /// Validates and stores `silence`, returning its id. An empty id gets the next unused
    /// `silence-N` (deterministic, so replays and tests agree); an id already stored is
    /// replaced, so reloading a silences file edits rather than duplicates. Throws a
    /// `SilenceError` for the first problem found, in Alertmanager's order.
    @discardableResult
    public mutating func add(_ silence: Silence, at now: EpochMillis) throws(SilenceError) -> String {
        let matchers = try SilenceError.validate(silence, at: now)
        removeExpired(at: now)
        var silence = silence
        if silence.id.isEmpty { silence.id = nextID() }
        stored[silence.id] = StoredSilence(silence: silence, matchers: matchers)
        return silence.id
    }

    /// Ends a pending or active silence now, as Alertmanager does: an active one's end
    /// becomes `now`; a pending one's start and end both do. False for an unknown id or a
    /// silence already expired.
    @discardableResult
    public mutating func expire(id: String, at now: EpochMillis) -> Bool {
        removeExpired(at: now)
        guard var entry = stored[id] else { return false }
        switch Self.state(of: entry.silence, at: now) {
        case .expired: return false
        case .active: entry.silence.end = now
        case .pending:
            entry.silence.start = now
            entry.silence.end = now
        }
        stored[id] = entry
        return true
    }

    /// Pending before `start`, active from `start` until `end` (exclusive), expired
    /// after; `nil` for an unknown id or one expired longer than the retention.
    public func state(of id: String, at now: EpochMillis) -> SilenceState? {
        guard let entry = stored[id], isKept(entry.silence, at: now) else { return nil }
        return Self.state(of: entry.silence, at: now)
    }

    public func silence(id: String, at now: EpochMillis) -> Silence? {
        guard let entry = stored[id], isKept(entry.silence, at: now) else { return nil }
        return entry.silence
    }

    /// The ids of the active silences whose matchers all match `labels`, sorted.
    public func silencing(_ labels: AlertLabels, at now: EpochMillis) -> [String] {
        stored.values
            .filter { Self.state(of: $0.silence, at: now) == .active && $0.matchers.allSatisfy { $0.matches(labels) } }
            .map(\.silence.id)
            .sorted()
    }

    /// Every kept silence with its state: active first (ending soonest first), then
    /// pending (starting soonest first), then expired (most recently ended first); ties
    /// by id.
    public func list(at now: EpochMillis) -> [ListedSilence] {
        stored.values.filter { isKept($0.silence, at: now) }
            .map { ListedSilence(silence: $0.silence, state: Self.state(of: $0.silence, at: now)) }
            .sorted(by: ListedSilence.listedBefore)
    }

    /// Forgets silences expired longer than the retention. `add` and `expire` call it;
    /// the read-only calls skip such silences, so calling it is only about memory.
    public mutating func removeExpired(at now: EpochMillis) {
        stored = stored.filter { isKept($0.value.silence, at: now) }
    }

    static func state(of silence: Silence, at now: EpochMillis) -> SilenceState {
        if now < silence.start { return .pending }
        if now < silence.end { return .active }
        return .expired
    }

    /// Overflow-safe: a silence may end "never" (`EpochMillis.max`).
    private func isKept(_ silence: Silence, at now: EpochMillis) -> Bool {
        let (forgetAt, overflow) = silence.end.addingReportingOverflow(expiredRetentionMillis)
        return overflow || now < forgetAt
    }

    private mutating func nextID() -> String {
        repeat { lastNumber += 1 } while stored["silence-\(lastNumber)"] != nil
        return "silence-\(lastNumber)"
    }
}

/// Where a silence stands (Alertmanager's three states).
///
/// ```swift
/// if silences.state(of: id, at: now) == .pending { hint = "starts later" }
/// ```
public enum SilenceState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, active, expired
}

/// A silence with its state at the time of listing, for the silences view.
///
/// ```swift
/// for entry in silences.list(at: now) where entry.state != .expired {
///     print(entry.silence.id, entry.silence.author, entry.silence.comment)
/// }
/// ```
public struct ListedSilence: Sendable, Hashable, Codable {
    public var silence: Silence
    public var state: SilenceState

    static func listedBefore(_ a: ListedSilence, _ b: ListedSilence) -> Bool {
        func key(_ entry: ListedSilence) -> (Int, EpochMillis) {
            switch entry.state {
            case .active: (0, entry.silence.end)
            case .pending: (1, entry.silence.start)
            case .expired: (2, -entry.silence.end)
            }
        }
        let (ka, kb) = (key(a), key(b))
        if ka != kb { return ka < kb }
        return a.silence.id < b.silence.id
    }
}
