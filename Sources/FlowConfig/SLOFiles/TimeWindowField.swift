import FlowCore
import FlowFormats

/// Reads an SLO's `spec.timeWindow` into an `SLOWindow`: rolling whole days or weeks, or
/// the calendar month in UTC. Absent, it is 30 days rolling, like the built-ins.
///
/// ```yaml
/// timeWindow:
///   - duration: 28d          # or 4w; 1d to 400d
///     isRolling: true
/// ---
/// timeWindow:
///   - duration: 1M
///     isRolling: false
///     calendar: {startTime: "2026-01-01 00:00:00", timeZone: UTC}
/// ```
enum TimeWindowField {
    static func window(in spec: FieldMapping) throws(SLOFileError) -> SLOWindow {
        guard let list = spec.optional("timeWindow") else { return .thirtyDays }
        let entries = try list.list()
        guard entries.count == 1 else {
            throw list.error("expected exactly one time window, found \(entries.count)")
        }
        let entry = try entries[0].mapping()
        try entry.rejectMisspelledKeys(known: ["duration", "isRolling", "calendar"])
        let durationField = try entry.required("duration", expecting: "a duration such as 30d, 4w or 1M")
        let duration = try durationField.string()
        let calendar = entry.optional("calendar")
        let isRolling = try entry.optional("isRolling")?.bool() ?? (calendar == nil)
        if isRolling {
            if let calendar {
                throw calendar.error("a rolling window has no calendar; remove it, or set isRolling: false "
                                     + "for a calendar month")
            }
            return .rolling(days: try rollingDays(duration, field: durationField))
        }
        guard duration == "1M" else {
            throw durationField.error("only calendar months are supported for isRolling: false: expected 1M, "
                                      + "found `\(duration)` (or use a rolling window such as 30d)")
        }
        if let calendar {
            try checkUTC(try calendar.mapping())
        }
        return .calendarMonth
    }

    /// `30d` -> 30, `4w` -> 28, `2w2d` -> 16; read by FlowFormats' one duration parser, then
    /// refused unless it is whole days, because SLO windows are kept as hour buckets over
    /// whole days.
    private static func rollingDays(_ duration: String, field: FieldNode) throws(SLOFileError) -> Int {
        if let unit = duration.last, "MQY".contains(unit), duration.dropLast().allSatisfy(\.isNumber) {
            throw field.error("a rolling window is counted in days: expected e.g. 30d or 90d, found `\(duration)`; "
                              + "for the calendar month write duration: 1M with isRolling: false")
        }
        let millis: Int64
        do {
            millis = try PrometheusDuration.millis(duration)
        } catch {
            throw field.error("expected a duration such as 30d or 4w, found `\(duration)`: \(error.message)")
        }
        let day: Int64 = 86_400_000
        guard millis > 0 else {
            throw field.error("a window is at least one day: expected e.g. 1d or 30d, found `\(duration)`")
        }
        guard millis % day == 0 else {
            throw field.error("a rolling SLO window is whole days: expected a duration in d or w "
                              + "(e.g. 1d, 7d, 30d), found `\(duration)`")
        }
        let days = millis / day
        guard days <= Int64(maximumSLOWindowDays) else {
            throw field.error("a rolling window is at most \(maximumSLOWindowDays) days, found `\(duration)` "
                              + "(\(days) days)")
        }
        return Int(days)
    }

    /// Calendar months start at 00:00 UTC on the first, whatever `startTime` says.
    private static func checkUTC(_ calendar: FieldMapping) throws(SLOFileError) {
        try calendar.rejectMisspelledKeys(known: ["startTime", "timeZone"])
        guard let zoneField = calendar.optional("timeZone") else { return }
        let zone = try zoneField.string()
        guard ["UTC", "Etc/UTC"].contains(zone) else {
            throw zoneField.error("only UTC calendar months are supported: expected UTC, found `\(zone)`")
        }
    }
}
