import ArgumentParser
import FlowApp
#if canImport(Glibc)
import Glibc
#endif

/// flowtop: SLO burn rates, alerts, funnel and attribution for SalesFlow AI, live in the
/// terminal. With no subcommand it runs `watch`.
@main
struct Flowtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowtop",
        abstract: "A live terminal dashboard for SalesFlow AI: SLO burn rates, alerts, funnel, attribution.",
        discussion: """
            Events arrive as newline-delimited JSON on a local Unix socket (see docs/events.md).
            Try `flowtop --demo` for a live simulated workload.
            """,
        subcommands: [Watch.self, Serve.self, Demo.self, Emit.self, Report.self, Snapshot.self, SLOs.self, Store.self, Import.self],
        defaultSubcommand: Watch.self)

    /// ArgumentParser's own `main`, except that an error goes to standard error with its
    /// control characters escaped (`printErrorLines`): the parser quotes arguments in its
    /// messages, and `--now $'\e[2J'` must not clear the user's screen. Help and other
    /// clean exits print as ArgumentParser prints them.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { printErrorLines(message) }
            Glibc.exit(status.rawValue)
        }
    }
}
