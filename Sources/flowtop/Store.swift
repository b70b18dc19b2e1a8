import ArgumentParser
import FlowApp
import FlowCore
import FlowStore
import Foundation

/// `flowtop store ...`: looking after a data directory (docs/storage.md).
struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look after the engine's data directory (docs/storage.md).",
        subcommands: [Info.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what a data directory holds: size, checkpoints, journal, whether a flowtop uses it.",
            discussion: "Reads without taking the directory's lock, so it works beside the running flowtop.")

        @Option(help: ArgumentHelp(
            "The data directory (default: $XDG_STATE_HOME/flowtop, else ~/.local/state/flowtop).", valueName: "dir"))
        var dataDir: String?

        func run() throws {
            do {
                print(try storeInfoText(dataDir: dataDir, now: EpochMillis(Date().timeIntervalSince1970 * 1000)),
                      terminator: "")
            } catch {
                printError("flowtop store info: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
