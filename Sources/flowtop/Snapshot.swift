import ArgumentParser
import FlowApp
import FlowCore

/// The dashboard drawn once as plain text from a replay: for scripts, docs and tests.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay an NDJSON file and print the dashboard once as plain text (no terminal needed).")

    @OptionGroup var replay: ReplayOptions

    @Option(help: "Width in columns.")
    var width: Int = 120

    @Option(help: "Height in rows.")
    var height: Int = 40

    @Option(help: ArgumentHelp("Attribution model shown.", valueName: "model"))
    var model: FlowCore.AttributionModel = .linear

    mutating func validate() throws {
        try replay.requireInput()
        guard (1...1000).contains(width), (1...1000).contains(height) else {
            throw ValidationError("--width and --height must be between 1 and 1000")
        }
    }

    func run() throws {
        let snapshot = try replay.snapshot(model: model)
        print(dashboardText(snapshot, socketPath: "(replay of \(replay.input ?? "-"))", width: width, height: height))
    }
}
