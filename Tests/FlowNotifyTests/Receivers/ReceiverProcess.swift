import FlowTestKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real receiver for an integration test: a process started on 127.0.0.1 with a folder of
/// its own, killed by `stop()` or when the value goes away (the Python receivers also exit
/// by themselves once the test runner is gone). Its output goes to `output.log` in the
/// folder, which failures quote.
///
/// ```swift
/// let smtp = try await ReceiverProcess.python("smtp_receiver.py")
/// defer { smtp.stop() }
/// ```
final class ReceiverProcess: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process: Process

    /// The folder of this file, where the receiver scripts are.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// Debian's Python, the one `python3-aiosmtpd` installs for (not a pyenv shim's).
    static let python = "/usr/bin/python3"

    /// Whether Debian's Python has aiosmtpd (`apt-get install python3-aiosmtpd`).
    static let hasAiosmtpd: Bool = FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd")

    private init(process: Process, directory: URL, port: Int) {
        self.process = process
        self.directory = directory
        self.port = port
    }

    deinit { stop() }

    /// Runs one of the scripts beside this file with `DIR` and `arguments`; the script binds
    /// a free port and writes it to `DIR/port`.
    static func python(_ script: String, _ arguments: [String] = [], timeout: Duration = .seconds(60)) async throws
        -> ReceiverProcess
    {
        let directory = try makeDirectory()
        let process = try launch(
            python, [scripts.appendingPathComponent(script).path, directory.path] + arguments, in: directory)
        let portFile = directory.appendingPathComponent("port")
        let port = try await eventually(timeout: timeout, "\(script) to write its port", log: directory) {
            guard process.isRunning else { throw ReceiverError("\(script) exited", log: directory) }
            return (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
        }
        return ReceiverProcess(process: process, directory: directory, port: port)
    }

    /// Runs `executable` with arguments made from a free port and a fresh folder, then waits
    /// until `GET readyPath` answers 200.
    static func server(
        _ executable: String, readyPath: String, timeout: Duration = .seconds(60),
        arguments: (_ port: Int, _ directory: URL) throws -> [String]
    ) async throws -> ReceiverProcess {
        var attempt = 1
        while true {
            let directory = try makeDirectory()
            let port = try freePort()
            let process = try launch(executable, try arguments(port, directory), in: directory)
            let receiver = ReceiverProcess(process: process, directory: directory, port: port)
            do {
                try await eventually(timeout: timeout, "\(executable) to be ready", log: directory) { () -> Bool? in
                    guard process.isRunning else { throw ReceiverError("\(executable) exited", log: directory) }
                    let status = try? await receiver.get(readyPath).status
                    return status == 200 ? true : nil
                }
                return receiver
            } catch where !process.isRunning && attempt < 3 {
                attempt += 1  // most likely its port was taken meanwhile: another one
            }
        }
    }

    /// Kills the receiver (SIGKILL: a child of the test runner inherits its blocked SIGTERM,
    /// and nothing a receiver holds needs a graceful end) and removes its folder. Foundation
    /// reaps the process.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// `GET path` on the receiver: status and body.
    func get(_ path: String) async throws -> (status: Int, body: Data) {
        guard let target = URL(string: url + path) else { throw ReceiverError("not a URL: \(url + path)") }
        var request = URLRequest(url: target, timeoutInterval: 5)
        request.httpMethod = "GET"
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The end of the receiver's output, for a failure message.
    var log: String { Self.tail(of: directory) }

    private static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowtop-receiver-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func launch(_ executable: String, _ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let logURL = directory.appendingPathComponent("output.log")
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw ReceiverError("cannot create \(logURL.path)")
        }
        let output = try FileHandle(forWritingTo: logURL)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func tail(of directory: URL) -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("output.log"), encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }

    /// A port nobody listens on now, for a server started next; tests running alongside may
    /// be handed the same one, so `server` tries again with another when its start fails.
    static func freePort() throws -> Int {
        try RefusingPort().port
    }
}

/// A port of 127.0.0.1 held bound but not listening: connecting to it is refused, and no
/// test running alongside can take it while this value lives.
final class RefusingPort: @unchecked Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ReceiverError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ReceiverError("bind to 127.0.0.1:0 failed")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// Polls `probe` every 50 ms until it gives a value, or fails after `timeout` naming `what`.
@discardableResult
func eventually<T>(
    timeout: Duration = .seconds(60), _ what: String, log directory: URL? = nil, _ probe: () async throws -> T?
) async throws -> T {
    var deadline = PatientDeadline(timeout: timeout)
    while true {
        if let value = try await probe() { return value }
        guard !deadline.expired else {
            throw ReceiverError("timed out after \(timeout) waiting for \(what) (\(deadline.elapsed) in all, "
                                + "\(deadline.starved) of it with the test unable to run)", log: directory)
        }
        try await deadline.pause()
    }
}

struct ReceiverError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String, log directory: URL? = nil) {
        description = directory.map { message + "; receiver output:\n" + ReceiverProcess.tail(of: $0) } ?? message
    }
}
