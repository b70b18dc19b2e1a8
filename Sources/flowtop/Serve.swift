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
            `curl http://127.0.0.1:8000/api/analytics/slo/status`.

            Exit status: 0 after a graceful shutdown, 1 when it cannot start (a port or socket in use, a bad \
            file), 64 on a usage error.
            """)

    @OptionGroup var socketOptions: SocketOptions

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    @OptionGroup var httpArguments: HTTPArguments

    @Option(help: ArgumentHelp("File mode of the socket, in octal (0660 lets a group write events).", valueName: "mode"))
    var socketMode: String = "0600"

    @Option(help: ArgumentHelp("YAML file of notifiers (Slack, PagerDuty, e-mail, Alertmanager) to send alerts to (docs/notifiers.md).",
                               valueName: "file"))
    var notify: String?

    @Flag(help: "Also run the built-in simulated SalesFlow workload into the socket.")
    var demo = false

    @Option(help: ArgumentHelp("Events per second of the --demo workload.", valueName: "n"))
    var demoRate: Int = 300

    mutating func validate() throws {
        guard demoRate > 0 else { throw ValidationError("--demo-rate must be a positive number of events per second") }
    }

    func run() async throws {
        let options = ServeOptions(
            engine: try alertOptions.applied(to: leadOptions.applied(to: try sloOptions.configuration())),
            socketPath: socketOptions.resolvedPath,
            socketMode: socketMode,
            http: httpArguments.serveOptions,
            demoRate: demo ? demoRate : nil,
            silencesFile: alertOptions.silencesFile,
            notifyFile: notify)
        do {
            try await runServer(options)
        } catch {
            printError("flowtop serve: \(error)")
            throw ExitCode(1)
        }
    }
}
