import ArgumentParser
import FlowApp
import FlowCore

/// Only the simulated workload, written into a running flowtop's socket: a load generator.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the simulated SalesFlow workload into a running flowtop's socket (a load generator).")

    @OptionGroup var socketOptions: SocketOptions

    @Option(help: ArgumentHelp("Events per second.", valueName: "n"))
    var rate: Int = 300

    @Option(help: ArgumentHelp("Stop after this many seconds (default: run until interrupted).", valueName: "s"))
    var duration: Double?

    @Option(help: "Random seed, for a repeatable workload.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Minutes of history to send first (events with past timestamps).", valueName: "m"))
    var backfillMinutes: Int = 0

    mutating func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be a positive number of events per second") }
        if let d = duration, !(d > 0) { throw ValidationError("--duration must be a positive number of seconds") }
        guard backfillMinutes >= 0, backfillMinutes <= 3 * 24 * 60 else {
            throw ValidationError("--backfill-minutes must be between 0 and 4320 (3 days)")
        }
    }

    func run() async throws {
        do {
            let stats = try await runDemoGenerator(
                socketPath: socketOptions.resolvedPath, rate: rate, seed: seed,
                duration: duration, backfillMinutes: backfillMinutes)
            print("sent \(stats.sent) events (\(stats.accepted) accepted, \(stats.rejected) rejected) in \(String(format: "%.1f", stats.seconds)) s: \(Int(Double(stats.sent) / max(stats.seconds, 0.001))) events/s")
        } catch let error as UserFacingError {
            throw ValidationError(error.description)
        }
    }
}
