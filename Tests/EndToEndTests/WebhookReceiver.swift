import FlowTestKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// FlowNotifyTests' HTTP receiver (`Tests/FlowNotifyTests/Receivers/http_receiver.py`, a
/// stand-in for Slack's webhooks and PagerDuty's Events API on a free port of 127.0.0.1)
/// for tests of the real binary: started in a folder of its own, it records every request
/// to `requests.jsonl` there. Killed by `stop()` or when the value goes away; it also
/// exits by itself once the test runner is gone.
///
/// ```swift
/// let receiver = try WebhookReceiver.start()
/// defer { receiver.stop() }
/// let requests = try receiver.requests()
/// ```
final class WebhookReceiver: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process: Process

    /// The script, found from this file: the tests run from a checkout.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FlowNotifyTests/Receivers/http_receiver.py")
    static let python = "/usr/bin/python3"

    /// Whether the receiver can run here; on CI (`CI` set) the tests run anyway, so a
    /// missing install fails loudly instead of skipping.
    static let runnable = FileManager.default.isExecutableFile(atPath: python)
        || ProcessInfo.processInfo.environment["CI"] != nil

    private init(process: Process, directory: URL, port: Int) {
        self.process = process
        self.directory = directory
        self.port = port
    }

    deinit { stop() }

    /// Starts the receiver with its scripted answers (`http_receiver.py`'s RESPONSE list)
    /// and waits for it to write its port.
    static func start(_ responses: [String] = [], timeout: Double = 60) throws -> WebhookReceiver {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("flowtop-e2e-receiver-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("output.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, directory.path] + responses
        process.currentDirectoryURL = directory
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var deadline = PatientDeadline(timeout: .seconds(timeout))
        while !deadline.expired {
            if let text = try? String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8), let port = Int(text) {
                return WebhookReceiver(process: process, directory: directory, port: port)
            }
            guard process.isRunning else { break }
            deadline.pauseBlocking(.milliseconds(50))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw E2EError("http_receiver.py did not start within \(timeout)s: \(said.suffix(2000))")
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Kills it (SIGKILL: nothing it holds needs a graceful end) and removes its folder.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// One request as the receiver recorded it, with the answer it gave.
    struct Request: Decodable {
        var n: Int
        /// When it arrived, in the receiver's monotonic seconds.
        var t: Double
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
        var status: Int
        var reply: String

        /// The body as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw E2EError("request \(n) to \(path) is not a JSON object: \(body)")
            }
            return object
        }
    }

    /// Every request recorded so far (whole lines only: one may be half written), in
    /// arrival order.
    func requests() throws -> [Request] {
        let file = directory.appendingPathComponent("requests.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let end = text.lastIndex(of: "\n") else { return [] }
        return try text[..<end].split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
            .sorted { $0.n < $1.n }
    }

    /// Polls the requests until `pick` finds one, or fails after `timeout` with what came.
    func waitFor<T>(timeout: Double = 60, _ what: String, _ pick: ([Request]) throws -> T?) async throws -> T {
        var deadline = PatientDeadline(timeout: .seconds(timeout))
        while true {
            let requests = try self.requests()
            if let found = try pick(requests) { return found }
            guard !deadline.expired else {
                let seen = requests.map { "\($0.status) \($0.path) \($0.body.prefix(300))" }.joined(separator: "\n")
                throw E2EError("timed out after \(timeout)s waiting for \(what); the receiver got:\n\(seen)")
            }
            try await deadline.pause(.milliseconds(100))
        }
    }
}
