import FlowTestKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real terminal for end-to-end tests: a detached tmux session running a command, driven
/// with `send-keys` and read with `capture-pane`. Each session has its own tmux server
/// socket (`-L`), so tests never touch the user's tmux or each other.
final class TmuxSession {
    let server: String
    let name = "t"
    /// Where the pane's shell writes the program's exit status (`exitStatus()`).
    let statusPath: String

    init(command: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        server = "flowtop-e2e-\(UUID().uuidString.prefix(8))"
        var env = ["TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
        // A data directory of its own unless the test gives one: concurrent dashboards
        // would otherwise share (and lock) the user's.
        if environment["XDG_STATE_HOME"] == nil { env.append("XDG_STATE_HOME=\(privateStateHome())") }
        for (k, v) in environment { env.append("\(k)=\(v)") }
        statusPath = NSTemporaryDirectory() + "/\(server).status"
        // The shell in the pane writes the exit status to a file: tmux's own record of it
        // (`pane_dead_status`) needs the tmux server to reap its child, and a server started
        // from a test thread that blocks SIGCHLD may leave it a zombie for good.
        let shellCommand = "env " + env.map(shellQuote).joined(separator: " ") + " "
            + command.map(shellQuote).joined(separator: " ") + "; echo $? > " + shellQuote(statusPath)
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", shellCommand])
        // Keep the pane after the program exits so the test can see how it left the screen.
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusPath)
    }

    /// The program's exit status once it has ended; nil while it runs.
    func exitStatus() -> Int? {
        guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The visible screen as text.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Sets a global option of this session's own tmux server (`mouse on`).
    func setGlobalOption(_ option: String, _ value: String) throws {
        try tmux(["set-option", "-g", option, value])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether the program in the pane has exited.
    func paneIsDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The exit status as tmux recorded it; nil before tmux reaped the program, which may
    /// be never (see `statusPath`): prefer `exitStatus()`.
    func paneExitStatus() throws -> Int? {
        Int(try tmux(["display-message", "-p", "-t", name, "#{pane_dead_status}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    ///
    /// Async, sleeping with `Task.sleep`: a blocking wait would hold one of the few
    /// cooperative threads the whole test run shares and stall the async tests beside it.
    func waitFor(timeout: Double = 15, _ what: String = "", _ predicate: (String) -> Bool) async throws -> String {
        var deadline = PatientDeadline(timeout: .seconds(timeout))
        var screen = ""
        while !deadline.expired {
            screen = try capture()
            if predicate(screen) { return screen }
            try await deadline.pause(.milliseconds(100))
        }
        throw E2EError("timed out after \(timeout)s waiting for \(what); screen was:\n\(screen)")
    }

    /// Through `system()`, not `Process`: the tmux server this starts inherits Foundation's
    /// child-watching descriptor, so `Process` would wait for the server to exit.
    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let outPath = NSTemporaryDirectory() + "flowtop-tmux-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let command = (["tmux", "-L", server] + args).map(shellQuote).joined(separator: " ")
            + " </dev/null >\(shellQuote(outPath)) 2>&1"
        let status = system(command)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else { throw E2EError("tmux \(args.joined(separator: " ")) failed (\(status)): \(output)") }
        return output
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A fresh folder for one flowtop's `XDG_STATE_HOME`, so each process a test starts has a
/// data directory of its own (never the user's, never another test's).
func privateStateHome() -> String {
    let path = NSTemporaryDirectory() + "flowtop-e2e-state-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Runs a program to completion (killing it after `timeout`); returns its exit status and
/// combined output. Output goes through a file so a chatty or hung child can't block us.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
         timeout: Double = 60) throws -> (status: Int32, output: String) {
    let result = try runProcess(executable, arguments, stdin: stdin, timeout: timeout, apart: false)
    return (result.status, result.output)
}

/// `run`, with standard error kept apart: for a test that parses or counts what a command
/// prints, beside the notes it writes on standard error.
func runSplit(_ executable: String, _ arguments: [String], stdin: String? = nil,
              timeout: Double = 60) throws -> (status: Int32, output: String, errors: String) {
    try runProcess(executable, arguments, stdin: stdin, timeout: timeout, apart: true)
}

private func runProcess(_ executable: String, _ arguments: [String], stdin: String?, timeout: Double,
                        apart: Bool) throws -> (status: Int32, output: String, errors: String) {
    let paths = (apart ? ["out", "err"] : ["out"]).map { NSTemporaryDirectory() + "flowtop-e2e-\(UUID().uuidString).\($0)" }
    var handles: [FileHandle] = []
    defer {
        for h in handles { try? h.close() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
    for path in paths {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else { throw E2EError("cannot create \(path)") }
        handles.append(h)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = handles[0]
    p.standardError = handles[handles.count - 1]
    let input = Pipe()
    p.standardInput = input
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_STATE_HOME"] = privateStateHome()
    p.environment = environment
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    var deadline = PatientDeadline(timeout: .seconds(timeout))
    while p.isRunning && !deadline.expired { deadline.pauseBlocking() }
    if p.isRunning {
        p.terminate()
        throw E2EError("\(executable) \(arguments.joined(separator: " ")) did not finish in \(timeout)s")
    }
    let texts = paths.map { String(decoding: FileManager.default.contents(atPath: $0) ?? Data(), as: UTF8.self) }
    return (p.terminationStatus, texts[0], apart ? texts[1] : "")
}

/// The `flowtop` binary built next to this test bundle.
func flowtopBinary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["FLOWTOP_BIN"] { return path }
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent()] {
        let bin = candidate.appendingPathComponent("flowtop").path
        if FileManager.default.isExecutableFile(atPath: bin) { return bin }
    }
    throw E2EError("flowtop binary not found next to \(dir.path); run `swift build` first or set FLOWTOP_BIN")
}

/// A fresh short directory for a socket (Unix socket paths are limited to 107 bytes).
func temporaryDirectory() throws -> String {
    let path = "/tmp/ft-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
