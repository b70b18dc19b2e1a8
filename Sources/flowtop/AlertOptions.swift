import ArgumentParser
import FlowApp
import FlowConfig
import FlowCore

/// Alert rules and silences from files: shared by every command that runs the engine
/// (`watch`, `report`, `snapshot`). Formats: docs/alert-files.md.
struct AlertOptions: ParsableArguments {
    @Option(name: .customLong("rules"),
            help: ArgumentHelp("YAML file of threshold alert rules over the engine's metrics (docs/alert-files.md).",
                               valueName: "file"))
    var rulesFile: String?

    @Option(name: .customLong("silences"),
            help: ArgumentHelp("YAML file of silences to start with (docs/alert-files.md).", valueName: "file"))
    var silencesFile: String?

    /// `configuration` with the rules of `--rules`, or exit 1 with the file's error (a
    /// start-up error, as a bad `--slo` or `--silences` file is).
    func applied(to configuration: EngineConfiguration) throws -> EngineConfiguration {
        var configuration = configuration
        do {
            configuration.alertRules = try loadAlertRules(file: rulesFile)
        } catch {
            printError("flowtop: \(error.description)")
            throw ExitCode.startupFailure
        }
        return configuration
    }
}
