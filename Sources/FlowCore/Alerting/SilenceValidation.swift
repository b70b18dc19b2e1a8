/// Why a silence was refused, worded for the person who wrote it. The checks are
/// Alertmanager's (`silence.validateSilence` and the v2 API's): matchers present, label
/// names valid, regexes that compile, not every matcher matching the empty string, and
/// an end after the start that is not already past.
///
/// ```swift
/// do { try silences.add(silence, at: now) }
/// catch let error as SilenceError { status = error.description }
/// ```
public enum SilenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case noMatchers
    case invalidLabelName(index: Int, name: String)
    case invalidRegex(index: Int, pattern: String, reason: String)
    case matchesEveryAlert
    case endNotAfterStart(start: EpochMillis, end: EpochMillis)
    case endInThePast(end: EpochMillis, now: EpochMillis)

    public var description: String {
        switch self {
        case .noMatchers:
            "a silence needs at least one label matcher, e.g. alertname=\"AICostHigh\""
        case let .invalidLabelName(index, name):
            "matcher \(index + 1): \"\(name)\" is not a label name (letters, digits and _, not starting with a digit)"
        case let .invalidRegex(index, pattern, reason):
            "matcher \(index + 1): the regular expression \"\(pattern)\" does not compile: \(reason)"
        case .matchesEveryAlert:
            "every matcher matches the empty string, so this silence would mute every alert; "
                + "add one that needs a value, e.g. alertname=\"AICostHigh\" or slo=~\".+\""
        case let .endNotAfterStart(start, end):
            "the silence ends (\(end)) before or when it starts (\(start)); give it an end after its start"
        case let .endInThePast(end, now):
            "the silence ended already (\(end), now \(now)); give it an end in the future"
        }
    }

    /// Checks `silence` in Alertmanager's order and returns its compiled matchers.
    static func validate(_ silence: Silence, at now: EpochMillis) throws(SilenceError) -> [CompiledMatcher] {
        if silence.matchers.isEmpty { throw .noMatchers }
        var compiled: [CompiledMatcher] = []
        for (index, matcher) in silence.matchers.enumerated() {
            guard isLabelName(matcher.name) else { throw .invalidLabelName(index: index, name: matcher.name) }
            do {
                compiled.append(try CompiledMatcher(matcher))
            } catch {
                throw .invalidRegex(index: index, pattern: matcher.value, reason: String(describing: error))
            }
        }
        if compiled.allSatisfy(\.matchesEmpty) { throw .matchesEveryAlert }
        if silence.end <= silence.start { throw .endNotAfterStart(start: silence.start, end: silence.end) }
        if silence.end < now { throw .endInThePast(end: silence.end, now: now) }
        return compiled
    }

    /// Prometheus' classic label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }
}
