import FlowCore

/// Durations as Prometheus writes them (`for:`, `keep_firing_for:`, a silence's
/// `duration:`): whole numbers with units from the largest to the smallest, each unit at
/// most once, or a plain `0`.
///
/// ```swift
/// try PrometheusDuration.millis("1h30m")   // 5_400_000
/// try PrometheusDuration.millis("0s")      // 0
/// try PrometheusDuration.millis("90 min")  // throws: spaces are not allowed ...
/// ```
///
/// Units: `ms`, `s`, `m`, `h`, `d` (24h), `w` (7d), `y` (365d), as in Prometheus.
public enum PrometheusDuration {
    /// Largest first: the order a duration must write them in.
    static let units: [(name: String, millis: EpochMillis)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1_000), ("ms", 1),
    ]

    static let example = "30s, 5m or 1h30m"

    /// Milliseconds in `text`; negative, fractional, unit-less (other than `0`) and
    /// unknown-unit durations are refused with a message naming the problem.
    public static func millis(_ text: String) throws(AlertSyntaxError) -> EpochMillis {
        guard !text.isEmpty else { throw AlertSyntaxError("expected a duration such as \(example), found nothing") }
        if text == "0" { return 0 }
        if text.hasPrefix("-") {
            throw AlertSyntaxError("a duration cannot be negative: expected e.g. 0s or 5m, found `\(text)`")
        }
        if text.contains(where: \.isWhitespace) {
            throw AlertSyntaxError("spaces are not allowed in a duration: expected e.g. \(example), found `\(text)`")
        }
        var rest = Substring(text)
        var total: EpochMillis = 0
        var lastUnit = -1
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(digits.count)
            let unitName = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unitName.count)
            guard !digits.isEmpty else {
                throw AlertSyntaxError("expected a duration such as \(example) (whole numbers, each with a unit), "
                                       + "found `\(text)`")
            }
            guard !unitName.isEmpty else {
                if rest.first == "." {
                    throw AlertSyntaxError("expected whole numbers in a duration, e.g. 1h30m rather than 1.5h, "
                                           + "found `\(text)`")
                }
                throw AlertSyntaxError("`\(digits)` has no unit: expected e.g. \(digits)s or \(digits)m, found `\(text)`")
            }
            guard let unit = units.firstIndex(where: { $0.name == unitName }) else {
                throw AlertSyntaxError("unknown unit `\(unitName)` in `\(text)`: expected ms, s, m, h, d, w or y")
            }
            guard unit > lastUnit else {
                throw AlertSyntaxError("expected units from the largest to the smallest, each once (e.g. 1h30m), "
                                       + "found `\(text)`")
            }
            lastUnit = unit
            guard let count = EpochMillis(digits),
                  case let (millis, overflow) = count.multipliedReportingOverflow(by: units[unit].millis), !overflow,
                  case let (sum, overflow2) = total.addingReportingOverflow(millis), !overflow2 else {
                throw AlertSyntaxError("duration `\(text)` is too long")
            }
            total = sum
        }
        return total
    }

    /// The shortest Prometheus spelling of `millis` (`5400000` -> `1h30m`), for messages
    /// and for showing a rule's `for` the way it was written.
    public static func text(_ millis: EpochMillis) -> String {
        guard millis > 0 else { return "0s" }
        var rest = millis
        var out = ""
        for unit in units where rest >= unit.millis {
            out += "\(rest / unit.millis)\(unit.name)"
            rest %= unit.millis
        }
        return out
    }
}
