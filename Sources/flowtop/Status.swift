import ArgumentParser
import FlowApp

/// `flowtop status`: one line for a tmux status bar or a script.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one line about the engine on the socket: worst SLO burn, pages, tickets, events/s.",
        discussion: """
            For tmux: set -g status-right '#(flowtop status --format tmux)' and set -g status-interval 5.
            Prints `engine down` when no engine answers: exit 0, so tmux shows it, except under
            --format json, which exits 3 for scripts to test.
            With --prometheus URL, the line is the fleet's, summed by Prometheus over every engine \
            (docs/fleet.md); give the engines' --slo files. `fleet down` when the query API does not answer.
            """)

    @OptionGroup var socketOptions: SocketOptions

    @OptionGroup var fleet: PrometheusOptions

    @OptionGroup var sloOptions: SLOOptions

    @Option(help: ArgumentHelp("tmux (#[fg=...] colours from the theme), text or json.", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp("Theme for the tmux colours (name or path).", valueName: "name|path"))
    var theme: String?

    mutating func validate() throws {
        guard StatusCommand.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be tmux, text or json, not '\(format)'")
        }
    }

    func run() async throws {
        let status: Int32
        if let source = fleet.source {
            let definitions = try sloOptions.definitions(failingWith: ExitCode(1))
            do {
                status = try await runFleetStatus(source, definitions: definitions,
                                                  format: StatusCommand.Format(rawValue: format) ?? .text, themeName: theme)
            } catch {
                printError("flowtop: \(error.description)")
                throw ExitCode(1)
            }
            if status != 0 { throw ExitCode(status) }
            return
        }
        do {
            status = try StatusCommand.run(socketPath: socketOptions.resolvedPath,
                                           format: StatusCommand.Format(rawValue: format) ?? .text, themeName: theme)
        } catch {
            printError("flowtop: \(error.description)")
            throw ExitCode(1)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
