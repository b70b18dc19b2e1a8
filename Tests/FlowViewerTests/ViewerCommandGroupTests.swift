import FlowCore
import FlowTestKit
import Foundation
import Testing
@testable import FlowViewer

/// `a` on a group of the alerts pane, sent by an attached viewer: the command's optional
/// `also` carries the group's other alerts, and protocol version 1 stays as it was.
@Suite struct ViewerCommandGroupTests {
    @Test func aVersion1AcknowledgementDecodesAndOneWithoutAlsoEncodesAsBefore() throws {
        let old = #"{"acknowledge":{"alert":"AIResponsesSlow","fingerprint":"9f2c"}}"#
        let decoded = try JSONDecoder().decode(ViewerCommand.self, from: Data(old.utf8))
        #expect(decoded == .acknowledge(fingerprint: "9f2c", alert: "AIResponsesSlow"))
        let single = String(decoding: try JSONEncoder().encode(ViewerCommand.acknowledge(fingerprint: "9f2c", alert: "A")),
                            as: UTF8.self)
        #expect(!single.contains("also"), "\(single)")
        let group = ViewerCommand.acknowledge(fingerprint: "a", alert: "G", also: ["b", "c"])
        #expect(try JSONDecoder().decode(ViewerCommand.self, from: try JSONEncoder().encode(group)) == group)
    }

    @Test func aGroupsAcknowledgementAcknowledgesEveryAlertInItAndItsTakingBackToo() throws {
        let clock = ManualClock()
        let start = clock.now()
        var engine = Engine()
        // Every request of two tenants fails for five minutes: each pages.
        for m in 0..<5 {
            let t = start + Int64(m) * 60_000
            let events = (0..<20).flatMap { i in
                ["acme", "globex"].map { EventBuilder.aiRequest(success: false, tenant: $0, at: t + Int64(i) * 1000) }
            }
            engine.apply(events, receivedAt: t + 59_000)
        }
        clock.set(start + 5 * 60_000)
        _ = engine.snapshot(SnapshotQuery(), now: clock.now())
        let host = EngineHost(engine: engine, clock: clock)
        let firing = host.snapshot(SnapshotQuery()).alerting.alerts.filter { $0.alert.state == .firing }
        try #require(firing.count >= 3)
        let fingerprints = firing.map(\.alert.fingerprint)
        let command = ViewerCommand.acknowledge(fingerprint: fingerprints[0], alert: "ai_request_success page",
                                                also: Array(fingerprints.dropFirst()))
        #expect(command.execute(on: host, author: "ana") == .done)
        let after = host.snapshot(SnapshotQuery()).alerting.alerts.filter { fingerprints.contains($0.alert.fingerprint) }
        #expect(after.allSatisfy { $0.alert.acknowledgedBy == "ana" })
        let back = ViewerCommand.unacknowledge(fingerprint: fingerprints[0], alert: "ai_request_success page",
                                               also: Array(fingerprints.dropFirst()))
        #expect(back.execute(on: host, author: "ana") == .done)
        #expect(host.snapshot(SnapshotQuery()).alerting.alerts.allSatisfy { !$0.alert.isAcknowledged })
        // Nothing left to take back: refused, once.
        if case .refused = back.execute(on: host, author: "ana") {} else { Issue.record("expected a refusal") }
    }
}
