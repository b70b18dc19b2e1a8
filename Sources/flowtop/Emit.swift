import ArgumentParser
import FlowApp
import FlowCore

/// Sends NDJSON events to the socket, syncs, and says what was accepted.
struct Emit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send NDJSON events from a file (or - for standard input) to the socket and report what was accepted.",
        discussion: "Exit status: 0 when every line was accepted, 1 when any was rejected, 2 on an error such as no flowtop listening.")

    @OptionGroup var socketOptions: SocketOptions

    @Argument(help: ArgumentHelp("NDJSON file, or - for standard input.", valueName: "file"))
    var input: String = "-"

    func run() async throws {
        let result: EmitResult
        do {
            result = try emitEvents(from: input, socketPath: socketOptions.resolvedPath)
        } catch let error as UserFacingError {
            printError("flowtop emit: \(error.description)")
            throw ExitCode(2)
        }
        print(result.summary)
        if result.rejected > 0 { throw ExitCode(1) }
    }
}
