import Foundation
import Testing

/// A file that stops a command from starting is said once, as `flowtop: file:line:col: ...`
/// with exit 1, whichever command reads it; only `flowtop slos`, the checker, exits 2. And
/// no message puts a file's or an argument's control characters on the terminal.
@Suite("start-up errors")
struct StartupErrorCommandTests {
    /// `kind: Slo` on line 2, column 7.
    static let badSLOs = "apiVersion: openslo/v1\nkind: Slo\n"

    @Test func aBadSLOFileStopsEveryCommandThatRunsTheEngineWithExit1() throws {
        let dir = try temporaryDirectory()
        let slos = try Fixtures.write(Self.badSLOs, in: dir, name: "bad.yaml")
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let socket = dir + "/s.sock"
        let commands: [[String]] = [
            ["--socket", socket, "--slo", slos],
            ["watch", "--socket", socket, "--slo", slos],
            ["serve", "--socket", socket, "--http", "127.0.0.1:0", "--slo", slos],
            ["report", "slo", "--input", input, "--slo", slos],
            ["snapshot", "--input", input, "--slo", slos],
        ]
        for arguments in commands {
            let (status, output) = try run(try flowtopBinary(), arguments, timeout: 30)
            #expect(status == 1, "\(arguments): \(output)")
            #expect(output.hasPrefix("flowtop: \(slos):2:7: kind: "), "\(arguments): \(output)")
            #expect(!output.contains("Usage:"), "\(arguments): \(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func theSLOCheckerReportsAMistakeWithExit2() throws {
        let dir = try temporaryDirectory()
        let slos = try Fixtures.write(Self.badSLOs, in: dir, name: "bad.yaml")
        let (status, output) = try run(try flowtopBinary(), ["slos", "--slo", slos])
        #expect(status == 2, "\(output)")
        #expect(output.hasPrefix("flowtop: \(slos):2:7: kind: "), "\(output)")
    }

    /// A snapshot of an input it cannot read stops as `report` does, not as a usage error.
    @Test func aSnapshotOfAMissingInputExits1WithoutTheUsage() throws {
        let (status, output) = try run(try flowtopBinary(), ["snapshot", "--input", "/nonexistent/flowtop/events.ndjson"])
        #expect(status == 1, "\(output)")
        #expect(output.hasPrefix("flowtop snapshot: "), "\(output)")
        #expect(!output.contains("Usage:"), "\(output)")
    }

    /// ESC and other control characters in a path, a value or a file reach standard error
    /// as visible escapes (`\x1b`), never as bytes the terminal would act on.
    @Test(arguments: [
        ["--theme", "/nonexistent/\u{1B}]0;pwned\u{07}\u{1B}[2J.theme"],
        ["report", "slo", "--input", "/dev/null", "--now", "\u{1B}[2J\u{9B}31m"],
        ["slos", "--slo", "/nonexistent/\u{1B}[31mred\u{7F}.yaml"],
    ])
    func controlCharactersInMessagesAreEscaped(arguments: [String]) throws {
        let dir = try temporaryDirectory()
        let (status, output) = try run(try flowtopBinary(), ["--socket", dir + "/s.sock"].filter { _ in arguments[0] == "--theme" }
                                       + arguments)
        #expect(status != 0)
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F..<0xA0).contains($0.value) },
                "\(output.debugDescription)")
        #expect(output.contains("\\x1b"), "\(output.debugDescription)")
    }
}
