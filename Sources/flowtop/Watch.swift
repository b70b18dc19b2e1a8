import ArgumentParser
import FlowApp
import FlowCore
#if canImport(Glibc)
import Glibc
#endif

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

    @Option(help: ArgumentHelp("Theme name (default, light, mono, built in; or NAME.theme in a theme directory, docs/themes.md) or path to a .theme file. NO_COLOR set means mono.", valueName: "name|path"))
    var theme: String?

    @Flag(help: "Draw with ASCII only (no braille, block or box-drawing characters).")
    var ascii = false

    @Option(help: ArgumentHelp("How the SLO detail draws charts: braille, or blocks for fonts without braille (--ascii implies ascii).",
                               valueName: "braille|blocks|ascii"))
    var chart: String?

    @Option(help: ArgumentHelp("Show only this pane, at full size, for a tmux split (Tab does nothing; the rest works as in the full dashboard).",
                               valueName: "slo|alerts|funnel|attribution"))
    var pane: String?

    @Flag(name: .customLong("no-mouse"),
          help: "Leave the mouse to the terminal's selection and tmux copy mode; by default the wheel scrolls the list under the pointer and a click selects a row.")
    var noMouse = false

    @Option(help: ArgumentHelp("Labels that make one row of the alerts pane, as a notifier's group_by: slo,severity by default; ... for one row per alert.",
                               valueName: "labels"))
    var alertGroupBy: String?

    @Flag(help: "Start from the default view, not from the pane, orders, model, tenant and funnel period the last dashboard kept in $XDG_STATE_HOME/flowtop/ui.json (still written on quit).")
    var fresh = false


    @Flag(help: "Run an engine of this dashboard's own even when one listens on the socket: on --socket, else on a socket of its own (flowtop-PID.sock beside the default), keeping nothing unless --data-dir.")
    var standalone = false

    @Option(help: ArgumentHelp("Watch the flowtop serve behind this HTTP API (http(s)://HOST:PORT, e.g. an SSH port-forward) instead of a local engine; with --prometheus, repeat it for each engine whose funnel and attribution the fleet adds up.",
                               valueName: "url"))
    var connect: [String] = []

    @Option(help: ArgumentHelp("With --connect: the file holding the bearer token of the engine's --http-token-file; with --prometheus, the query API's.",
                               valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Show the fleet: every engine's SLO counts summed by this Prometheus, Mimir or VictoriaMetrics query API (docs/fleet.md); give the engines' --slo files.",
                               valueName: "url"))
    var prometheus: String?

    @Option(help: ArgumentHelp("With --prometheus: the tenant of a Mimir or Cortex (X-Scope-OrgID).", valueName: "id"))
    var orgId: String?

    mutating func validate() throws {
        try httpArguments.validateForWatch()
        do { try TerminalOptions.checkPane(pane) } catch { throw ValidationError(error.description) }
        if tokenFile != nil && connect.isEmpty && prometheus == nil {
            throw ValidationError("--token-file goes with --connect URL or --prometheus URL")
        }
        if orgId != nil && prometheus == nil { throw ValidationError("--org-id goes with --prometheus URL") }
        if prometheus != nil && (standalone || runOptions.demo) {
            throw ValidationError("--prometheus shows the fleet; it takes no --standalone or --demo")
        }
        if prometheus == nil && connect.count > 1 {
            throw ValidationError("--connect takes one engine; several go with --prometheus URL (the fleet's funnel and attribution)")
        }
        do { _ = try TerminalOptions.alertGrouping(alertGroupBy) } catch { throw ValidationError(error.description) }
        if !connect.isEmpty && (standalone || runOptions.demo) {
            throw ValidationError("--connect watches a remote engine; it takes no --standalone or --demo")
        }
    }

    /// The engine options given on the command line, which an attached dashboard cannot
    /// apply (they belong to the engine it would start).
    private var engineOptionsGiven: [String] {
        var given: [String] = []
        if runOptions.notify != nil { given.append("--notify") }
        if httpArguments.watchOptions != nil { given.append("--http") }
        if runOptions.dataDir != nil { given.append("--data-dir") }
        if runOptions.ephemeral { given.append("--ephemeral") }
        if alertOptions.silencesFile != nil { given.append("--silences") }
        if alertOptions.rulesFile != nil { given.append("--rules") }
        if !sloOptions.files.isEmpty { given.append("--slo") }
        if sloOptions.noBuiltinSlos { given.append("--no-builtin-slos") }
        return given
    }

    /// Exit 130 after Ctrl-C (`ExitCode.interrupted`), 0 after `q`.
    func run() async throws {
        do {
            try await runDashboard()
        } catch is DashboardInterrupted {
            throw ExitCode.interrupted
        }
    }

    private func runDashboard() async throws {
        var terminal = TerminalOptions(theme: theme, asciiOnly: ascii, chart: chart, pane: pane, fresh: fresh,
                                       mouse: !noMouse)
        terminal.alertGroupBy = alertGroupBy
        do {
            if let prometheus {
                let given = engineOptionsGiven.filter { $0 != "--slo" && $0 != "--no-builtin-slos" }
                guard given.isEmpty else {
                    throw UserFacingError("--prometheus shows the fleet from Prometheus; \(given.joined(separator: ", ")) "
                                          + (given.count == 1 ? "belongs to an engine: drop it" : "belong to an engine: drop them"))
                }
                let definitions = try sloOptions.definitions(failingWith: ExitCode(1))
                try await runFleetDashboard(FleetSource(url: prometheus, tokenFile: tokenFile, orgID: orgId),
                                            definitions: definitions, engines: connect, terminal: terminal)
                return
            }
            if let connect = connect.first {
                try await runAttachedDashboard(socketPath: socketOptions.resolvedPath,
                                               remote: RemoteEngine(url: connect, tokenFile: tokenFile), terminal: terminal)
                return
            }
            if !standalone && !runOptions.demo && engineListens(at: socketOptions.resolvedPath) {
                let given = engineOptionsGiven
                guard given.isEmpty else {
                    throw UserFacingError("an engine already listens on \(socketOptions.resolvedPath), and this dashboard "
                                          + "attaches to it; \(given.joined(separator: ", ")) belong to an engine of its own: "
                                          + "give --standalone for one, or drop them")
                }
                try await runAttachedDashboard(socketPath: socketOptions.resolvedPath, terminal: terminal)
                return
            }
        } catch let error as UserFacingError {
            printError("flowtop: \(error.description)")
            throw ExitCode(1)
        }
        try await runEmbedded(terminal: terminal)
    }

    /// The socket an embedded engine listens on: `--socket`; else the default, unless an
    /// engine holds it and this one is `--standalone` or `--demo` (a demo never feeds a
    /// real engine): then `flowtop-PID.sock` beside it.
    private var embeddedSocketPath: String {
        if let explicit = socketOptions.socket { return explicit }
        let path = socketOptions.resolvedPath
        guard standalone || (runOptions.demo && engineListens(at: path)) else { return path }
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory + "/flowtop-\(getpid()).sock"
    }

    private func runEmbedded(terminal: TerminalOptions) async throws {
        var options = ApplicationOptions(
            engine: try alertOptions.applied(to: leadOptions.applied(to: try sloOptions.configuration())),
            socketPath: embeddedSocketPath,
            socketMode: runOptions.socketMode,
            http: httpArguments.watchOptions,
            demo: runOptions.demoIfOn,
            silencesFile: alertOptions.silencesFile,
            notifyFile: runOptions.notify,
            terminal: terminal)
        options.maxConnections = runOptions.maxConnections
        options.storage = standalone && runOptions.dataDir == nil ? .ephemeral : runOptions.storage
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
