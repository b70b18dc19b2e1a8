import FlowCore
import FlowNotify
import Foundation
import Testing

/// Alertmanager API v2 posts: the endpoint, the alert fields, batching and replicas.
@Suite struct AlertmanagerAlertsTests {
    static func postings(_ observations: [AlertObservation], at t: EpochMillis = t0) -> [AlertmanagerPosting] {
        var book = AlertBook()
        book.evaluate(observations, at: t)
        return book.alerts.map { AlertmanagerPosting(alert: $0, startsAt: t, endsAt: t + 4 * minute) }
    }

    static func alerts(_ message: OutboundMessage) throws -> [[String: Any]] {
        guard case .http(let request) = message,
              let array = try JSONSerialization.jsonObject(with: Data(request.body)) as? [[String: Any]] else {
            throw FixtureError("expected a JSON array")
        }
        return array
    }

    @Test func itPostsToTheV2AlertsEndpoint() throws {
        #expect(AlertmanagerAlerts.endpoint("http://127.0.0.1:9093") == "http://127.0.0.1:9093/api/v2/alerts")
        #expect(AlertmanagerAlerts.endpoint("http://am.internal/alertmanager/")
                == "http://am.internal/alertmanager/api/v2/alerts")
        let messages = AlertmanagerAlerts(urls: ["http://127.0.0.1:9093"]).messages(for: Self.postings([burn()]))
        #expect(try messages.map { try request($0).url } == ["http://127.0.0.1:9093/api/v2/alerts"])
        #expect(try request(messages[0]).method == "POST")
    }

    @Test func anAlertHasLabelsAnnotationsAndMillisecondTimes() throws {
        let message = AlertmanagerAlerts(urls: ["http://am:9093"]).messages(for: Self.postings([threshold()]))[0]
        #expect(try bodyText(message) == """
            [{"labels":{"alertname":"AICostHigh","severity":"ticket"},\
            "annotations":{"runbook_url":"https://runbooks.example.com/ai-cost","summary":"AI spend above $50 an hour"},\
            "startsAt":"2026-11-25T10:00:00.000Z","endsAt":"2026-11-25T10:04:00.000Z"}]
            """)
    }

    @Test func theGeneratorURLIsSentWhenConfigured() throws {
        let alertmanager = AlertmanagerAlerts(urls: ["http://am:9093"], generatorURL: "http://flowtop.internal:9464/")
        let alert = try Self.alerts(alertmanager.messages(for: Self.postings([burn()]))[0])[0]
        #expect(alert["generatorURL"] as? String == "http://flowtop.internal:9464/")
    }

    @Test func everyReplicaGetsEveryPostInBatchesOf256() throws {
        let alertmanager = AlertmanagerAlerts(urls: ["http://am-0:9093", "http://am-1:9093"])
        let many = Self.postings((0..<300).map { burn(tenant: "t\($0)") })
        let messages = alertmanager.messages(for: many)
        #expect(try messages.map { try request($0).url } == [
            "http://am-0:9093/api/v2/alerts", "http://am-0:9093/api/v2/alerts",
            "http://am-1:9093/api/v2/alerts", "http://am-1:9093/api/v2/alerts",
        ])
        #expect(try messages.map { try Self.alerts($0).count } == [256, 44, 256, 44])
    }

    @Test func nothingToPostIsNoRequest() {
        #expect(AlertmanagerAlerts(urls: ["http://am:9093"]).messages(for: []).isEmpty)
    }
}
