import ArgumentParser
import FlowApp

/// The engine without the terminal: the event socket, the HTTP API, the notifiers. For a
/// headless flowtop under systemd or in a container, scraped by Prometheus and read by
/// dashboards and scripts written for the original framework.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine without the dashboard: event socket, HTTP API (docs/http-api.md), notifiers.",
        discussion: """
            Logs to standard error: a line when the socket listens and one when the HTTP API does, with their \
            addresses. SIGTERM or SIGINT shut it down gracefully (requests in flight finish, notifiers flush, \
            the socket file is removed). Try `flowtop serve --demo`, then \
            `curl http://127.0.0.1:8000/api/analytics/slo/status`. With --remote-write, every series of /metrics \
            is also sent to Prometheus, Mimir or VictoriaMetrics through a queue in the data directory \
            (docs/fleet.md).

            Exit status: 0 after a graceful shutdown, 1 when it cannot start (a port or socket in use, a bad \
            file), 64 on a usage error.
            """)

    @OptionGroup var socketOptions: SocketOptions

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    @OptionGroup var httpArguments: HTTPArguments

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Remote write") var remoteWriteArguments: RemoteWriteArguments

    func run() async throws {
        var options = ApplicationOptions(
            engine: try alertOptions.applied(to: leadOptions.applied(to: try sloOptions.configuration())),
            socketPath: socketOptions.resolvedPath,
            socketMode: runOptions.socketMode,
            http: httpArguments.serveOptions,
            demo: runOptions.demoIfOn,
            silencesFile: alertOptions.silencesFile,
            notifyFile: runOptions.notify)
        options.maxConnections = runOptions.maxConnections
        options.storage = runOptions.storage
        options.remoteWrite = remoteWriteArguments.options
        do {
            try await runApplication(options)
        } catch {
            printError("flowtop serve: \(error)")
            throw ExitCode(1)
        }
    }
}
