import FlowTestKit
import Foundation
import Testing

/// A running `flowtop serve` with its standard error in a file, for the end-to-end
/// suites (serve command, Prometheus scrape, hostile clients).
///
/// Started through `sh` when `openFileLimit` is given, so `ulimit -n` applies to it alone.
///
/// ```swift
/// let serve = try ServeProcess(["--http", "127.0.0.1:0"], in: try temporaryDirectory())
/// let port = try await serve.waitForHTTPPort()
/// serve.process.terminate()
/// #expect(try await serve.waitForExit() == 0)
/// ```
final class ServeProcess {
    let process = Process()
    let socket: String
    let logPath: String

    /// `tmpfs`: a folder to mount a tmpfs of `size` on (`unshare -m`, so only this
    /// process sees it) before it starts: a disk that fills up.
    init(_ arguments: [String], in dir: String, openFileLimit: Int? = nil,
         tmpfs: (path: String, size: String)? = nil) throws {
        socket = dir + "/events.sock"
        logPath = dir + "/serve.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let command = ["serve", "--socket", socket] + arguments
        if let tmpfs {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = ["-m", "sh", "-c",
                                 "mkdir -p \(shellQuote(tmpfs.path)) && mount -t tmpfs -o size=\(tmpfs.size) tmpfs "
                                     + shellQuote(tmpfs.path) + #" && exec "$0" "$@""#, try flowtopBinary()] + command
        } else if let openFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(openFileLimit) && " + #"exec "$0" "$@""#, try flowtopBinary()] + command
        } else {
            process.executableURL = URL(fileURLWithPath: try flowtopBinary())
            process.arguments = command
        }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = dir + "/state"
        process.environment = environment
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Whether this machine lets a test mount a tmpfs in a mount namespace of its own
    /// (root, or a container allowed to): the full-disk test needs it.
    static let canMountTmpfs: Bool = {
        let probe = NSTemporaryDirectory() + "flowtop-tmpfs-probe-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
              let (status, _) = try? run("/usr/bin/unshare", ["-m", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe],
                                         timeout: 20)
        else { return false }
        return status == 0
    }()

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The HTTP port, from the log line `listening for HTTP` (`url=http://127.0.0.1:PORT/...`).
    /// The log is read once more after the deadline: on a loaded machine the test's own
    /// thread can be held past it while the line is already there.
    func waitForHTTPPort(timeout: Double = 60) async throws -> Int {
        var deadline = PatientDeadline(timeout: .seconds(timeout))
        while true {
            if let line = log.split(separator: "\n").first(where: { $0.contains("listening for HTTP") }),
               let range = line.range(of: "url=http://127.0.0.1:"),
               let port = Int(line[range.upperBound...].prefix(while: \.isNumber)) {
                return port
            }
            guard !deadline.expired, process.isRunning else { break }
            try await deadline.pause()
        }
        let state = process.isRunning ? "still running" : "exited with \(process.terminationStatus)"
        throw E2EError("flowtop serve did not log its HTTP address (\(state)):\n\(log)")
    }

    /// Waits for the process to end; its exit status.
    func waitForExit(timeout: Double = 20) async throws -> Int32 {
        var deadline = PatientDeadline(timeout: .seconds(timeout))
        while process.isRunning && !deadline.expired { try await deadline.pause() }
        guard !process.isRunning else { throw E2EError("flowtop serve still running after \(timeout)s:\n\(log)") }
        return process.terminationStatus
    }

    /// SIGTERM, then the exit status.
    func stop() async throws -> Int32 {
        process.terminate()
        return try await waitForExit()
    }

    /// Its resident memory and CPU time so far.
    func usage() throws -> ProcessUsage { try ProcessUsage(pid: process.processIdentifier) }
}
