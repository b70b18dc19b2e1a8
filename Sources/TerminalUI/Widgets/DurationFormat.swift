/// Durations and times of day as a dashboard shows them, from plain integers (no
/// Foundation, no time zones: flowtop shows UTC).
///
/// ```swift
/// DurationFormat.duration(seconds: 2_520_000)   // "29d 4h"
/// DurationFormat.duration(seconds: 190)         // "3m 10s"
/// DurationFormat.ago(180_000)                   // "3m ago"
/// DurationFormat.clockUTC(epochMillis: 1_795_000_502_000)   // "10:15:02"
/// ```
public enum DurationFormat {
    /// The two largest units: "29d 4h", "3h 12m", "3m 10s", "42s"; whole days only
    /// from 100 days on ("365d"). Negative and NaN read as "0s".
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return seconds > 0 ? "∞" : "0s" }
        let total = Int64(max(0, min(seconds, 9e15)).rounded())
        let days = total / 86_400
        let hours = (total % 86_400) / 3_600
        let minutes = (total % 3_600) / 60
        let secs = total % 60
        if days >= 100 { return "\(days)d" }
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs)s" }
        return "\(secs)s"
    }

    /// How long ago something happened, given the elapsed milliseconds: "3m ago",
    /// "1h 5m ago"; "now" under a second (and for a time slightly in the future).
    /// Past a minute the seconds are dropped: "3m ago", not "3m 10s ago".
    public static func ago(_ elapsedMillis: Int64) -> String {
        let secs = elapsedMillis / 1000
        if secs < 1 { return "now" }
        if secs < 60 { return "\(secs)s ago" }
        if secs < 3_600 { return "\(secs / 60)m ago" }
        return duration(seconds: Double(secs)) + " ago"
    }

    /// The UTC time of day of a Unix time in milliseconds, as "HH:MM:SS".
    public static func clockUTC(epochMillis: Int64) -> String {
        let dayMillis: Int64 = 86_400_000
        let ms = ((epochMillis % dayMillis) + dayMillis) % dayMillis
        let s = ms / 1000
        return two(s / 3600) + ":" + two((s % 3600) / 60) + ":" + two(s % 60)
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
