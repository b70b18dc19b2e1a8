import ArgumentParser
import FlowApp
import FlowReports
import FlowCore

extension Report {
    /// `flowtop report funnel`: the lead funnel of a period, stage by stage.
    struct Funnel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel",
            abstract: "The lead funnel: per stage the count, conversion, drop-off, stalled leads and time to the next stage.",
            discussion: """
                `report funnel` analyses the leads created in the last --period-days (default 30): per \
                stage the count, step and overall conversion, the drop-off to the next stage split into \
                lost here, stalled (open, no stage change for more than --stalled-days) and in progress, \
                stalled leads by source, and the median and p90 time to the next stage and to won; with \
                --breakdown a row per source or tenant. JSON has durations in ms. Definitions: \
                docs/funnel.md.
                """)

        @OptionGroup var options: ReportOptions

        @Option(help: ArgumentHelp("The leads created in the last N days, 1 to 3650 (default: 30).", valueName: "days"),
                transform: ReportValues.wholeDays("--period-days", from: 1))
        var periodDays: Int?

        @Option(help: ArgumentHelp(
            "Count a stage only when reached within this many days of the lead's creation, "
                + "0 to 3650 (default: no limit).",
            valueName: "days"),
                transform: ReportValues.wholeDays("--window-days", from: 0))
        var windowDays: Int?

        @Option(help: ArgumentHelp("A row per source or tenant as well (default: none).", valueName: "none|source|tenant"))
        var breakdown: FunnelBreakdown?

        @Option(help: ArgumentHelp(
            "An open lead is stalled after this many days without a stage change, 0 to 3650 (default: 14).",
            valueName: "days"),
                transform: ReportValues.wholeDays("--stalled-days", from: 0))
        var stalledDays: Int?

        func validate() throws {
            try options.replay.requireInput()
            try options.replay.leadOptions.check(covers: periodDays ?? 30)
        }

        func run() throws {
            try options.printReport(.funnel) {
                SnapshotQuery(tenant: options.replay.tenant,
                              funnel: try FunnelReportQuery.make(periodDays: periodDays, windowDays: windowDays,
                                                                 breakdown: breakdown, stalledDays: stalledDays))
            }
        }
    }
}
