import FlowCore
import Foundation
import Testing
@testable import FlowNotify

/// `notifier-log.json` across builds: a file an earlier build wrote (`Fixtures/
/// notifier-log-format-1.json`, written by commit bfc5682's `NotifierLog` after an
/// outage page it could not deliver: the Slack planner's memory and one pending
/// message) is read whole, and what this build writes reads back in Foundation's decoder,
/// the way the earlier build reads it.
@Suite struct NotifierLogFormatTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/notifier-log-format-1.json")

    static func directory(with file: Data? = nil) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notifier-log-format-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let file { try file.write(to: URL(fileURLWithPath: path + "/" + NotifierLog.fileName)) }
        return path
    }

    @Test func aLogOfTheEarlierFormatIsReadWhole() throws {
        let bytes = try Data(contentsOf: Self.fixture)
        let directory = try Self.directory(with: bytes)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kept = try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + NotifierLog.fileName + ".corrupt"))
        #expect(kept == (try JSONDecoder().decode(NotifierLog.Contents.self, from: bytes)))
        #expect(kept.format == 1 && kept.pending.map(\.notifier) == ["slack"])
        #expect(kept.memory.slack != nil && kept.memory != NotificationDispatch.Memory())
        guard case .batch(let batch) = try #require(kept.pending.first).planned else {
            Issue.record("the pending message is not a batch")
            return
        }
        #expect(batch.reason == .firing && !batch.alerts.isEmpty)
    }

    /// Read, then written again by this build: Foundation's decoder (the earlier build's
    /// reader) reads the same contents from the new file.
    @Test func whatThisBuildWritesTheEarlierBuildReads() throws {
        let directory = try Self.directory(with: try Data(contentsOf: Self.fixture))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try NotifierLog.open(directory: directory, logger: .init(label: "t"))
        let batch = NotificationBatch(groupKey: "alertname=A", alerts: [], reason: .resolved, at: 1_795_600_980_000)
        let message = OutboundMessage.http(OutboundHTTPRequest(url: "http://127.0.0.1:9/", body: []))
        _ = log.record(log.contents.memory, planned: [(notifier: "slack", message: message, planned: .batch(batch), part: 0)])
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + NotifierLog.fileName))
        #expect(try JSONDecoder().decode(NotifierLog.Contents.self, from: written) == log.contents)
        #expect(log.contents.pending.count == 2)
        #expect(try NotifierLog.open(directory: directory, logger: .init(label: "t")).kept == log.contents)
    }
}
