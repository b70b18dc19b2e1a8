import ArgumentParser

/// flowtop: SLO burn rates, alerts, funnel and attribution for SalesFlow AI, live in the
/// terminal. With no subcommand it runs `watch`.
@main
struct Flowtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowtop",
        abstract: "A live terminal dashboard for SalesFlow AI: SLO burn rates, alerts, funnel, attribution.",
        discussion: """
            Events arrive as newline-delimited JSON on a local Unix socket (see docs/events.md).
            Try `flowtop --demo` for a live simulated workload.
            """,
        subcommands: [Watch.self, Serve.self, Demo.self, Emit.self, Report.self, Snapshot.self, SLOs.self],
        defaultSubcommand: Watch.self)
}
