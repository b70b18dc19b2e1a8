import FlowCore
import FlowNotify
import FlowTestKit
import Foundation
import Testing

/// A real Alertmanager (Debian's `prometheus-alertmanager`) on a free port of 127.0.0.1,
/// with a route to a receiver that sends nothing: alerts go in through `HTTPTransport` and a
/// `DeliveryQueue`, and Alertmanager's own API says what it made of them.
@Suite(.enabled(if: alertmanagerRunnable, "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)"))
struct AlertmanagerIntegrationTests {
    static let binary = alertmanagerBinary

    @Test func aPostedAlertIsListedActiveAndGoneOnceResolved() async throws {
        let alertmanager = try await Self.start()
        defer { alertmanager.stop() }
        let name = "FlowtopIntegration\(UUID().uuidString.prefix(8))"
        let startsAt = Date().addingTimeInterval(-60)

        try await HTTPTransport.withTransport { http in
            let queue = DeliveryQueue(notifier: "alertmanager", transport: http, policy: .fast, clock: ManualClock())
            try await queue.whileRunning {
                queue.enqueue(.http(Self.post(name: name, startsAt: startsAt, endsAt: nil, to: alertmanager)))
                try await eventually("the firing alert to be sent") { queue.status.sent == 1 ? true : nil }
                let active = try await eventually("Alertmanager to list the alert") {
                    try await Self.alerts(alertmanager, "?active=true").first { $0.labels["alertname"] == name }
                }
                #expect(active.status.state == "active")
                #expect(active.labels == ["alertname": name, "slo": "ai-cost", "severity": "page"])
                #expect(active.annotations["summary"] == "AI cost 12.40 USD/h over 10")

                queue.enqueue(.http(Self.post(name: name, startsAt: startsAt, endsAt: Date().addingTimeInterval(-1), to: alertmanager)))
                try await eventually("the resolution to be sent") { queue.status.sent == 2 ? true : nil }
                try await eventually("Alertmanager to drop the alert from the active ones") {
                    try await Self.alerts(alertmanager, "?active=true").contains { $0.labels["alertname"] == name } ? nil : true
                }
                #expect(try await Self.alerts(alertmanager, "").contains { $0.labels["alertname"] == name } == false)
            }
            #expect(queue.status.failures == 0)
        }
    }

