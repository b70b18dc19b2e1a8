import ArgumentParser
import FlowApp
import FlowConfig
import FlowCore
import FlowReports

/// Which SLOs to track: shared by every command that runs the engine.
struct SLOOptions: ParsableArguments {
    @Option(name: .customLong("slo"),
            help: ArgumentHelp("OpenSLO v1 YAML file of SLOs; repeatable. Its SLOs replace built-ins of the same name and add the rest (docs/slo-files.md).",
                               valueName: "file"))
    var files: [String] = []

    @Flag(help: "Track only the SLOs of the --slo files, not the three built-in ones.")
    var noBuiltinSlos = false

    @Option(help: ArgumentHelp("Most tenant series, and most model series, kept per SLO; events for further labels count in a series named 'other' (each series takes about 14 KiB).",
                               valueName: "n"))
    var maxSeries: Int = EngineConfiguration().maxSeriesPerSLO

    func validate() throws {
        guard (1...1_000_000).contains(maxSeries) else {
            throw ValidationError("--max-series must be between 1 and 1000000, not \(maxSeries)")
        }
    }

    /// The engine's configuration: these SLOs and this series cap. A bad file stops
    /// start-up as every other bad file does: `flowtop: file:line:col: ...`, exit 1.
    func configuration() throws -> EngineConfiguration {
        EngineConfiguration(slos: try definitions(failingWith: .startupFailure), maxSeriesPerSLO: maxSeries)
    }

    /// The SLO definitions, or `status` with the file's error on standard error.
    func definitions(failingWith status: ExitCode) throws -> [SLODefinition] {
        do {
            return try loadSLODefinitions(files: files, includeBuiltIn: !noBuiltinSlos)
        } catch {
            printError("flowtop: \(error.description)")
            throw status
        }
    }
}

/// `flowtop slos`: checks SLO files and prints what the engine would track; a mistake
/// exits 2, as a checker's finding, not 1, as a command that could not start.
struct SLOs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slos",
        abstract: "Check SLO files and list the SLOs, objectives and alert tiers flowtop would track.")

    @OptionGroup var sloOptions: SLOOptions

    func run() throws {
        print(describeSLOs(try sloOptions.definitions(failingWith: .checkFailed)), terminator: "")
    }
}
