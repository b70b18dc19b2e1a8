import FlowCore
import TerminalUI

/// How funnel numbers read, shared by the funnel pane and the stage view so both agree.
enum FunnelText {
    /// A source or tenant; the remainder past the row cap says how many it holds: "other (3)".
    static func label(_ label: FunnelLabel) -> String {
        switch label {
        case .named(let name): name
        case .other(let labels): "other (\(labels))"
        }
    }

    /// A conversion or rate with one decimal; "–" when there is nothing to divide by.
    static func percent(_ ratio: Double?) -> String {
        ratio.map { NumberFormat.percent($0) } ?? "–"
    }

    /// A duration in milliseconds as its two largest units: "3h 0m", "1d 22h", "0s".
    static func duration(millis: Int64) -> String {
        DurationFormat.duration(seconds: Double(millis) / 1000)
    }

    /// The UTC date of an instant: "2026-10-19".
    static func date(epochMillis t: EpochMillis) -> String {
        let day: Int64 = 86_400_000
        let days = t >= 0 ? t / day : (t - day + 1) / day
        let date = CalendarMonth.civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.year)-\(two(date.month))-\(two(date.day))"
    }
}