    @Test func anAlertAlertmanagerRefusesIsNotRetried() async throws {
        let alertmanager = try await Self.start()
        defer { alertmanager.stop() }
        try await HTTPTransport.withTransport { http in
            let queue = DeliveryQueue(notifier: "alertmanager", transport: http, policy: .fast, clock: ManualClock())
            try await queue.whileRunning {
                queue.enqueue(.http(OutboundHTTPRequest(url: alertmanager.url + "/api/v2/alerts", body: Array(#"[{"labels":{}}]"#.utf8))))
                try await eventually("the refusal") { queue.status.failed == 1 ? true : nil }
            }
            #expect(queue.status.retries == 0)
            #expect(queue.status.lastError == #"HTTP 400: "at least one label pair required""#)
        }
    }

    /// What flowtop itself posts, end to end: an alert fired in an `AlertBook`, planned by
    /// `AlertmanagerResender`, built by `AlertmanagerAlerts` and sent through the real
    /// transport and queue, is listed active with exactly our labels, annotations, start,
    /// lease and generator URL; once resolved in the book, the resolution post ends it.
    /// Times are the wall clock's: Alertmanager judges `endsAt` against its own.
    @Test func theAlertsFlowtopBuildsAreListedAsBuiltAndEndWithTheResolution() async throws {
        let alertmanager = try await Self.start()
        defer { alertmanager.stop() }
        let name = "FlowtopBuilt\(UUID().uuidString.prefix(8))"
        let labels = ["alertname": name, "slo": "ai_request_success", "severity": "page", "tenant": "acme",
                      "long_window": "1h", "short_window": "5m"]
        let annotations = ["summary": "ai_request_success (acme) burns its error budget at 20x",
                           "runbook_url": "https://runbooks.example.com/burn"]
        let observation = AlertObservation(labels: AlertLabels(labels), annotations: annotations, holds: true, value: 20)
        let firedAt = Self.wallClock() - 60_000
        var book = AlertBook()
        book.evaluate([observation], at: firedAt)
        var resender = AlertmanagerResender()
        let builder = AlertmanagerAlerts(urls: [alertmanager.url + "/"], generatorURL: "http://flowtop.test:9464/")

        let firingAt = Self.wallClock()
        let firing = resender.plan(book.alerts.map { FlowCore.ListedAlert(alert: $0) }, at: firingAt)
        #expect(firing.map(\.endsAt) == [firingAt + 4 * 60_000])
        let firingMessages = builder.messages(for: firing)
        #expect(try firingMessages.map { try request($0).url } == [alertmanager.url + "/api/v2/alerts"])

        try await HTTPTransport.withTransport { http in
            let queue = DeliveryQueue(notifier: "alertmanager", transport: http, policy: .fast, clock: ManualClock())
            try await queue.whileRunning {
                for message in firingMessages { queue.enqueue(message) }
                try await eventually("the firing post to be sent") { queue.status.sent == 1 ? true : nil }
                let active = try await eventually("Alertmanager to list our alert") {
                    try await Self.alerts(alertmanager, "?active=true").first { $0.labels["alertname"] == name }
                }
                #expect(active.status.state == "active")
                #expect(active.labels == labels)
                #expect(active.annotations == annotations)
                #expect(Self.millis(active.startsAt) == firedAt)
                #expect(Self.millis(active.endsAt) == firingAt + 4 * 60_000)
                #expect(active.generatorURL == "http://flowtop.test:9464/")

                book.evaluate([], at: Self.wallClock())
                let resolvedAt = try #require(book.alerts.first?.resolvedAt)
                let resolved = resender.plan(book.alerts.map { FlowCore.ListedAlert(alert: $0) }, at: resolvedAt)
                #expect(resolved.map(\.endsAt) == [resolvedAt])
                for message in builder.messages(for: resolved) { queue.enqueue(message) }
                try await eventually("the resolution to be sent") { queue.status.sent == 2 ? true : nil }
                try await eventually("Alertmanager to end our alert") {
                    try await Self.alerts(alertmanager, "?active=true").contains { $0.labels["alertname"] == name } ? nil : true
                }
                #expect(try await Self.alerts(alertmanager, "").contains { $0.labels["alertname"] == name } == false)
            }
            #expect(queue.status.failures == 0)
            #expect(queue.status.retries == 0)
        }
    }

    static func wallClock() -> EpochMillis { EpochMillis((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Alertmanager's RFC 3339 times (fractional seconds or none) as epoch milliseconds.
    static func millis(_ text: String?) -> EpochMillis? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return EpochMillis((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Alertmanager with a minimal configuration, its own storage folder, its web API on a
    /// free port of 127.0.0.1 and clustering off (so nothing binds 9094 or any other port).
    static func start() async throws -> ReceiverProcess {
        try await ReceiverProcess.server(binary, readyPath: "/-/ready") { port, directory in
            let configuration = directory.appendingPathComponent("alertmanager.yml")
            try "route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n"
                .write(to: configuration, atomically: true, encoding: .utf8)
            return [
                "--config.file=\(configuration.path)",
                "--storage.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)",
                "--cluster.listen-address=",
                "--log.level=warn",
            ]
        }
    }

    /// An Alertmanager v2 post of one alert, written by hand (the payload builder is tested on
    /// its own): resolved when `endsAt` is in the past.
    static func post(name: String, startsAt: Date, endsAt: Date?, to alertmanager: ReceiverProcess) -> OutboundHTTPRequest {
        let time = ISO8601DateFormatter()
        var alert = #"{"labels":{"alertname":"\#(name)","slo":"ai-cost","severity":"page"},"#
            + #""annotations":{"summary":"AI cost 12.40 USD/h over 10"},"startsAt":"\#(time.string(from: startsAt))""#
        if let endsAt { alert += #","endsAt":"\#(time.string(from: endsAt))""# }
        return OutboundHTTPRequest(url: alertmanager.url + "/api/v2/alerts", body: Array("[\(alert)}]".utf8))
    }

    static func alerts(_ alertmanager: ReceiverProcess, _ query: String) async throws -> [ListedAlert] {
        let (status, body) = try await alertmanager.get("/api/v2/alerts" + query)
        guard status == 200 else { throw ReceiverError("GET /api/v2/alerts\(query) answered \(status)") }
        return try JSONDecoder().decode([ListedAlert].self, from: body)
    }

    /// The parts of `GET /api/v2/alerts` the tests look at.
    struct ListedAlert: Decodable {
        struct Status: Decodable { var state: String }
        var labels: [String: String]
        var annotations: [String: String]
        var status: Status
        var startsAt: String?
        var endsAt: String?
        var generatorURL: String?
    }
}

let alertmanagerBinary = "/usr/bin/prometheus-alertmanager"
let alertmanagerRunnable = FileManager.default.isExecutableFile(atPath: alertmanagerBinary)
    || ProcessInfo.processInfo.environment["CI"] != nil
