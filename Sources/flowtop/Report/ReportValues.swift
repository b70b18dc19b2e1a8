import ArgumentParser
import FlowApp
import FlowReports
import FlowCore

/// The report options whose values need more than a type to check (a range, a series
/// label, day counts within limits), parsed as argument-parser reads the command line
/// (`@Option(transform:)`). A bad value is then a usage error (exit 64) the library
/// writes, naming the option and the value and showing the subcommand's usage, followed
/// by what would have been valid:
///
/// ```
/// Error: The value '2h' is invalid for '--range <range>': --range must be one of 1h, 6h, 1d, 3d, 30d, not '2h'
/// Usage: flowtop report slo [<options>] --input <file>
/// ```
///
/// A plain `ExpressibleByArgument` could only say that the value is invalid, not what the
/// range is; enums whose cases are their spellings (`--format`, `--model`, `--breakdown`)
/// are plain `ExpressibleByArgument`, and the library lists their values.
enum ReportValues {
    /// `--series`: total, tenant:NAME or model:NAME, as `SLOReportTarget` spells them.
    static func series(_ argument: String) throws -> SLOSeriesID {
        try SLOReportTarget(name: "", series: argument).series ?? .total
    }

    /// `--range`: one of `SLOHistoryRange`'s labels, as `SLOReportTarget` checks them.
    static func range(_ argument: String) throws -> SLOHistoryRange {
        try SLOReportTarget(name: "", range: argument).range
    }

    /// A day count (`--period-days` of funnel and attribution, `--window-days`, `--stalled-days`): a whole
    /// number from `lowest` to `FunnelReportQuery.maxDays`.
    static func wholeDays(_ option: String, from lowest: Int) -> @Sendable (String) throws -> Int {
        { argument in
            guard let days = Int(argument), (lowest...FunnelReportQuery.maxDays).contains(days) else {
                let shown = Int(argument).map(String.init) ?? argument
                throw ValidationError(
                    "\(option) must be a whole number of days from \(lowest) to \(FunnelReportQuery.maxDays), not \(shown)")
            }
            return days
        }
    }

    /// An attribution span in days (`--lookback-days`, `--half-life-days`): more than 0,
    /// at most 3650, fractions allowed.
    static func attributionDays(_ option: String) -> @Sendable (String) throws -> Double {
        { argument in
            guard let days = Double(argument), days > 0 && days <= 3650 else {
                let shown = Double(argument).map(String.init(describing:)) ?? argument
                throw ValidationError("\(option) must be more than 0 and at most 3650, not \(shown)")
            }
            return days
        }
    }
}
