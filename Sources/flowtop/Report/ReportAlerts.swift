import ArgumentParser
import FlowApp
import FlowReports
import FlowCore

extension Report {
    /// `flowtop report alerts`: every alert's lifecycle at the replay's end (burn-rate tiers
    /// and `--rules`), `--silences` applied. It takes only the options every report takes.
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts",
            abstract: "Every alert (burn-rate tiers and --rules) as it stands at the end: active, muted, recently resolved; silences; the last day's statistics (docs/alerts.md).")

        @OptionGroup var options: ReportOptions

        func validate() throws { try options.replay.requireInput() }

        func run() throws {
            try options.printReport(.alerts) { SnapshotQuery(tenant: options.replay.tenant) }
        }
    }
}
