import ArgumentParser
import FlowApp
import FlowReports
import FlowCore

extension Report {
    /// `flowtop report attribution`: revenue and conversions credited to channels under an
    /// attribution model, with feature impact, AI ROI and the top paths.
    struct Attribution: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attribution",
            abstract: "Revenue credited to channels under an attribution model, feature impact, AI ROI and top paths.",
            discussion: """
                `report attribution` credits the revenue and conversions of the journeys that converted or \
                were last touched in the last --period-days (default 30) under --model: per channel the \
                revenue, its share, conversions, cost (touch cost plus its share of AI request spend), ROI, \
                ROAS and touches per conversion; the same channels under all eight models side by side; \
                feature impact (conversion rate and revenue per lead of leads each feature_used touched vs \
                not, lift, attributed revenue); AI ROI (AI spend against the revenue credited to AI-assisted \
                touches, cost per won deal) per model and per tenant, opening Markdown and text as a \
                one-line headline; and the top converting paths. JSON keys: docs/attribution.md.
                """)

        @OptionGroup var options: ReportOptions

        @Option(help: ArgumentHelp(
            "Attribution model: first_touch, last_touch, linear, position_based, w_shaped, time_decay, markov or shapley (docs/attribution.md).",
            valueName: "model"))
        var model: AttributionModel = .linear

        @Option(help: ArgumentHelp("Only touches at most this many days before the conversion earn credit (default: 90).",
                                   valueName: "days"),
                transform: ReportValues.attributionDays("--lookback-days"))
        var lookbackDays: Double?

        @Option(help: ArgumentHelp("Time decay's half-life in days (default: 7).", valueName: "days"),
                transform: ReportValues.attributionDays("--half-life-days"))
        var halfLifeDays: Double?

        @Option(help: ArgumentHelp(
            "The journeys that converted or were last touched in the last N days. 1 to 3650 (default: 30).",
            valueName: "days"),
                transform: ReportValues.wholeDays("--period-days", from: 1))
        var periodDays: Int?

        func validate() throws {
            try options.replay.requireInput()
            try options.replay.leadOptions.check(covers: periodDays ?? 30)
        }

        func run() throws {
            var parameters = AttributionParameters()
            if let lookbackDays { parameters.lookbackDays = lookbackDays }
            if let halfLifeDays { parameters.halfLifeDays = halfLifeDays }
            try options.printReport(.attribution) {
                SnapshotQuery(tenant: options.replay.tenant, model: model,
                              attributionPeriodDays: periodDays ?? 30, attribution: parameters)
            }
        }
    }
}
