import FlowCore
import FlowHTTP
import FlowNotify
import FlowTestKit
import Foundation

/// An engine fed one of every tracking call, two tenants, SLO failures and rejections, and
/// its exposition: what the exposition tests read back.
///
/// ```swift
/// let fixture = PrometheusFixture()
/// let parsed = try PrometheusText(fixture.text)
/// ```
struct PrometheusFixture {
    /// Built once for the suites that read it as it is: an engine fed six hours of minutes
    /// costs seconds in a debug build, which every test instance would pay again.
    static let shared = PrometheusFixture()

    static let start = TestTime.start + TestTime.days(3)
    /// Seconds past a minute boundary, so burn windows end mid-minute as they do live.
    static let now = start + TestTime.hours(6) + 42_500

    var engine: Engine
    var context = ExpositionContext(
        openConnections: 3,
        notifiers: [NotifierStatus(name: "slack-oncall", queued: 2, sent: 7, failed: 1, retries: 4, dropped: 0),
                    NotifierStatus(name: "alertmanager", sent: 9)],
        startedAt: start - 90_500)

    init(events extra: [Event] = []) {
        let now = Self.now
        var events = EventBuilder.aiRequests(good: 6_000, bad: 20, from: now - TestTime.hours(6), until: now,
                                             model: "gpt-4o", tenant: "acme")
        events += EventBuilder.aiRequests(good: 900, bad: 12, from: now - TestTime.hours(2), until: now,
                                          model: "claude", tenant: "zeta")
        for i in 0..<300 {
            let model = i % 3 == 0 ? "claude" : "gpt-4o"
            let tenant = i % 2 == 0 ? "acme" : "zeta"
            let at: EpochMillis = now - 2_000 - TestTime.minutes(Int64(i % 50))
            events.append(EventBuilder.aiLatency(Double(100 + i * 9), model: model, tenant: tenant, at: at))
        }
        for i in 0..<200 {
            let at: EpochMillis = now - 1_000 - TestTime.seconds(Int64(i * 7))
            events.append(EventBuilder.messageProcessing(Double(20 + i * 4), success: i % 40 != 0, channel: "whatsapp",
                                                         tenant: "acme", at: at))
        }
        events += [
            EventBuilder.leadCreated("L1", source: "whatsapp", tenant: "acme", at: now - 5_000),
            EventBuilder.leadCreated("L2", source: "website", tenant: "acme", at: now - 4_000),
            EventBuilder.leadCreated("L3", source: "whatsapp", tenant: "zeta", at: now - 3_000),
            EventBuilder.messageSent(channel: "whatsapp", tenant: "acme", at: now - 2_000),
            EventBuilder.messageSent(channel: "email", tenant: "zeta", at: now - 1_000),
            Event(time: now - 1_500, tenant: "acme", body: .aiRequest(AIRequest(
                provider: "anthropic", model: "claude", scenario: "lead_scoring", tokensInput: 512, tokensOutput: 128,
                costUSD: 0.0041, durationSeconds: 0.84))),
        ]
        events += extra
        events.sort { $0.time < $1.time }
        engine = Engine()
        engine.apply(events, receivedAt: now - 500)
        var rejected = RejectionCounts()
        rejected.add(.missingField, 2)
        rejected.add(.invalidJSON)
        engine.recordRejections(rejected, receivedAt: now - 500)
    }

    var export: MetricsExport { engine.metrics(now: Self.now) }
    var text: String { PrometheusExposition.text(export, context: context) }
}

/// The repository's root, for files the tests check (docs/examples).
enum RepositoryRoot {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
