import ArgumentParser
import FlowApp

/// What a running engine takes besides its SLO, lead and alert files, the same for the
/// dashboard (`watch`) and the headless `serve`: the socket's mode, the notifiers, and
/// the built-in workload.
struct RunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("File mode of the socket, in octal (0660 lets a group write events).", valueName: "mode"))
    var socketMode: String = "0600"

    @Option(help: ArgumentHelp("YAML file of notifiers (Slack, PagerDuty, e-mail, Alertmanager) to send alerts to (docs/notifiers.md).",
                               valueName: "file"))
    var notify: String?

    @Flag(help: "Also run the built-in simulated SalesFlow workload into the socket.")
    var demo = false

    @Option(help: ArgumentHelp("Event socket clients connected at once; past it new ones are closed (docs/reliability.md).",
                               valueName: "n"))
    var maxConnections: Int = ApplicationOptions.defaultMaxConnections

    @Option(help: ArgumentHelp("Events per second of the --demo workload.", valueName: "n"))
    var demoRate: Int = 300

    mutating func validate() throws {
        guard demoRate > 0 else { throw ValidationError("--demo-rate must be a positive number of events per second") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be a positive number") }
    }

    /// The workload's rate when `--demo` is on, else nil.
    var demoRateIfOn: Int? { demo ? demoRate : nil }
}
