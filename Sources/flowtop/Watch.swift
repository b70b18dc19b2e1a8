import ArgumentParser
import FlowApp
import FlowCore

/// The dashboard: listens on the socket and shows the four panes live.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Listen on the event socket and show the live dashboard (the default command).")

    @OptionGroup var socketOptions: SocketOptions

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    @OptionGroup var httpArguments: HTTPArguments

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Theme name (themes/NAME.theme) or path to a .theme file. NO_COLOR set means mono.", valueName: "name|path"))
    var theme: String?

    @Flag(help: "Draw with ASCII only (no braille, block or box-drawing characters).")
    var ascii = false

    @Option(help: ArgumentHelp("How the SLO detail draws charts: braille, or blocks for fonts without braille (--ascii implies ascii).",
                               valueName: "braille|blocks|ascii"))
    var chart: String?

    @Option(help: ArgumentHelp("Show only this pane, at full size, for a tmux split (Tab does nothing; the rest works as in the full dashboard).",
                               valueName: "slo|alerts|funnel|attribution"))
    var pane: String?

    @Flag(help: "Start from the default view, not from the pane, orders, model, tenant and funnel period the last dashboard kept in $XDG_STATE_HOME/flowtop/ui.json (still written on quit).")
    var fresh = false

    mutating func validate() throws {
        try httpArguments.validateForWatch()
        do { try TerminalOptions.checkPane(pane) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        var options = ApplicationOptions(
            engine: try alertOptions.applied(to: leadOptions.applied(to: try sloOptions.configuration())),
            socketPath: socketOptions.resolvedPath,
            socketMode: runOptions.socketMode,
            http: httpArguments.watchOptions,
            demoRate: runOptions.demoRateIfOn,
            silencesFile: alertOptions.silencesFile,
            notifyFile: runOptions.notify,
            terminal: TerminalOptions(theme: theme, asciiOnly: ascii, chart: chart, pane: pane, fresh: fresh))
        options.maxConnections = runOptions.maxConnections
        options.storage = runOptions.storage
        do {
            try await runApplication(options)
        } catch let error as UserFacingError {
            // A file, theme or port that stops start-up: said once, plainly, as `serve`
            // says it (exit 1), not as a usage error with the usage text after it.
            printError("flowtop: \(error.description)")
            throw ExitCode(1)
        }
    }
}
