import ArgumentParser
import FlowApp
import FlowReplay

/// `flowtop import FILE|-`: a history file into the data directory, so the dashboard,
/// `serve` and the API start with last month's data (docs/storage.md).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a history file of NDJSON events (with timestamps) into the data directory.",
        discussion: """
            The events are replayed as `report` replays them and kept in the data directory by one \
            checkpoint written at the end: killed before then, the directory is as it was. Give the same \
            --slo, --no-builtin-slos, --max-series, lead and --rules options as the flowtop that will use the \
            directory (--silences adds its silences as a start does). Event times are judged against the real time, as the live engine judges them: events \
            older than the engine keeps (30 days for SLO events, the lead retention for lead events) or more \
            than 5 minutes ahead are counted as rejected, as are lines that do not parse. A running flowtop \
            on the directory makes the import refuse: stop it first.

            Exit status: 0 when the import is kept (rejected lines are counted, not fatal); 1 when it could \
            not be made (an unreadable file, a data directory locked, foreign, newer or not writable, a bad \
            option file): then nothing was imported.
            """)

    @Argument(help: ArgumentHelp("NDJSON events to import, or - for standard input.", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp(
        "The data directory to import into (default: $XDG_STATE_HOME/flowtop, else ~/.local/state/flowtop).",
        valueName: "dir"))
    var dataDir: String?

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    func run() throws {
        let configuration = try alertOptions.applied(to: leadOptions.applied(to: try sloOptions.configuration()))
        do {
            let summary = try importHistory(input: input, dataDir: dataDir, configuration: configuration,
                                            silencesFile: alertOptions.silencesFile, now: WallClock().now())
            print(summary.text, terminator: "")
        } catch {
            printError("flowtop import: \(error.description)")
            throw ExitCode.startupFailure
        }
    }
}
