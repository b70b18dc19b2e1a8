import FlowCore
import Foundation

/// How reports write times, ratios and amounts: fixed formats, no locale, so output is the
/// same on every machine.
///
/// ```swift
/// ReportFormatting.rfc3339(1_795_996_800_000)   // "2026-11-30T00:00:00Z"
/// ReportFormatting.percent(0.9996)              // "99.960%"
/// ReportFormatting.duration(259_200)            // "3d 0h"
/// ```
public enum ReportFormatting {
    /// Shown for an absent value (no data, empty window).
    public static let none = "-"

    /// UTC, seconds precision, milliseconds only when there are some.
    public static func rfc3339(_ t: EpochMillis) -> String {
        let millis = Int(((t % 1000) + 1000) % 1000)
        let seconds = (t - Int64(millis)) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let date = CalendarMonth.civil(fromDays: Int64(days))
        let (y, m, d) = (Int(date.year), Int(date.month), Int(date.day))
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        s += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if millis != 0 { s += "." + pad(millis, 3) }
        return s + "Z"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return none }
        return String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    public static func percent(_ ratio: Double?, digits: Int = 3) -> String {
        guard let ratio else { return none }
        return fixed(ratio * 100, digits) + "%"
    }

    public static func burn(_ value: Double?) -> String {
        guard let value else { return none }
        return fixed(value, 2)
    }

    public static func amount(_ value: Double) -> String { fixed(value, 2) }

    /// A ratio read as "times": `2.50x` for a return on ad spend of 2.5.
    public static func multiple(_ value: Double?) -> String {
        guard let value, value.isFinite else { return none }
        return fixed(value, 2) + "x"
    }

    public static func count(_ value: Int64) -> String { String(value) }

    /// A rounded human duration: `3d 4h`, `5h 12m`, `45m`, `30s`.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return none }
        let s = Int64(seconds.rounded())
        if s >= 86_400 { return "\(s / 86_400)d \(s % 86_400 / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h \(s % 3600 / 60)m" }
        if s >= 60 { return "\(s / 60)m" }
        return "\(s)s"
    }

    /// `30d` for a window in days.
    public static func window(days: Int) -> String { "\(days)d" }
}
