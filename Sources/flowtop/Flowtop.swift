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
        subcommands: [Watch.self, Serve.self, Demo.self, Emit.self, Report.self, Snapshot.self, SLOs.self, Store.self, Import.self, Status.self],
        defaultSubcommand: Watch.self)

    /// ArgumentParser's own `main`, except that an error goes to standard error with its
    /// control characters escaped (`printErrorLines`): the parser quotes arguments in its
    /// messages, and `--now $'\e[2J'` must not clear the user's screen. Help and other
    /// clean exits print as ArgumentParser prints them.
    /// `flowtop report KIND ...` with a KIND that is none: ArgumentParser reports the first
    /// option it cannot place (`Unknown option '--input'`) before the kind, which sends
    /// people looking at the wrong word. This names the kind and what exists.
    static func unknownReport(in arguments: [String]) -> String? {
        let words = Array(arguments.dropFirst())
        guard words.first == "report", words.count > 1, !words[1].hasPrefix("-") else { return nil }
        let kinds = Report.configuration.subcommands.map { $0._commandName }
        guard !kinds.contains(words[1]) else { return nil }
        return "Error: no report named '\(words[1])'; say \(kinds.dropLast().joined(separator: ", ")) or \(kinds.last ?? "")\n"
            + "Usage: \(usageString(for: Report.self))\n  See 'flowtop report --help' for more information."
    }

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
            let message = unknownReport(in: CommandLine.arguments) ?? fullMessage(for: error)
            if !message.isEmpty { printErrorLines(message) }
            Glibc.exit(status.rawValue)
        }
    }
}
