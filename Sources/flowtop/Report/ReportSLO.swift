import ArgumentParser
import FlowApp
import FlowReports
import FlowCore

extension Report {
    /// `flowtop report slo`: every SLO at a glance, or one in depth with `--name`.
    struct SLO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "slo",
            abstract: "Every SLO: SLI, budget, burn rates, alert tiers, percentiles; or one SLO in depth.",
            discussion: """
                `report slo` summarises every SLO: SLI, budget, burn per window and over the whole \
                window, alert tiers with their state, latency percentiles.

                `report slo --name NAME` shows one SLO in depth: burn per window beside each tier's \
                threshold, tiers, percentiles, the history of --range, the budget burn-down, every \
                tenant and model (worst burn first) and its alerts. Markdown and text merge the \
                history into at most 31 clock-aligned rows, leave out rows without events and show \
                the burn-down as milestones; JSON has every bucket and step.

                `report slo --prometheus URL` reports the fleet instead of a replay: every engine's \
                window counts summed by Prometheus (docs/fleet.md), in the same shape; --now is the \
                query's time. Give the engines' --slo files so objectives and tiers match. With --name, \
                the breakdown lists each engine (instance:HOST:PORT) beside tenants and models, and \
                --series instance:HOST:PORT shows one engine; its history counts events by arrival \
                (the counters' increase per bucket) and there is no burn-down.
                """)

        @OptionGroup var options: ReportOptions

        @OptionGroup var fleet: PrometheusOptions

        @Option(help: ArgumentHelp("Show this one SLO in depth.", valueName: "slo-name"))
        var name: String?

        @Option(help: ArgumentHelp(
            "With --name: the series, total, tenant:NAME or model:NAME (default: the --tenant's series, else total).",
            valueName: "series"),
                transform: ReportValues.series)
        var series: SLOSeriesID?

        @Option(help: ArgumentHelp("With --name: history range, 1h, 6h, 1d, 3d or 30d (default: 6h).", valueName: "range"),
                transform: ReportValues.range)
        var range: SLOHistoryRange?

        func validate() throws {
            if fleet.prometheus != nil {
                if options.replay.input != nil { throw ValidationError("give --input FILE or --prometheus URL, not both") }
            } else if options.replay.input == nil {
                throw ValidationError("give --input FILE (the NDJSON events to replay) or --prometheus URL (the fleet)")
            }
            if name == nil, series != nil || range != nil {
                throw ValidationError("--series and --range need --name NAME (the SLO to show in depth)")
            }
            do {
                _ = try target()?.query(tenant: options.replay.tenant)
            } catch let error as UserFacingError {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            if let source = fleet.source {
                try await options.printFleetReport(source, target: try target())
                return
            }
            let target = try target()
            try options.printReport(.slo, target: target) {
                SnapshotQuery(tenant: options.replay.tenant, detail: try target?.query(tenant: options.replay.tenant))
            }
        }

        /// The SLO `--name` shows in depth, with `--series` and `--range`.
        private func target() throws -> SLOReportTarget? {
            guard let name else { return nil }
            var target = try SLOReportTarget(name: name)
            target.series = series
            if let range { target.range = range }
            return target
        }
    }
}
