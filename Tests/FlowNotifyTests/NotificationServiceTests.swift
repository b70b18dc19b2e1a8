import FlowCore
import FlowTestKit
import Foundation
import Synchronization
import Testing
@testable import FlowNotify

/// The notifiers wired to a live engine host, without the terminal or the network: a
/// fake transport records what the queues send.
@Suite(.timeLimit(.minutes(5))) struct NotificationServiceTests {
    /// A transport that takes every message and remembers it.
    final class RecordingTransport: MessageTransport {
        private let sent = Mutex<[OutboundMessage]>([])

        func send(_ message: OutboundMessage) async -> DeliveryOutcome {
            sent.withLock { $0.append(message) }
            return .delivered
        }

        var messages: [OutboundMessage] { sent.withLock { $0 } }
    }

    static let webhook = "https://hooks.slack.com/services/T0/B0/secret"
    static let minute: EpochMillis = 60_000
    /// On a minute boundary, as the engine's alert clock counts.
    static let t: EpochMillis = 1_795_600_800_000

    /// An hour of clean ai_request events, then 100 failures in one minute: the
    /// ai_request_success 1h page tier fires at t+1m (EngineAlertingTests' outage).
    static func outage(_ host: EngineHost, clock: ManualClock) {
        clock.set(t + 15_000)
        host.apply(EventBuilder.aiRequests(good: 600, bad: 0, from: t - 60 * minute, until: t)
                   + EventBuilder.aiRequests(good: 0, bad: 100, from: t + 5_000, until: t + 15_000))
    }

    /// Waits for `condition` with no bound of its own: the suite's time limit fails a
    /// service that never gets there. A deadline on the wait flaked in CI: with the whole
    /// suite running, the 2-thread async pool starved the service task (not this loop)
    /// for well over 30 s, so even a patient deadline expired.
    static func until(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func anIncidentReachesSlackOnceAsOneGroupedMessage() async throws {
        let clock = ManualClock(at: Self.t - 61 * Self.minute)
        let host = EngineHost(engine: Engine(), clock: clock)
        Self.outage(host, clock: clock)
        clock.set(Self.t + 2 * Self.minute)
        let configuration = NotifierConfiguration(route: NotificationRoute(groupWait: 0),
                                                  slack: .init(webhookURL: Secret(Self.webhook)))
        let transport = RecordingTransport()
        let service = NotificationService(configuration: configuration, host: host, http: transport, email: nil,
                                          interval: .milliseconds(10), logger: .init(label: "test"))
        let running = Task { try await service.run() }
        try await Self.until { !transport.messages.isEmpty }
        try await Task.sleep(for: .milliseconds(200))   // many more polls: nothing new to say
        running.cancel()
        try await running.value

        #expect(transport.messages.count == 1)
        guard case .http(let request)? = transport.messages.first else {
            Issue.record("expected one HTTP request, got \(transport.messages)")
            return
        }
        #expect(request.url == Self.webhook)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains("[FIRING:"))
        #expect(body.contains("ErrorBudgetBurn ai_request_success"))
        #expect(service.statuses.current().map(\.name) == ["slack"])
        #expect(service.statuses.current().first?.sent == 1)
        #expect(service.statuses.failures == 0)
    }

    @Test func groupsOverTheCapReachTheDashboardWithTheirNotifier() async throws {
        let clock = ManualClock(at: Self.t - 61 * Self.minute)
        let host = EngineHost(engine: Engine(), clock: clock)
        Self.outage(host, clock: clock)
        clock.set(Self.t + 2 * Self.minute)
        // One group per alert, at most one followed: every sendable alert but the first is refused.
        let sendable = host.alerting().alerts.filter { $0.alert.state == .firing && !$0.inhibited && !$0.isMuted }
        #expect(sendable.count >= 2)
        let configuration = NotifierConfiguration(
            route: NotificationRoute(groupBy: [NotificationRoute.everyLabel], groupWait: 0),
            alertmanager: .init(urls: ["http://127.0.0.1:9093"]), slack: .init(webhookURL: Secret(Self.webhook)))
        let transport = RecordingTransport()
        let service = NotificationService(configuration: configuration, host: host, http: transport, email: nil,
                                          interval: .milliseconds(10), maxGroups: 1, logger: .init(label: "test"))
        let running = Task { try await service.run() }
        // The poll loop publishes the refusals right after it enqueues.
        try await Self.until {
            service.statuses.current().allSatisfy { $0.sent > 0 } && service.statuses.refusedGroups(of: "slack") > 0
        }
        running.cancel()
        try await running.value

        let statuses = service.statuses.current()
        #expect(statuses.map(\.name) == ["alertmanager", "slack"])
        #expect(statuses.last == NotifierStatus(name: "slack", sent: 1, lastSuccessAt: clock.now(),
                                                refusedGroups: sendable.count - 1))
        #expect(statuses.first?.refusedGroups == 0)   // Alertmanager groups on its own
    }

    @Test func theDashboardSeesEachQueuesStatusAndItsRefusedGroups() {
        let queues = ["slack", "email"].map {
            DeliveryQueue(notifier: $0, transport: RecordingTransport(), clock: ManualClock(at: Self.t),
                          logger: .init(label: "test"))
        }
        let provider = NotifierStatusProvider(queues)
        #expect(provider.current() == [NotifierStatus(name: "slack"), NotifierStatus(name: "email")])
        provider.record(refusedGroups: ["email": 3, "slack": 0])
        #expect(provider.current().map(\.refusedGroups) == [0, 3])
        provider.record(refusedGroups: ["email": 0])   // the next planning had room again
        #expect(provider.refusedGroups(of: "email") == 0)
    }

    @Test func theDispatchCountsTheGroupsEachPlannerRefused() {
        var book = AlertBook()
        let names = ["AICostHigh", "IngestSilent", "RejectedLines"]
        book.evaluate(names.map { AlertObservation(labels: AlertLabels(["alertname": $0, "severity": "page"]),
                                                   holds: true, value: 1, forMillis: 0) }, at: Self.t)
        let alerts = book.alerts.map { ListedAlert(alert: $0) }
        let configuration = NotifierConfiguration(
            route: NotificationRoute(groupWait: 0), alertmanager: .init(urls: ["http://127.0.0.1:9093"]),
            slack: .init(webhookURL: Secret(Self.webhook)), pagerDuty: .init(routingKey: Secret("R0UT1NGK3Y")))
        var dispatch = NotificationDispatch(configuration, maxGroups: 2)
        let messages = dispatch.messages(for: alerts, at: Self.t)
        #expect(dispatch.refusedGroups == ["slack": 1, "pagerduty": 1])
        #expect(messages.filter { $0.notifier == "slack" }.count == 2)
        #expect(messages.filter { $0.notifier == "alertmanager" }.count == 1)   // all three in one post
        var roomy = NotificationDispatch(configuration)
        _ = roomy.messages(for: alerts, at: Self.t)
        #expect(roomy.refusedGroups == ["slack": 0, "pagerduty": 0])
    }

    @Test func theDispatchSendsPagerDutyAndAlertmanagerTheirOwnMessages() {
        let clock = ManualClock(at: Self.t - 61 * Self.minute)
        let host = EngineHost(engine: Engine(), clock: clock)
        Self.outage(host, clock: clock)
        clock.set(Self.t + 2 * Self.minute)
        let configuration = NotifierConfiguration(
            route: NotificationRoute(groupWait: 0), alertmanager: .init(urls: ["http://127.0.0.1:9093"]),
            pagerDuty: .init(routingKey: Secret("R0UT1NGK3Y")))
        var dispatch = NotificationDispatch(configuration)
        let first = dispatch.messages(for: host.alerting().alerts, at: clock.now())
        #expect(first.filter { $0.notifier == "pagerduty" }.count == 1)
        #expect(first.filter { $0.notifier == "alertmanager" }.count == 1)
        // A second later: PagerDuty has nothing new; Alertmanager waits its resend interval.
        clock.advance(seconds: 1)
        #expect(dispatch.messages(for: host.alerting().alerts, at: clock.now()).isEmpty)
    }
}
