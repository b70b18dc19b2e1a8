import FlowCore
import FlowTestKit
import Foundation
import Synchronization
import Testing
@testable import FlowNotify

/// The notifier log over restarts: a new `NotificationService` on the same engine and the
/// same data directory stands for a restarted flowtop (the engine's own restore is the
/// store's tests'). Fake transports record what reaches "Slack".
@Suite(.timeLimit(.minutes(5))) struct NotifierLogTests {
    typealias Recording = NotificationServiceTests.RecordingTransport
    static let t = NotificationServiceTests.t
    static let minute = NotificationServiceTests.minute

    /// A transport whose receiver is down: every message is retried, none arrives.
    final class DownTransport: MessageTransport {
        let attempts = Mutex(0)
        func send(_ message: OutboundMessage) async -> DeliveryOutcome {
            attempts.withLock { $0 += 1 }
            return .retryable(DeliveryFailure("HTTP 503"))
        }
    }

    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notifier-log-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let configuration = NotifierConfiguration(
        route: NotificationRoute(groupWait: 0, groupInterval: 0),
        slack: .init(webhookURL: Secret(NotificationServiceTests.webhook)))

    /// Runs a service ("a flowtop") with the log in `directory` until `done` holds, then
    /// stops it as a cancellation does.
    static func run(_ host: EngineHost, _ transport: some MessageTransport, directory: String,
                    until done: @escaping @Sendable () -> Bool) async throws {
        let log = try NotifierLog.open(directory: directory, logger: .init(label: "test"))
        let service = NotificationService(configuration: configuration, host: host, http: transport, email: nil,
                                          interval: .milliseconds(10), logger: .init(label: "test"), log: log)
        let running = Task { try await service.run() }
        try await NotificationServiceTests.until(done)
        try await Task.sleep(for: .milliseconds(150))   // more polls: anything extra would be sent now
        running.cancel()
        try await running.value
    }

    /// An engine whose `ai_request_success` page fires (NotificationServiceTests' outage),
    /// two minutes into it.
    static func incident() -> (EngineHost, ManualClock) {
        let clock = ManualClock(at: t - 61 * minute)
        let host = EngineHost(engine: Engine(), clock: clock)
        NotificationServiceTests.outage(host, clock: clock)
        clock.set(t + 2 * minute)
        return (host, clock)
    }

    static func reasons(_ transport: Recording) -> [String] {
        transport.messages.compactMap { message -> String? in
            guard case .http(let request) = message else { return nil }
            let body = String(decoding: request.body, as: UTF8.self)
            return body.contains("[RESOLVED") ? "resolved" : body.contains("[FIRING:") ? "firing" : "other"
        }
    }

    @Test func aRestartDoesNotPageAgainAndSendsTheResolutionThatFellDueOnce() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (host, clock) = Self.incident()

        let first = Recording()
        try await Self.run(host, first, directory: directory) { !first.messages.isEmpty }
        #expect(Self.reasons(first) == ["firing"])
        #expect(try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept.pending.isEmpty)

        // Restarted while the incident still burns: nothing new to say.
        let second = Recording()
        try await Self.run(host, second, directory: directory) { true }
        #expect(second.messages.isEmpty)

        // Down while the incident ended; the next start owes the resolution, once.
        clock.set(Self.t + 4 * 24 * 60 * Self.minute)   // past the slowest tier (3d/6h)
        #expect(!host.alerting().alerts.contains { $0.alert.state == .firing })
        let third = Recording()
        try await Self.run(host, third, directory: directory) { !third.messages.isEmpty }
        #expect(Self.reasons(third) == ["resolved"])
        let fourth = Recording()
        try await Self.run(host, fourth, directory: directory) { true }
        #expect(fourth.messages.isEmpty)
    }

    @Test func aMessageStillQueuedAtShutdownIsSentAfterTheRestartAndTheLogHoldsNoSecret() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (host, clock) = Self.incident()

        let down = DownTransport()
        try await Self.run(host, down, directory: directory) { down.attempts.withLock { $0 } > 0 }
        let kept = try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept
        #expect(kept.pending.map(\.notifier) == ["slack"])
        let file = try String(contentsOfFile: directory + "/" + NotifierLog.fileName, encoding: .utf8)
        #expect(!file.contains("hooks.slack.com"))
        #expect(!file.contains("secret"))

        let up = Recording()
        try await Self.run(host, up, directory: directory) { !up.messages.isEmpty }
        #expect(Self.reasons(up) == ["firing"])
        guard case .http(let request)? = up.messages.first else { return }
        #expect(request.url == NotificationServiceTests.webhook)   // rendered with today's configuration
        #expect(try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept.pending.isEmpty)
    }

    @Test func anUnreadableLogIsSetAsideAndANewerOneRefused() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + NotifierLog.fileName
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        let log = try NotifierLog.open(directory: directory, logger: .init(label: "t"))
        #expect(log.kept.pending.isEmpty)
        #expect(FileManager.default.fileExists(atPath: path + ".corrupt"))
        #expect(!FileManager.default.fileExists(atPath: path))

        try #"{"format": 2, "whatever": true}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try NotifierLog.open(directory: directory, logger: .init(label: "t"))
        } throws: { error in
            "\(error)".contains("written by a newer flowtop (notifier log format 2; this build reads 1)")
                && "\(error)".contains(path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("whatever"))   // left as it was
    }

    /// What the log keeps between a planning and its deliveries, as settlements come in:
    /// a message leaves once delivered, refused or superseded, and stays when abandoned.
    /// Without a data directory the same holds in memory, and nothing is written.
    @Test func settlementsDecideWhatStaysWithOrWithoutAFile() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let batch = NotificationBatch(groupKey: "alertname=A", alerts: [], reason: .firing, at: Self.t)
        let message = OutboundMessage.http(OutboundHTTPRequest(url: "http://127.0.0.1:9/", body: []))
        let planned = (0..<4).map { part in (notifier: "slack", message: message, planned: PlannedNotification.batch(batch), part: part) }
        for log in [NotifierLog.ephemeral(), try NotifierLog.open(directory: directory, logger: .init(label: "t"))] {
            let ids = log.record(.init(), planned: planned)
            #expect(Set(ids).count == 4)
            log.settled(ids[0], .delivered)
            log.settled(ids[1], .failed)
            log.settled(ids[2], .superseded)
            log.settled(ids[3], .abandoned)
            #expect(log.contents.pending.map(\.id) == [ids[3]])
        }
        #expect(NotifierLog.ephemeral().path == nil)
        let kept = try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept
        #expect(kept.pending.map(\.part) == [3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [NotifierLog.fileName])
    }
}
