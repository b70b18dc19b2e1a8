import ArgumentParser
import FlowApp
import FlowFormats

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

    @Option(help: ArgumentHelp(
        "Run --demo as a load generator at this many events per second (an hour of history first) "
            + "instead of one deployment at its own pace (30 days of history first).", valueName: "n"))
    var demoRate: Int?

    @Option(help: ArgumentHelp(
        "Where the engine keeps its state across restarts (docs/storage.md). "
            + "Default: $XDG_STATE_HOME/flowtop, else ~/.local/state/flowtop; with --demo, none (ephemeral).",
        valueName: "dir"))
    var dataDir: String?

    @Flag(help: "Keep nothing on disk: the engine's state is gone when flowtop stops (the default with --demo).")
    var ephemeral = false

    @Option(help: ArgumentHelp(
        "Longest time between group commits: events not yet synced that a crash may lose (default 1s; 10ms to 1m).",
        valueName: "duration"),
            transform: RunOptions.fsyncInterval)
    var fsyncInterval: Int64 = 1_000

    static func fsyncInterval(_ text: String) throws -> Int64 {
        let millis: Int64
        do { millis = try PrometheusDuration.millis(text) } catch { throw ValidationError("--fsync-interval: \(error.message)") }
        guard (10...60_000).contains(millis) else {
            throw ValidationError("--fsync-interval must be from 10ms to 1m, not \(text)")
        }
        return millis
    }

    /// Where the state goes: nowhere with `--ephemeral`, or with `--demo` and no
    /// `--data-dir` (a demo never writes into the real data directory).
    var storage: StorageOptions {
        if ephemeral || (demo && dataDir == nil) { return .ephemeral }
        return .dataDirectory(dataDir, fsyncIntervalMillis: fsyncInterval)
    }

    mutating func validate() throws {
        if ephemeral && dataDir != nil {
            throw ValidationError("--ephemeral keeps nothing on disk, so it takes no --data-dir: give one or the other")
        }
        if let demoRate, demoRate <= 0 {
            throw ValidationError("--demo-rate must be a positive number of events per second")
        }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be a positive number") }
    }

    /// The workload when `--demo` is on, else nil.
    var demoIfOn: DemoMode? {
        guard demo else { return nil }
        return demoRate.map { .loadGenerator(eventsPerSecond: $0) } ?? .business
    }
}
